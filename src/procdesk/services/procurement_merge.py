"""Merging queued orders of the same distributor and ship-to into one order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.domain.models import Order
from procdesk.store import events, order_merge
from procdesk.store import orders as order_store

MERGEABLE = (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL)


class MergeError(ValueError):
    """The orders cannot be merged; the message says which and why."""


def check_mergeable(orders: Sequence[Order]) -> None:
    if len(orders) < 2:
        raise MergeError("give at least two orders to merge")
    for order in orders:
        if order.status not in MERGEABLE or order.merged_into is not None:
            raise MergeError(
                f"order {order.id} is {order.status.value}: only orders not yet sent can merge"
            )
    first = orders[0]
    for order in orders[1:]:
        if order.distributor is not first.distributor:
            raise MergeError(
                f"order {order.id} is for {order.distributor.value}, "
                f"order {first.id} for {first.distributor.value}"
            )
        if order.ship_to_key != first.ship_to_key:
            raise MergeError(f"order {order.id} ships to another address than order {first.id}")
        if order.currency != first.currency:
            raise MergeError(
                f"order {order.id} is in {order.currency}, order {first.id} in {first.currency}"
            )


async def merge(
    conn: AsyncConnection, order_ids: Sequence[int], *, actor: str, now: datetime
) -> int:
    """Merge the orders into the oldest of them; returns its id.

    The others are cancelled with `merged_into` set. The merged order's value changes, so
    any earlier approval is dropped and the threshold applies again.
    """
    loaded = [await order_store.get_order(conn, i) for i in sorted(set(order_ids))]
    missing = [i for i, o in zip(sorted(set(order_ids)), loaded, strict=True) if o is None]
    if missing:
        raise MergeError(f"no order {', '.join(map(str, missing))}")
    found = [o for o in loaded if o is not None]
    check_mergeable(found)
    target, sources = found[0], found[1:]
    source_ids = [o.id for o in sources]
    value = await order_merge.move_lines_into(conn, target.id, source_ids, now=now)
    for source in sources:
        await order_store.mark_cancelled(
            conn,
            source.id,
            actor=actor,
            now=now,
            reason=f"merged into order {target.id}",
            merged_into=target.id,
        )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=target.id,
        action="merged",
        detail={"merged": source_ids, "value": str(value)},
        at=now,
    )
    return target.id
