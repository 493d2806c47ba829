"""Merging orders in the ledger: lines move to one order, which is numbered and valued again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import OrderStatus
from procdesk.store.orders import total_of
from procdesk.store.schema import order_lines, orders


async def move_lines_into(
    conn: AsyncConnection, target_id: int, source_ids: Sequence[int], *, now: datetime
) -> Decimal:
    """Move the sources' lines onto the target order and number all its lines 1..n again
    (the line numbers are what we send the distributor). Returns the target's new value."""
    await conn.execute(
        order_lines.update()
        .where(order_lines.c.order_id.in_(list(source_ids)))
        .values(order_id=target_id, updated_at=now)
    )
    line_ids = (
        await conn.execute(
            sa.select(order_lines.c.id)
            .where(order_lines.c.order_id == target_id)
            .order_by(order_lines.c.quote_line_id)
        )
    ).scalars()
    for number, line_id in enumerate(list(line_ids), start=1):
        await conn.execute(
            order_lines.update().where(order_lines.c.id == line_id).values(line_number=number)
        )
    value = await total_of(conn, target_id)
    await conn.execute(
        orders.update()
        .where(orders.c.id == target_id)
        .values(total_value=value, approved_by=None, approved_at=None, updated_at=now)
    )
    return value


async def merge_groups(conn: AsyncConnection) -> list[list[int]]:
    """Queued orders that could merge: same distributor and ship-to, two or more of them."""
    rows = (
        await conn.execute(
            sa.select(orders.c.id, orders.c.distributor, orders.c.ship_to_key)
            .where(orders.c.status == OrderStatus.QUEUED.value, orders.c.merged_into.is_(None))
            .order_by(orders.c.id)
        )
    ).all()
    groups: dict[tuple[str, str], list[int]] = {}
    for order_id, distributor, key in rows:
        groups.setdefault((distributor, key), []).append(int(order_id))
    return [ids for ids in groups.values() if len(ids) > 1]
