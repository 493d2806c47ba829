"""The quotes and quote_lines tables: imported quotes, read back for lists and detail.

Writers append an event for every change in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ChargeStatus, EntityType, QuoteStatus
from procdesk.domain.quote import (
    LineFacts,
    Quote,
    QuoteDetail,
    QuoteLine,
    QuoteLineState,
    QuoteSummary,
    UnqueuedLine,
)
from procdesk.store import events
from procdesk.store.orders import LIVE
from procdesk.store.schema import charges, order_lines, orders, quote_lines, quotes

# A quote line's columns besides its id and its quote's, in the order of `line_cells`.
LINE_COLUMNS = (
    "line_number",
    "sku",
    "description",
    "category",
    "distributor",
    "distributor_part_number",
    "quantity",
    "unit_cost",
    "unit_price",
    "product_id",
    "billing_code_override",
)


def line_cells(line: LineFacts) -> tuple[Any, ...]:
    """A quote line's values for LINE_COLUMNS."""
    return (
        line.line_number,
        line.sku,
        line.description,
        line.category,
        line.distributor.value,
        line.distributor_part_number,
        line.quantity,
        line.unit_cost,
        line.unit_price,
        line.product_id,
        line.billing_code_override,
    )


def line_values(line: LineFacts) -> dict[str, Any]:
    """A quote line's row, without its id and its quote's."""
    return dict(zip(LINE_COLUMNS, line_cells(line), strict=True))


async def get(conn: AsyncConnection, quote_id: str) -> Quote | None:
    row = (await conn.execute(sa.select(quotes).where(quotes.c.id == quote_id))).first()
    return Quote.model_validate(row._mapping) if row else None


async def lines_of(conn: AsyncConnection, quote_id: str) -> list[QuoteLine]:
    rows = await conn.execute(
        sa.select(quote_lines)
        .where(quote_lines.c.quote_id == quote_id)
        .order_by(quote_lines.c.line_number)
    )
    return [QuoteLine.model_validate(r._mapping) for r in rows]


async def line_override(conn: AsyncConnection, line_id: int) -> int | None:
    """The billing code a quote line names itself (it wins over its category's mapping)."""
    found = await conn.execute(
        sa.select(quote_lines.c.billing_code_override).where(quote_lines.c.id == line_id)
    )
    value = found.scalar()
    return int(value) if value is not None else None


async def add_lines(
    conn: AsyncConnection, quote_id: str, lines: Sequence[Mapping[str, Any]]
) -> list[QuoteLine]:
    """Insert lines of an existing quote (the caller records the event)."""
    if lines:
        await conn.execute(quote_lines.insert(), [{**line, "quote_id": quote_id} for line in lines])
    numbers = [line["line_number"] for line in lines]
    return [line for line in await lines_of(conn, quote_id) if line.line_number in numbers]


async def update(
    conn: AsyncConnection,
    quote_id: str,
    values: Mapping[str, Any],
    *,
    actor: str,
    now: datetime,
    action: str,
    detail: Mapping[str, Any],
) -> Quote:
    await conn.execute(
        quotes.update().where(quotes.c.id == quote_id).values(**values, updated_at=now)
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.QUOTE,
        entity_id=quote_id,
        action=action,
        detail=detail,
        at=now,
    )
    quote = await get(conn, quote_id)
    assert quote is not None
    return quote


async def update_line(conn: AsyncConnection, line_id: int, values: Mapping[str, Any]) -> QuoteLine:
    """Rewrite one line in place (the caller records the event)."""
    await conn.execute(quote_lines.update().where(quote_lines.c.id == line_id).values(**values))
    row = (await conn.execute(sa.select(quote_lines).where(quote_lines.c.id == line_id))).one()
    return QuoteLine.model_validate(row._mapping)


def _summary_query() -> sa.Select[Any]:
    line_totals = (
        sa.select(
            quote_lines.c.quote_id,
            sa.func.count().label("line_count"),
        )
        .group_by(quote_lines.c.quote_id)
        .subquery()
    )
    charge_counts = (
        sa.select(
            charges.c.quote_id,
            sa.func.count().label("charge_count"),
            sa.func.sum(
                sa.case((charges.c.status == ChargeStatus.PENDING.value, 1), else_=0)
            ).label("pending_charges"),
        )
        .group_by(charges.c.quote_id)
        .subquery()
    )
    return (
        sa.select(
            quotes.c.id,
            quotes.c.title,
            quotes.c.company_name,
            quotes.c.status,
            quotes.c.currency,
            quotes.c.ticket_id,
            quotes.c.ticket_number,
            quotes.c.updated_at,
            sa.func.coalesce(line_totals.c.line_count, 0).label("line_count"),
            sa.func.coalesce(charge_counts.c.charge_count, 0).label("charge_count"),
            sa.func.coalesce(charge_counts.c.pending_charges, 0).label("pending_charges"),
        )
        .outerjoin(line_totals, line_totals.c.quote_id == quotes.c.id)
        .outerjoin(charge_counts, charge_counts.c.quote_id == quotes.c.id)
    )


async def list_summaries(
    conn: AsyncConnection, *, status: QuoteStatus | None = None, limit: int | None = None
) -> list[QuoteSummary]:
    """Quotes newest-updated first, with their line and charge counts."""
    query = _summary_query().order_by(quotes.c.updated_at.desc(), quotes.c.id)
    if status is not None:
        query = query.where(quotes.c.status == status.value)
    if limit is not None:
        query = query.limit(limit)
    return [QuoteSummary.model_validate(r._mapping) for r in await conn.execute(query)]


async def detail(conn: AsyncConnection, quote_id: str) -> QuoteDetail | None:
    """A quote with its lines; each line with its newest charge and its order, if any."""
    quote = await get(conn, quote_id)
    if quote is None:
        return None
    other = charges.alias("line_charges")
    newest_charge = (
        sa.select(sa.func.max(other.c.id))
        .where(other.c.quote_line_id == quote_lines.c.id)
        .correlate(quote_lines)
        .scalar_subquery()
    )
    rows = await conn.execute(
        sa.select(
            quote_lines,
            charges.c.id.label("charge_id"),
            charges.c.status.label("charge_status"),
            orders.c.reference.label("order_reference"),
            orders.c.status.label("order_status"),
        )
        .select_from(
            quote_lines.outerjoin(charges, charges.c.id == newest_charge)
            .outerjoin(order_lines, order_lines.c.quote_line_id == quote_lines.c.id)
            .outerjoin(orders, orders.c.id == order_lines.c.order_id)
        )
        .where(quote_lines.c.quote_id == quote_id)
        .order_by(quote_lines.c.line_number)
    )
    return QuoteDetail(
        **quote.model_dump(), lines=[QuoteLineState.model_validate(r._mapping) for r in rows]
    )


async def lines_not_queued(conn: AsyncConnection) -> list[UnqueuedLine]:
    """Lines of accepted quotes that are on no order, or only on cancelled ones (their
    distributor cannot be ordered from, they were never queued, or their order was
    cancelled)."""
    live = (
        sa.select(order_lines.c.quote_line_id)
        .join(orders, orders.c.id == order_lines.c.order_id)
        .where(LIVE)
    )
    rows = await conn.execute(
        sa.select(
            quote_lines.c.id.label("quote_line_id"),
            quote_lines.c.quote_id,
            quote_lines.c.line_number,
            quote_lines.c.sku,
            quote_lines.c.description,
            quote_lines.c.distributor,
            quote_lines.c.quantity,
            quotes.c.company_name,
        )
        .join(quotes, quotes.c.id == quote_lines.c.quote_id)
        .where(quotes.c.status == QuoteStatus.ACCEPTED.value, quote_lines.c.id.not_in(live))
        .order_by(quote_lines.c.quote_id, quote_lines.c.line_number)
    )
    return [UnqueuedLine.model_validate(r._mapping) for r in rows]
