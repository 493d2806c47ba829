"""Which queued lines still wait for the sourcing preference, and marking them looked at.

A line is *unsourced* while `sourced_at` is NULL: it was queued from a quote and nobody
(the worker's preference pass or a buyer moving it) has placed it yet. With the preference
on, an order holding such a line is not routed (to approval or the distributor) until the
pass has looked at it, so the preference applies before anything is sent.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor
from procdesk.domain.order import OrderLine
from procdesk.store.schema import order_lines, orders


def has_unsourced_line(distributors: Collection[Distributor]) -> sa.ColumnElement[bool]:
    """An order of one of `distributors` with a line the preference has not looked at."""
    return sa.and_(
        orders.c.distributor.in_([d.value for d in distributors]),
        sa.exists().where(
            order_lines.c.order_id == orders.c.id, order_lines.c.sourced_at.is_(None)
        ),
    )


async def unsourced_lines(conn: AsyncConnection, order_ids: Sequence[int]) -> list[OrderLine]:
    rows = await conn.execute(
        sa.select(order_lines)
        .where(order_lines.c.order_id.in_(order_ids), order_lines.c.sourced_at.is_(None))
        .order_by(order_lines.c.order_id, order_lines.c.line_number)
    )
    return [OrderLine.model_validate(dict(r._mapping)) for r in rows]


async def mark_sourced(conn: AsyncConnection, line_ids: Collection[int], *, now: datetime) -> None:
    if line_ids:
        await conn.execute(
            order_lines.update()
            .where(order_lines.c.id.in_(list(line_ids)), order_lines.c.sourced_at.is_(None))
            .values(sourced_at=now)
        )


async def parts_of(conn: AsyncConnection, order_id: int) -> tuple[Distributor, list[str]] | None:
    """The order's distributor and its lines' manufacturer parts (each once, in line
    order), or None when there is no such order: just what a comparison must ask the
    distributors, read cheaply so the asking can start while the rest is read."""
    distributor = (
        await conn.execute(sa.select(orders.c.distributor).where(orders.c.id == order_id))
    ).scalar()
    if distributor is None:
        return None
    skus = (
        await conn.execute(
            sa.select(order_lines.c.sku)
            .where(order_lines.c.order_id == order_id)
            .order_by(order_lines.c.line_number)
        )
    ).scalars()
    return Distributor(distributor), list(dict.fromkeys(str(s) for s in skus))
