"""From the queue to the distributor: approval above the threshold, then submission.

A queued order above `procurement.approval_threshold` waits for a person's approval (who
and when are recorded). One at or below it is submitted automatically unless
`procurement.auto_submit` is off, in which case a person submits it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import OrderStatus
from procdesk.domain.models import Order
from procdesk.services.procurement_settings import ProcurementSettings
from procdesk.store import order_work
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
    for order_id in await order_work.ids_in_status(conn, [OrderStatus.QUEUED]):
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
    return moved


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
