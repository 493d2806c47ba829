"""What a person does to orders: approve, submit, retry, cancel, merge, check availability.

Each action is one transaction per order and an event with the person as actor. Actions
on several orders report each order's result; one refused order does not stop the others.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.domain.order import PLACED_CANCELLABLE, UNPLACED, Order
from procdesk.domain.state_machines import IllegalTransitionError
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.services.procurement import queue
from procdesk.services.procurement.approval import ApprovalPreview, approval_previews
from procdesk.services.procurement.availability import LineAvailability, compare
from procdesk.services.procurement.settings import ProcurementService
from procdesk.store import events, issues, order_merge, order_work
from procdesk.store import orders as order_store


class ActionResult(BaseModel):
    order_id: int
    ok: bool
    message: str


class ProcurementActions(ProcurementService):
    async def approve(self, order_ids: Sequence[int]) -> list[ActionResult]:
        async def one(order_id: int) -> str:
            async with self._ledger.write() as conn:
                order = await self._get(conn, order_id)
                await queue.approve(conn, order, actor=self._actor, now=self._clock())
            return f"approved by {self._actor}; it goes to {order.distributor.value} next cycle"

        return [await self._each(order_id, one) for order_id in order_ids]

    async def approval_previews(self, order_ids: Sequence[int]) -> list[ApprovalPreview]:
        """What approving these orders commits to: value, threshold, margin, price moves."""
        return await approval_previews(
            self._ledger, order_ids, threshold=self._settings.approval_threshold
        )

    async def selection(self, order_ids: Sequence[int]) -> list[Order]:
        """The orders that exist among `order_ids`, in the order asked (for a confirmation)."""
        async with self._ledger.read() as conn:
            found = [await order_store.get_order(conn, order_id) for order_id in order_ids]
        return [order for order in found if order is not None]

    async def submit(self, order_ids: Sequence[int]) -> list[ActionResult]:
        async def one(order_id: int) -> str:
            async with self._ledger.write() as conn:
                order = await self._get(conn, order_id)
                await queue.submit(
                    conn, order, settings=self._settings, actor=self._actor, now=self._clock()
                )
            return f"submitted; it goes to {order.distributor.value} next cycle"

        return [await self._each(order_id, one) for order_id in order_ids]

    async def retry(self, order_ids: Sequence[int]) -> list[ActionResult]:
        """An order in error is placed again (looked up by reference first); one stuck in
        processing is tried again at once."""

        async def one(order_id: int) -> str:
            async with self._ledger.write() as conn:
                order = await self._get(conn, order_id)
                now = self._clock()
                if order.status is OrderStatus.ERROR:
                    await queue.start_processing(
                        conn, order, actor=self._actor, now=now, action="retried"
                    )
                elif order.status is OrderStatus.PROCESSING:
                    await order_work.note(
                        conn, order.id, "retried", actor=self._actor, now=now, next_attempt_at=now
                    )
                else:
                    raise ValueError(f"order {order.id} is {order.status.value}: nothing to retry")
                await issues.resolve_for_subject(
                    conn, EntityType.ORDER, order.id, actor=self._actor, now=now
                )
            return "will be tried again next cycle (looked up by its reference first)"

        return [await self._each(order_id, one) for order_id in order_ids]

    async def cancel(self, order_ids: Sequence[int], reason: str) -> list[ActionResult]:
        async def one(order_id: int) -> str:
            async with self._ledger.write() as conn:
                order = await self._get(conn, order_id)
                now = self._clock()
                if order.status in UNPLACED:
                    await order_store.mark_cancelled(
                        conn, order.id, actor=self._actor, now=now, reason=reason
                    )
                    await issues.resolve_for_subject(
                        conn, EntityType.ORDER, order.id, actor=self._actor, now=now
                    )
                    return "cancelled"
                if order.status in PLACED_CANCELLABLE:
                    await order_store.request_cancel(
                        conn, order.id, actor=self._actor, now=now, reason=reason
                    )
                    return f"will be cancelled at {order.distributor.value} next cycle"
            raise ValueError(f"order {order.id} is {order.status.value} and cannot be cancelled")

        return [await self._each(order_id, one) for order_id in order_ids]

    async def merge(self, order_ids: Sequence[int]) -> int:
        """Raises MergeError when they cannot merge; returns the merged order's id."""
        async with self._ledger.write() as conn:
            return await queue.merge(conn, order_ids, actor=self._actor, now=self._clock())

    async def merge_candidates(self) -> list[list[int]]:
        """Queued orders that could merge (same distributor and ship-to)."""
        async with self._ledger.read() as conn:
            return await order_merge.merge_groups(conn)

    async def availability(
        self, order_id: int, client: DistributorClient
    ) -> list[LineAvailability]:
        """Ask the distributor now; the check is recorded on the order's audit trail."""
        async with self._ledger.read() as conn:
            order = await self._get(conn, order_id)
            lines = await order_store.get_lines(conn, order_id)
        report = compare(
            lines,
            await client.availability([line.part_number for line in lines]),
            Decimal(self._settings.price_tolerance_pct),
        )
        async with self._ledger.write() as conn:
            await events.append(
                conn,
                actor=self._actor,
                entity_type=EntityType.ORDER,
                entity_id=order.id,
                action="availability_checked",
                detail={"problems": [line.summary for line in report if line.problem]},
                at=self._clock(),
            )
        return report

    async def _get(self, conn: AsyncConnection, order_id: int) -> Order:
        order = await order_store.get_order(conn, order_id)
        if order is None:
            raise LookupError(f"no order {order_id}")
        return order

    async def _each(self, order_id: int, action: Callable[[int], Awaitable[str]]) -> ActionResult:
        try:
            message = await action(order_id)
        except (LookupError, ValueError, IllegalTransitionError) as exc:
            return ActionResult(order_id=order_id, ok=False, message=str(exc))
        return ActionResult(order_id=order_id, ok=True, message=message)
