"""The queue before the distributor: approval above the threshold, submission, merging.

A queued order above `procurement.approval_threshold` waits for a person's approval (who
and when are recorded). One at or below it is submitted automatically unless
`procurement.auto_submit` is off, in which case a person submits it. An order waiting for
approval whose value has dropped to or below the threshold is sent on the same way.
Queued orders of the same distributor and ship-to can be merged into one; the merged
order's approval is dropped, since its value changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ORDERING_DISTRIBUTORS, EntityType, OrderStatus
from procdesk.domain.order import Order
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store import events, order_merge, order_work
from procdesk.store import orders as order_store


class ApprovalRequiredError(ValueError):
    """A person tried to submit an order above the threshold that nobody approved."""


async def start_processing(
    conn: AsyncConnection, order: Order, *, actor: str, now: datetime, action: str
) -> None:
    await order_work.move(
        conn,
        order.id,
        OrderStatus.PROCESSING,
        actor=actor,
        now=now,
        action=action,
        processing_since=now,
        next_attempt_at=now,
        last_error=None,
        error_kind=None,
    )


async def route_queued(
    conn: AsyncConnection, *, settings: ProcurementSettings, actor: str, now: datetime
) -> list[int]:
    """Move every queued order on: to approval, or (auto-submit) to processing."""
    moved: list[int] = []
    # With the sourcing preference on, an order waits until its new lines were looked at.
    hold = [d for d in ORDERING_DISTRIBUTORS if d.sells_hardware and settings.source_by_preference]
    for order_id in await order_work.claim_queued(conn, now=now, hold_unsourced=hold):
        order = await order_store.get_order(conn, order_id)
        if order is None or order.merged_into is not None:
            continue
        if settings.needs_approval(order.total_value) and order.approved_by is None:
            await order_work.move(
                conn,
                order.id,
                OrderStatus.AWAITING_APPROVAL,
                actor=actor,
                now=now,
                detail={
                    "value": str(order.total_value),
                    "threshold": str(settings.approval_threshold),
                },
            )
        elif settings.auto_submit:
            await start_processing(conn, order, actor=actor, now=now, action="auto_submitted")
        else:
            continue
        moved.append(order.id)
    if settings.auto_submit:
        moved += await _release_below_threshold(conn, settings=settings, actor=actor, now=now)
    return moved


async def _release_below_threshold(
    conn: AsyncConnection, *, settings: ProcurementSettings, actor: str, now: datetime
) -> list[int]:
    """Only orders above the threshold wait for approval: one whose value has dropped to
    or below it since (a line moved away, a cheaper part, a lowered price, seeded data)
    goes to the distributor like any other order under the threshold."""
    released: list[int] = []
    waiting = await order_work.claim_queued(conn, now=now, status=OrderStatus.AWAITING_APPROVAL)
    for order_id in waiting:
        order = await order_store.get_order(conn, order_id)
        if order is None or order.merged_into is not None:
            continue
        if settings.needs_approval(order.total_value):
            continue
        await start_processing(conn, order, actor=actor, now=now, action="auto_submitted")
        released.append(order.id)
    return released


async def approve(conn: AsyncConnection, order: Order, *, actor: str, now: datetime) -> None:
    """Record the approval; the order then goes to the distributor."""
    if order.status is not OrderStatus.AWAITING_APPROVAL:
        raise ValueError(f"order {order.id} is {order.status.value}, not awaiting approval")
    await order_work.note(
        conn,
        order.id,
        "approved",
        actor=actor,
        now=now,
        detail={"value": str(order.total_value)},
        approved_by=actor,
        approved_at=now,
    )
    await start_processing(conn, order, actor=actor, now=now, action="submitted")


async def submit(
    conn: AsyncConnection,
    order: Order,
    *,
    settings: ProcurementSettings,
    actor: str,
    now: datetime,
) -> None:
    """A person sends a queued order (auto-submit off) to the distributor."""
    if order.status is not OrderStatus.QUEUED:
        raise ValueError(f"order {order.id} is {order.status.value}, not queued")
    if settings.needs_approval(order.total_value) and order.approved_by is None:
        raise ApprovalRequiredError(
            f"order {order.id} is worth {order.total_value} {order.currency}, above the "
            f"approval threshold of {settings.approval_threshold}: approve it instead"
        )
    await start_processing(conn, order, actor=actor, now=now, action="submitted")


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
