"""Following placed orders until they ship, arrive or are cancelled.

Orders of one distributor are asked about together (the client batches where its API
allows). Each answer updates line status, backorder dates and tracking numbers; the order's
status follows the distributor's through the state machine. An order that has not changed
for a while is asked about less often (see `ProcurementSettings.poll_delay`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import IssueKind, OrderStatus
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.state_machines import ORDER_TERMINAL_STATES, allowed_order_targets
from procdesk.integrations.distributor.models import OrderLineSnapshot, OrderSnapshot
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.outcomes import (
    Outcome,
    open_for_order,
    pause_distributor,
    retry_later,
)
from procdesk.services.procurement.settings import ProcurementService, ProcurementSettings
from procdesk.store import order_work, purchase_orders, shipments
from procdesk.store import orders as order_store


def status_path(old: OrderStatus, new: OrderStatus) -> list[OrderStatus]:
    """The moves from `old` to the distributor's `new` (via shipped when it skipped it)."""
    if new is old or new is OrderStatus.PROCESSING:
        return []
    if new in allowed_order_targets(old):
        return [new]
    if new is OrderStatus.DELIVERED and OrderStatus.SHIPPED in allowed_order_targets(old):
        return [OrderStatus.SHIPPED, OrderStatus.DELIVERED]
    return []


def _line_values(snap: OrderLineSnapshot) -> dict[str, Any]:
    return {
        "status": snap.status.value,
        "distributor_line_status": snap.raw_status or None,
        "quantity_confirmed": snap.confirmed_quantity,
        "quantity_backordered": snap.backordered_quantity,
        "backorder_eta": snap.backorder_eta.isoformat() if snap.backorder_eta else None,
        "tracking_numbers": list(snap.tracking_numbers),
    }


def _current_values(line: OrderLine) -> dict[str, Any]:
    return {
        "status": line.status.value,
        "distributor_line_status": line.distributor_line_status,
        "quantity_confirmed": line.quantity_confirmed,
        "quantity_backordered": line.quantity_backordered,
        "backorder_eta": line.backorder_eta,
        "tracking_numbers": list(line.tracking_numbers),
    }


async def apply_snapshot(
    conn: AsyncConnection,
    order: Order,
    snapshot: OrderSnapshot,
    *,
    settings: ProcurementSettings,
    actor: str,
    now: datetime,
) -> bool:
    """Write what the distributor says about one order; True when anything changed."""
    lines = {line.line_number: line for line in await order_store.get_lines(conn, order.id)}
    by_part = {line.part_number.upper(): line for line in lines.values()}
    changed_lines: list[int] = []
    for snap in snapshot.lines:
        line = lines.get(snap.line_number or 0) or by_part.get(snap.part_number.upper())
        if line is None:
            continue
        values = _line_values(snap)
        shipped = await shipments.record(
            conn, order.id, line.line_number, [s.model_dump() for s in snap.shipments], now=now
        )
        if values != _current_values(line) or shipped:
            await order_work.update_line(conn, order.id, line.line_number, now=now, **values)
            changed_lines.append(line.line_number)
        if shipped:
            await purchase_orders.wake(conn, order.id, now=now)
    raw_changed = (snapshot.raw_status or None) != order.distributor_status
    path = status_path(order.status, snapshot.status)
    if changed_lines or (raw_changed and not path):
        await order_work.note(
            conn,
            order.id,
            "distributor_update",
            actor=actor,
            now=now,
            detail={
                "lines": changed_lines,
                "distributor_status": snapshot.raw_status,
                "tracking_numbers": snapshot.tracking_numbers,
            },
            distributor_status=snapshot.raw_status or None,
        )
    for step in path:
        await order_work.move(
            conn,
            order.id,
            step,
            actor=actor,
            now=now,
            detail={"distributor_status": snapshot.raw_status},
            distributor_status=snapshot.raw_status or None,
        )
    if path and path[-1] is OrderStatus.ERROR:
        message = snapshot.message or f"the distributor reports {snapshot.raw_status}"
        await order_work.set_fields(
            conn, order.id, last_error=message, error_kind=IssueKind.ORDER_REJECTED.value
        )
        await open_for_order(
            conn,
            IssueKind.ORDER_REJECTED,
            order_id=order.id,
            distributor=order.distributor,
            message=message,
            actor=actor,
            now=now,
        )
    changed = bool(path or changed_lines or raw_changed)
    status = path[-1] if path else order.status
    final = status in ORDER_TERMINAL_STATES or status is OrderStatus.ERROR
    unchanged_for = now - (now if changed else order.updated_at)
    await order_work.set_fields(
        conn,
        order.id,
        last_polled_at=now,
        next_attempt_at=None if final else now + settings.poll_delay(unchanged_for),
        lease_owner=None,
        lease_until=None,
    )
    return changed


class OrderPoller(ProcurementService):
    async def poll(self, orders: Sequence[Order], client: DistributorClient) -> Outcome:
        """One status request round for these orders (all of one distributor)."""
        placed = [o for o in orders if o.distributor_order_id]
        if not placed:
            return Outcome.DONE
        try:
            snapshots = await client.order_statuses([o.distributor_order_id or "" for o in placed])
        except ProviderError as error:
            async with self._ledger.write() as conn:
                now = self._clock()
                if await pause_distributor(
                    conn, placed[0].distributor, error, actor=self._actor, now=now
                ):
                    for order in placed:
                        await order_work.release(conn, order.id, order.lease_owner or "")
                    return Outcome.PAUSE
                for order in placed:
                    await retry_later(conn, order, error, settings=self._settings, now=now)
            return Outcome.LATER
        by_id = {snap.distributor_order_id: snap for snap in snapshots}
        async with self._ledger.write() as conn:
            now = self._clock()
            for order in placed:
                snapshot = by_id.get(order.distributor_order_id or "")
                if snapshot is None:  # not in the answer: ask again later
                    await order_work.set_fields(
                        conn,
                        order.id,
                        next_attempt_at=now + self._settings.poll_min,
                        lease_owner=None,
                        lease_until=None,
                    )
                    continue
                await apply_snapshot(
                    conn, order, snapshot, settings=self._settings, actor=self._actor, now=now
                )
        return Outcome.DONE
