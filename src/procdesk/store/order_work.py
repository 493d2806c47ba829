"""What the procurement worker writes: claims, status moves, line results, bookkeeping.

Status changes go through the domain's order state machine and append an event in the
same transaction. Bookkeeping (next attempt, lease, last poll) changes no status and
appends no event. Claims take a lease so two workers never handle the same order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, OrderStatus
from procdesk.domain.order import Order
from procdesk.domain.state_machines import IllegalTransitionError, check_order_transition
from procdesk.store import events, leases
from procdesk.store.order_sourcing import has_unsourced_line
from procdesk.store.schema import order_lines, orders


async def claim_due(
    conn: AsyncConnection,
    *,
    statuses: Collection[OrderStatus],
    distributors: Collection[Distributor],
    owner: str,
    now: datetime,
    lease_for: timedelta,
    limit: int,
    cancel_requested: bool = False,
) -> list[Order]:
    """Lease up to `limit` due orders (next attempt at or before now, not leased by another).

    `cancel_requested` picks the orders a person asked to cancel instead of the others.
    """
    if not distributors or not statuses:
        return []
    cancel = orders.c.cancel_reason.is_not(None)
    due = sa.and_(
        orders.c.status.in_([s.value for s in statuses]),
        orders.c.distributor.in_([d.value for d in distributors]),
        orders.c.next_attempt_at.is_not(None),
        orders.c.next_attempt_at <= now,
        cancel if cancel_requested else sa.not_(cancel),
    )
    return await _claim(
        conn,
        due,
        order_by=[orders.c.next_attempt_at, orders.c.id],
        owner=owner,
        now=now,
        lease_for=lease_for,
        limit=limit,
    )


async def claim_unsourced(
    conn: AsyncConnection,
    *,
    distributors: Collection[Distributor],
    owner: str,
    now: datetime,
    lease_for: timedelta,
    limit: int,
) -> list[Order]:
    """Lease up to `limit` queued orders holding lines the sourcing preference has not
    looked at (oldest first)."""
    if not distributors:
        return []
    due = sa.and_(
        orders.c.status == OrderStatus.QUEUED.value,
        orders.c.merged_into.is_(None),
        has_unsourced_line(distributors),
    )
    return await _claim(
        conn, due, order_by=[orders.c.id], owner=owner, now=now, lease_for=lease_for, limit=limit
    )


async def _claim(
    conn: AsyncConnection,
    due: sa.ColumnElement[bool],
    *,
    order_by: Sequence[sa.ColumnElement[object]],
    owner: str,
    now: datetime,
    lease_for: timedelta,
    limit: int,
) -> list[Order]:
    """Lease the `due` orders (up to `limit`, in `order_by` order) and read them."""
    ids = await leases.claim(
        conn,
        orders,
        due=due,
        order_by=order_by,
        owner=owner,
        now=now,
        lease_for=lease_for,
        limit=limit,
    )
    if not ids:
        return []
    rows = await conn.execute(sa.select(orders).where(orders.c.id.in_(ids)).order_by(orders.c.id))
    return [Order.model_validate(dict(r._mapping)) for r in rows]


async def claim_queued(
    conn: AsyncConnection,
    *,
    now: datetime,
    status: OrderStatus = OrderStatus.QUEUED,
    hold_unsourced: Collection[Distributor] = (),
) -> list[int]:
    """Ids of the queued orders (or those in `status`, e.g. awaiting approval) this
    transaction may route, locked until it ends. Orders of `hold_unsourced` distributors
    that still hold a line the sourcing preference has not looked at are left queued.

    On PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED: a second worker routing at the
    same moment skips them (and, once the first commits, no longer sees them queued), so
    two workers never move one order. Orders leased to a worker are left alone. SQLite's
    write transactions are already one at a time."""
    query = (
        sa.select(orders.c.id)
        .where(orders.c.status == status.value, leases.lease_free(orders, now))
        .order_by(orders.c.id)
    )
    if hold_unsourced:
        query = query.where(sa.not_(has_unsourced_line(hold_unsourced)))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=orders)
    return [int(i) for i in (await conn.execute(query)).scalars()]


async def release(conn: AsyncConnection, order_id: int, owner: str) -> None:
    await leases.release(conn, orders, order_id, owner)


def _no_status(values: Mapping[str, Any]) -> None:
    if "status" in values:
        raise ValueError("an order's status changes only through move (the state machine)")


async def set_fields(conn: AsyncConnection, order_id: int, **values: Any) -> None:
    """Bookkeeping only (no status change, no event)."""
    _no_status(values)
    await conn.execute(orders.update().where(orders.c.id == order_id).values(**values))


async def move(
    conn: AsyncConnection,
    order_id: int,
    new: OrderStatus,
    *,
    actor: str,
    now: datetime,
    action: str | None = None,
    detail: Mapping[str, Any] | None = None,
    **values: Any,
) -> OrderStatus:
    """Change an order's status (checked by the state machine) and record the event.

    Returns the old status. Raises `IllegalTransitionError` when the move is not allowed.
    """
    old = OrderStatus(
        (await conn.execute(sa.select(orders.c.status).where(orders.c.id == order_id))).scalar_one()
    )
    check_order_transition(old, new)
    _no_status(values)
    result = await conn.execute(
        orders.update()
        .where(orders.c.id == order_id, orders.c.status == old.value)
        .values(status=new.value, updated_at=now, **values)
    )
    if not result.rowcount:  # another session moved it between the read and the write
        raise IllegalTransitionError(
            EntityType.ORDER, old.value, new.value, reason="it changed meanwhile"
        )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action=action or new.value,
        detail={"from": old.value, "to": new.value, **(detail or {})},
        at=now,
    )
    return old


async def note(
    conn: AsyncConnection,
    order_id: int,
    action: str,
    *,
    actor: str,
    now: datetime,
    detail: Mapping[str, Any] | None = None,
    **values: Any,
) -> None:
    """Record an action that changes no status (approved, reconciled, lines updated...)."""
    _no_status(values)
    await conn.execute(
        orders.update().where(orders.c.id == order_id).values(updated_at=now, **values)
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action=action,
        detail=dict(detail or {}),
        at=now,
    )


async def update_line(
    conn: AsyncConnection, order_id: int, line_number: int, *, now: datetime, **values: Any
) -> bool:
    """Update one order line by the line number we sent; False when it has no such line."""
    result = await conn.execute(
        order_lines.update()
        .where(order_lines.c.order_id == order_id, order_lines.c.line_number == line_number)
        .values(updated_at=now, **values)
    )
    return bool(result.rowcount)


async def ids_in_status(
    conn: AsyncConnection,
    statuses: Collection[OrderStatus],
    *,
    distributor: Distributor | None = None,
    error_kinds: Collection[str] | None = None,
) -> list[int]:
    query = sa.select(orders.c.id).where(orders.c.status.in_([s.value for s in statuses]))
    if distributor is not None:
        query = query.where(orders.c.distributor == distributor.value)
    if error_kinds is not None:
        query = query.where(orders.c.error_kind.in_(list(error_kinds)))
    return [int(i) for i in (await conn.execute(query.order_by(orders.c.id))).scalars()]


async def stuck_since(conn: AsyncConnection, *, before: datetime, limit: int = 500) -> list[Order]:
    """Orders still being placed that started before `before`."""
    rows = await conn.execute(
        sa.select(orders)
        .where(
            orders.c.status == OrderStatus.PROCESSING.value,
            orders.c.processing_since.is_not(None),
            orders.c.processing_since < before,
        )
        .order_by(orders.c.id)
        .limit(limit)
    )
    return [Order.model_validate(dict(r._mapping)) for r in rows]


async def has_due_work(conn: AsyncConnection, distributor: Distributor, now: datetime) -> bool:
    """Is any of the distributor's orders due for a call (placing, polling, cancelling)?"""
    found = (
        await conn.execute(
            sa.select(orders.c.id)
            .where(
                orders.c.distributor == distributor.value,
                orders.c.next_attempt_at.is_not(None),
                orders.c.next_attempt_at <= now,
                orders.c.status.notin_(
                    [OrderStatus.QUEUED.value, OrderStatus.AWAITING_APPROVAL.value]
                ),
            )
            .limit(1)
        )
    ).first()
    return found is not None
