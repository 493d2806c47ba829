"""A quote's orders as its header (company, ship-to) sees them: which have left procdesk,
and the ones still in the queue following an edited header."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.domain.quote import ShipTo
from procdesk.store import events
from procdesk.store.schema import order_lines, orders, quote_lines

# Orders still in procdesk's queue: nothing of them reached the distributor.
UNSENT = (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL)


def _never_sent() -> sa.ColumnElement[bool]:
    """Cancelled before it was ever placed."""
    return sa.and_(
        orders.c.status == OrderStatus.CANCELLED.value,
        orders.c.placed_at.is_(None),
        orders.c.distributor_order_id.is_(None),
    )


async def sent_orders(conn: AsyncConnection, quote_id: str) -> list[tuple[str, OrderStatus]]:
    """(reference, status) of every order of the quote that was (or may have been) sent to
    a distributor: any order past the queue, unless it was cancelled before it was placed."""
    rows = await conn.execute(
        sa.select(orders.c.reference, orders.c.status)
        .where(
            orders.c.quote_id == quote_id,
            orders.c.status.not_in([s.value for s in UNSENT]),
            sa.not_(_never_sent()),
        )
        .order_by(orders.c.id)
    )
    return [(str(ref), OrderStatus(status)) for ref, status in rows]


async def shared_orders(conn: AsyncConnection, quote_id: str) -> list[str]:
    """References of the quote's unsent orders that also carry another quote's lines
    (merged for the same address): their address is not this quote's alone to change."""
    other = (
        sa.select(order_lines.c.order_id)
        .join(quote_lines, quote_lines.c.id == order_lines.c.quote_line_id)
        .where(quote_lines.c.quote_id != quote_id)
    )
    rows = await conn.execute(
        sa.select(orders.c.reference)
        .where(
            orders.c.quote_id == quote_id,
            orders.c.status.in_([s.value for s in UNSENT]),
            sa.or_(orders.c.merged_into.is_not(None), orders.c.id.in_(other)),
        )
        .order_by(orders.c.id)
    )
    return [str(ref) for ref in rows.scalars()]


async def follow_header(
    conn: AsyncConnection,
    quote_id: str,
    *,
    company_name: str,
    ship_to: ShipTo,
    actor: str,
    now: datetime,
) -> list[int]:
    """Give the quote's unsent orders its new company and ship-to; returns their ids.
    Orders that left the queue keep the address they were sent to."""
    ids = list(
        (
            await conn.execute(
                sa.select(orders.c.id).where(
                    orders.c.quote_id == quote_id,
                    orders.c.status.in_([s.value for s in UNSENT]),
                    orders.c.merged_into.is_(None),
                )
            )
        ).scalars()
    )
    for order_id in ids:
        await conn.execute(
            orders.update()
            .where(orders.c.id == order_id)
            .values(
                company_name=company_name,
                ship_to=ship_to.model_dump(mode="json"),
                ship_to_key=ship_to.merge_key(),
                updated_at=now,
            )
        )
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.ORDER,
            entity_id=order_id,
            action="address_changed",
            detail={"quote_id": quote_id},
            at=now,
        )
    return ids
