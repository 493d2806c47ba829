"""The purchase_orders and purchase_order_items tables: each placed order's Autotask PO,
its items, the markers committed before each create, and the worker's claim on the work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.domain.purchase_order import PoState, PurchaseOrderItemLink, PurchaseOrderLink
from procdesk.store import events, leases
from procdesk.store.schema import orders, purchase_order_items, purchase_orders

# Orders the distributor has accepted: each gets an Autotask purchase order.
PLACED = (
    OrderStatus.ORDERED,
    OrderStatus.BACKORDERED,
    OrderStatus.ON_HOLD,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)


async def adopt_placed_orders(conn: AsyncConnection, *, now: datetime) -> int:
    """Give every placed order without a purchase_orders row one (state pending, due now)."""
    missing = (
        sa.select(orders.c.id)
        .outerjoin(purchase_orders, purchase_orders.c.id == orders.c.id)
        .where(
            orders.c.status.in_([s.value for s in PLACED]),
            orders.c.distributor_order_id.is_not(None),
            purchase_orders.c.id.is_(None),
        )
    )
    ids = [int(i) for i in (await conn.execute(missing)).scalars()]
    if ids:
        await conn.execute(
            purchase_orders.insert(),
            [_new_row(order_id, now) for order_id in ids],
        )
    return len(ids)


def _new_row(order_id: int, now: datetime) -> dict[str, Any]:
    return {
        "id": order_id,
        "state": PoState.PENDING.value,
        "linked_by_hand": False,
        "needs_work": True,
        "next_attempt_at": now,
        "attempts": 0,
        "created_at": now,
        "updated_at": now,
    }


async def ensure(conn: AsyncConnection, order_id: int, *, now: datetime) -> PurchaseOrderLink:
    """The order's row, made (pending) when it has none yet."""
    found = await get(conn, order_id)
    if found is not None:
        return found
    await conn.execute(purchase_orders.insert().values(**_new_row(order_id, now)))
    made = await get(conn, order_id)
    assert made is not None
    return made


async def get(conn: AsyncConnection, order_id: int) -> PurchaseOrderLink | None:
    row = (
        await conn.execute(sa.select(purchase_orders).where(purchase_orders.c.id == order_id))
    ).first()
    return PurchaseOrderLink.model_validate(dict(row._mapping)) if row else None


async def get_many(conn: AsyncConnection, order_ids: Sequence[int]) -> dict[int, PurchaseOrderLink]:
    if not order_ids:
        return {}
    rows = await conn.execute(
        sa.select(purchase_orders).where(purchase_orders.c.id.in_(list(order_ids)))
    )
    links = [PurchaseOrderLink.model_validate(dict(r._mapping)) for r in rows]
    return {link.id: link for link in links}


async def claim_due(
    conn: AsyncConnection, *, owner: str, now: datetime, lease_for: timedelta, limit: int
) -> list[PurchaseOrderLink]:
    due = sa.and_(
        purchase_orders.c.needs_work.is_(True),
        purchase_orders.c.state.in_([PoState.PENDING.value, PoState.SUBMITTED.value]),
        purchase_orders.c.next_attempt_at.is_not(None),
        purchase_orders.c.next_attempt_at <= now,
    )
    ids = await leases.claim(
        conn,
        purchase_orders,
        due=due,
        order_by=[purchase_orders.c.next_attempt_at, purchase_orders.c.id],
        owner=owner,
        now=now,
        lease_for=lease_for,
        limit=limit,
    )
    found = await get_many(conn, ids)
    return [found[i] for i in ids if i in found]


async def set_fields(conn: AsyncConnection, order_id: int, *, now: datetime, **values: Any) -> None:
    await conn.execute(
        purchase_orders.update()
        .where(purchase_orders.c.id == order_id)
        .values(updated_at=now, **values)
    )


async def wake(conn: AsyncConnection, order_id: int, *, now: datetime) -> None:
    """Something changed (a shipment, a person's action): the worker looks again now."""
    await conn.execute(
        purchase_orders.update()
        .where(purchase_orders.c.id == order_id)
        .values(needs_work=True, next_attempt_at=now, updated_at=now)
    )


async def note(
    conn: AsyncConnection,
    order_id: int,
    action: str,
    *,
    actor: str,
    now: datetime,
    detail: dict[str, Any],
) -> None:
    """An event on the order's feed (the dashboard repaints the order's row)."""
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action=action,
        detail=detail,
        at=now,
    )


# ---- items ------------------------------------------------------------------------------


async def items_of(conn: AsyncConnection, order_id: int) -> dict[int, PurchaseOrderItemLink]:
    """The order's PO items by line number."""
    rows = await conn.execute(
        sa.select(purchase_order_items)
        .where(purchase_order_items.c.order_id == order_id)
        .order_by(purchase_order_items.c.line_number)
    )
    items = [PurchaseOrderItemLink.model_validate(dict(r._mapping)) for r in rows]
    return {item.line_number: item for item in items}


async def put_item(
    conn: AsyncConnection, order_id: int, line_number: int, *, now: datetime, **values: Any
) -> None:
    """Create or update the line's item row."""
    updated = await conn.execute(
        purchase_order_items.update()
        .where(
            purchase_order_items.c.order_id == order_id,
            purchase_order_items.c.line_number == line_number,
        )
        .values(updated_at=now, **values)
    )
    if updated.rowcount == 0:
        await conn.execute(
            purchase_order_items.insert().values(
                order_id=order_id,
                line_number=line_number,
                skipped=values.pop("skipped", False),
                updated_at=now,
                **values,
            )
        )


async def claim_one(
    conn: AsyncConnection, order_id: int, *, owner: str, now: datetime, lease_for: timedelta
) -> PurchaseOrderLink | None:
    """Lease one order's PO work now (a person's action); None while a worker holds it."""
    ids = await leases.claim(
        conn,
        purchase_orders,
        due=purchase_orders.c.id == order_id,
        order_by=[purchase_orders.c.id],
        owner=owner,
        now=now,
        lease_for=lease_for,
        limit=1,
    )
    return await get(conn, order_id) if ids else None


async def parked_by(
    conn: AsyncConnection, error_kind: str, distributor: str | None = None
) -> list[int]:
    """Orders whose PO work waits on a person for this kind of problem."""
    query = sa.select(purchase_orders.c.id).where(
        purchase_orders.c.error_kind == error_kind,
        purchase_orders.c.next_attempt_at.is_(None),
        purchase_orders.c.needs_work.is_(True),
    )
    if distributor is not None:
        query = query.join(orders, orders.c.id == purchase_orders.c.id).where(
            orders.c.distributor == distributor
        )
    return [int(i) for i in (await conn.execute(query)).scalars()]
