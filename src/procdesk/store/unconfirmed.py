"""After a restore: what the ledger cannot know any more, marked so it is looked up first.

A backup is a moment in the past. Work done after it — a ticket charge created in Autotask,
an order placed at a distributor, an Autotask purchase order or item — is real out there but
missing from the restored ledger, which still shows those records as not sent. Sending them
again would duplicate them. So every record that could have been sent since the backup is
marked as "maybe sent" the way an interrupted send is marked: the workers then look each one
up by its marker or reference, adopt what exists and create only what does not.

Receipts need nothing: the receiving step always reads the item's receipts in Autotask first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ChargeStatus, EntityType, OrderStatus
from procdesk.domain.purchase_order import PoState
from procdesk.store import events
from procdesk.store.schema import charges, orders, purchase_order_items, purchase_orders
from procdesk.store.schema import events as event_rows

ACTION = "marked_unconfirmed"
_UNSENT_CHARGES = (ChargeStatus.PENDING.value, ChargeStatus.ERROR.value)
_UNPLACED_ORDERS = (
    OrderStatus.QUEUED.value,
    OrderStatus.AWAITING_APPROVAL.value,
    OrderStatus.PROCESSING.value,
    OrderStatus.ERROR.value,
)


@dataclass(frozen=True)
class Unconfirmed:
    """How many records of each kind will be looked up before anything is sent."""

    charges: int
    orders: int
    purchase_orders: int
    purchase_order_items: int

    @property
    def total(self) -> int:
        return self.charges + self.orders + self.purchase_orders + self.purchase_order_items


async def _ids(conn: AsyncConnection, query: sa.Select[Any]) -> list[int]:
    return [int(i) for i in (await conn.execute(query)).scalars()]


async def mark_unconfirmed(conn: AsyncConnection, *, actor: str, now: datetime) -> Unconfirmed:
    """Mark every record that may have been sent since the ledger's last recorded event
    (about when the backup was taken) as maybe sent; an event on each charge and order says
    why. Call it in a write transaction, on the restored ledger."""
    last = (await conn.execute(sa.select(sa.func.max(event_rows.c.at)))).scalar_one_or_none()
    since = min(last, now) if isinstance(last, datetime) else now
    charge_ids = await _ids(
        conn,
        sa.select(charges.c.id).where(
            charges.c.status.in_(_UNSENT_CHARGES),
            charges.c.autotask_id.is_(None),
            charges.c.send_started_at.is_(None),
        ),
    )
    if charge_ids:
        await conn.execute(
            charges.update()
            .where(charges.c.id.in_(charge_ids))
            .values(send_started_at=since, updated_at=now)
        )
    order_ids = await _ids(
        conn,
        sa.select(orders.c.id).where(
            orders.c.status.in_(_UNPLACED_ORDERS),
            orders.c.distributor_order_id.is_(None),
            orders.c.attempts == 0,
        ),
    )
    if order_ids:
        # an order with an attempt on record is looked up by our reference before a send
        await conn.execute(
            orders.update().where(orders.c.id.in_(order_ids)).values(attempts=1, updated_at=now)
        )
    unsent_po = (
        purchase_orders.c.state == PoState.PENDING.value,
        purchase_orders.c.autotask_po_id.is_(None),
        purchase_orders.c.create_started_at.is_(None),
    )
    n_pos = (
        await conn.execute(
            purchase_orders.update()
            .where(*unsent_po)
            .values(create_started_at=since, updated_at=now)
        )
    ).rowcount
    n_items = (
        await conn.execute(
            purchase_order_items.update()
            .where(
                purchase_order_items.c.autotask_item_id.is_(None),
                purchase_order_items.c.skipped.is_(False),
                purchase_order_items.c.create_started_at.is_(None),
            )
            .values(create_started_at=since, updated_at=now)
        )
    ).rowcount
    detail = {"ledger_known_until": since.isoformat()}
    await events.append_many(
        conn,
        [
            events.NewEvent(
                at=now,
                actor=actor,
                entity_type=entity_type.value,
                entity_id=str(entity_id),
                action=ACTION,
                detail=detail,
            )
            for entity_type, ids in ((EntityType.CHARGE, charge_ids), (EntityType.ORDER, order_ids))
            for entity_id in ids
        ],
    )
    return Unconfirmed(len(charge_ids), len(order_ids), n_pos, n_items)
