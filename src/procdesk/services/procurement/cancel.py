"""Cancelling orders a person (or a withdrawn quote) asked to cancel once they may be placed.

An order that never reached the distributor is cancelled in the ledger only. One that may
have (an attempt was made) is looked up by our reference first; one the distributor has is
cancelled there, and the ledger follows what the distributor then says.
"""

from __future__ import annotations

from procdesk.domain.enums import IssueKind, OrderStatus
from procdesk.domain.order import Order
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.outcomes import (
    Outcome,
    credential_failure,
    failed,
    open_for_order,
)
from procdesk.services.procurement.poll import apply_snapshot
from procdesk.services.procurement.settings import ProcurementService
from procdesk.store import order_work
from procdesk.store import orders as order_store


class OrderCanceller(ProcurementService):
    async def cancel(self, order: Order, client: DistributorClient) -> Outcome:
        reason = order.cancel_reason or "cancelled"
        try:
            distributor_id = order.distributor_order_id
            if distributor_id is None and order.attempts > 0:
                found = await client.find_order(order.reference)
                distributor_id = found.distributor_order_id if found else None
            if distributor_id is None:
                async with self._ledger.write() as conn:
                    await order_store.mark_cancelled(
                        conn, order.id, actor=self._actor, now=self._clock(), reason=reason
                    )
                return Outcome.DONE
            snapshot = await client.cancel(distributor_id)
        except ProviderError as error:
            async with self._ledger.write() as conn:
                if credential_failure(error) or error.retryable:
                    return await failed(
                        conn,
                        order,
                        error,
                        settings=self._settings,
                        actor=self._actor,
                        now=self._clock(),
                    )
                # the distributor will not cancel it (e.g. no cancellation call): the order
                # stays as it is, followed as before, and a person is told what to do
                await order_work.set_fields(
                    conn, order.id, cancel_reason=None, lease_owner=None, lease_until=None
                )
                await open_for_order(
                    conn,
                    IssueKind.ORDER_REJECTED,
                    order_id=order.id,
                    distributor=order.distributor,
                    message=f"could not cancel: {error.message}",
                    actor=self._actor,
                    now=self._clock(),
                )
            return Outcome.DONE
        async with self._ledger.write() as conn:
            now = self._clock()
            if snapshot.status is OrderStatus.CANCELLED:
                await order_work.set_fields(
                    conn,
                    order.id,
                    distributor_order_id=distributor_id,
                    distributor_status=snapshot.raw_status or None,
                )
                await order_store.mark_cancelled(
                    conn, order.id, actor=self._actor, now=now, reason=reason
                )
                return Outcome.DONE
            # the distributor went on (e.g. it shipped): follow it and tell a person
            placed = order.model_copy(update={"distributor_order_id": distributor_id})
            await order_work.set_fields(
                conn, order.id, distributor_order_id=distributor_id, cancel_reason=None
            )
            await apply_snapshot(
                conn, placed, snapshot, settings=self._settings, actor=self._actor, now=now
            )
            await open_for_order(
                conn,
                IssueKind.ORDER_REJECTED,
                order_id=order.id,
                distributor=order.distributor,
                message=(
                    f"{order.distributor.value} did not cancel order {distributor_id}: "
                    f"it is {snapshot.raw_status or snapshot.status.value}"
                ),
                actor=self._actor,
                now=now,
            )
        return Outcome.DONE
