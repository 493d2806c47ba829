"""What the charges table holds, read as `Charge` records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, IssueKind
from procdesk.domain.quote import Quote, QuoteLine
from procdesk.store.schema import charges, quote_lines, quotes


def _charge(row: Any) -> Charge:
    return Charge.model_validate(row._mapping)


async def get(conn: AsyncConnection, charge_id: int) -> Charge | None:
    row = (await conn.execute(sa.select(charges).where(charges.c.id == charge_id))).first()
    return _charge(row) if row else None


async def get_many(conn: AsyncConnection, charge_ids: Sequence[int]) -> list[Charge]:
    rows = await conn.execute(
        sa.select(charges).where(charges.c.id.in_(list(charge_ids))).order_by(charges.c.id)
    )
    return [_charge(r) for r in rows]


async def of_quote(conn: AsyncConnection, quote_id: str) -> list[Charge]:
    """Every charge of a quote, oldest first."""
    rows = await conn.execute(
        sa.select(charges).where(charges.c.quote_id == quote_id).order_by(charges.c.id)
    )
    return [_charge(r) for r in rows]


async def by_line(conn: AsyncConnection, quote_id: str) -> dict[int, list[Charge]]:
    """quote_line_id -> its charges, oldest first, for one quote."""
    result: dict[int, list[Charge]] = {}
    for charge in await of_quote(conn, quote_id):
        result.setdefault(charge.quote_line_id, []).append(charge)
    return result


async def synced_unbilled_after(conn: AsyncConnection, after_id: int, limit: int) -> list[Charge]:
    """Synced, unbilled charges with an Autotask id, by id after `after_id` (keyset pages)."""
    rows = await conn.execute(
        sa.select(charges)
        .where(
            charges.c.status == ChargeStatus.SYNCED.value,
            charges.c.is_billed.is_(False),
            charges.c.autotask_id.is_not(None),
            charges.c.id > after_id,
        )
        .order_by(charges.c.id)
        .limit(limit)
    )
    return [_charge(r) for r in rows]


async def ids_with_status(
    conn: AsyncConnection, status: ChargeStatus, *, error_kind: IssueKind | None = None
) -> list[int]:
    query = sa.select(charges.c.id).where(charges.c.status == status.value)
    if error_kind is not None:
        query = query.where(charges.c.error_kind == error_kind.value)
    return [int(i) for i in (await conn.execute(query.order_by(charges.c.id))).scalars()]


async def ids_in_trouble(
    conn: AsyncConnection, *, error_kind: IssueKind | None = None
) -> list[int]:
    """Charges in error, and pending charges postponed after failing (their error_kind is
    set until they sync); only those of `error_kind` when given."""
    in_trouble = sa.or_(
        charges.c.status == ChargeStatus.ERROR.value,
        sa.and_(
            charges.c.status == ChargeStatus.PENDING.value,
            charges.c.error_kind.is_not(None),
            charges.c.cancel_reason.is_(None),
        ),
    )
    query = sa.select(charges.c.id).where(in_trouble)
    if error_kind is not None:
        query = query.where(charges.c.error_kind == error_kind.value)
    return [int(i) for i in (await conn.execute(query.order_by(charges.c.id))).scalars()]


async def synced_in_category(conn: AsyncConnection, category: str) -> list[Charge]:
    rows = await conn.execute(
        sa.select(charges)
        .where(charges.c.status == ChargeStatus.SYNCED.value, charges.c.category == category)
        .order_by(charges.c.id)
    )
    return [_charge(r) for r in rows]


async def in_error_of_category(
    conn: AsyncConnection, category: str, kinds: Sequence[IssueKind]
) -> list[Charge]:
    """Charges in error for one of `kinds` whose line is in `category` and takes its
    billing code from the category (a line naming its own code is not the mapping's)."""
    own_code = sa.exists().where(
        quote_lines.c.id == charges.c.quote_line_id,
        quote_lines.c.billing_code_override.is_not(None),
    )
    rows = await conn.execute(
        sa.select(charges)
        .where(
            charges.c.status == ChargeStatus.ERROR.value,
            charges.c.category == category,
            charges.c.error_kind.in_([k.value for k in kinds]),
            sa.not_(own_code),
        )
        .order_by(charges.c.id)
    )
    return [_charge(r) for r in rows]


async def last_synced_at(conn: AsyncConnection) -> datetime | None:
    """When the newest synced charge changed (indexed on status and updated_at)."""
    found: datetime | None = (
        await conn.execute(
            sa.select(sa.func.max(charges.c.updated_at)).where(
                charges.c.status == ChargeStatus.SYNCED.value
            )
        )
    ).scalar()
    return found


async def live_charge_for_line(conn: AsyncConnection, quote_line_id: int) -> int | None:
    """The line's charge that is not cancelled, if there is one."""
    found = (
        await conn.execute(
            sa.select(charges.c.id).where(
                charges.c.quote_line_id == quote_line_id,
                charges.c.status != ChargeStatus.CANCELLED.value,
            )
        )
    ).scalar()
    return None if found is None else int(found)


async def quote_and_line(conn: AsyncConnection, quote_line_id: int) -> tuple[Quote, QuoteLine]:
    line = (
        await conn.execute(sa.select(quote_lines).where(quote_lines.c.id == quote_line_id))
    ).one()
    quote = (await conn.execute(sa.select(quotes).where(quotes.c.id == line.quote_id))).one()
    return Quote.model_validate(quote._mapping), QuoteLine.model_validate(line._mapping)
