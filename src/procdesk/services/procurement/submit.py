"""Placing an order at its distributor, never twice.

Before every send the attempt is counted and committed. An order with an earlier attempt
may already be at the distributor (timeout after the request went out, crash, connection
reset), so it is first looked up by our reference and adopted if found. Only then are
availability and price checked and the order sent.
"""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.enums import IssueKind, OrderLineStatus
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.quote import ShipTo
from procdesk.integrations.distributor.models import OrderLineRequest, OrderRequest
from procdesk.integrations.distributor.models import ShipTo as WireShipTo
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.availability import compare, first_problem
from procdesk.services.procurement.outcomes import Outcome, failed, record_placed, stop_for_person
from procdesk.services.procurement.settings import ProcurementService
from procdesk.store import order_work
from procdesk.store import orders as order_store

SENDABLE = (OrderLineStatus.QUEUED, OrderLineStatus.ORDERED, OrderLineStatus.BACKORDERED)


def wire_ship_to(ship_to: ShipTo) -> WireShipTo:
    return WireShipTo(
        company_name=ship_to.company,
        contact=ship_to.contact or "",
        address_lines=list(ship_to.address_lines),
        city=ship_to.city,
        state=ship_to.state or "",
        postal_code=ship_to.postal_code or "",
        country_code=ship_to.country_code,
        phone=ship_to.phone or "",
        email=ship_to.email or "",
    )


def order_request(order: Order, lines: list[OrderLine]) -> OrderRequest:
    """The order as sent; quantities of hardware are whole units."""
    requests = []
    for line in lines:
        if line.quantity != line.quantity.to_integral_value():
            raise ValueError(
                f"line {line.line_number} orders {line.quantity} units; "
                "distributors take whole units only"
            )
        requests.append(
            OrderLineRequest(
                line_number=line.line_number,
                part_number=line.part_number,
                quantity=int(line.quantity),
                expected_unit_price=line.unit_price,
            )
        )
    return OrderRequest(
        reference=order.reference,
        customer_name=order.company_name,
        ship_to=wire_ship_to(order.ship_to),
        lines=requests,
        notes=f"procdesk quote {order.quote_id}",
    )


class OrderSubmitter(ProcurementService):
    """Places claimed orders in `processing`; one call of `submit` per order."""

    async def submit(self, order: Order, client: DistributorClient) -> Outcome:
        try:
            if order.attempts > 0:
                found = await client.find_order(order.reference)
                if found is not None:
                    async with self._ledger.write() as conn:
                        await record_placed(
                            conn,
                            order,
                            found,
                            actor=self._actor,
                            now=self._clock(),
                            reconciled=True,
                        )
                    return Outcome.DONE
            return await self._check_and_send(order, client)
        except ProviderError as error:
            async with self._ledger.write() as conn:
                return await failed(
                    conn,
                    order,
                    error,
                    settings=self._settings,
                    actor=self._actor,
                    now=self._clock(),
                )

    async def _check_and_send(self, order: Order, client: DistributorClient) -> Outcome:
        async with self._ledger.read() as conn:
            lines = [
                ln for ln in await order_store.get_lines(conn, order.id) if ln.status in SENDABLE
            ]
        if not lines:
            async with self._ledger.write() as conn:
                await stop_for_person(
                    conn,
                    order,
                    IssueKind.ORDER_REJECTED,
                    "the order has no line left to send",
                    actor=self._actor,
                    now=self._clock(),
                )
            return Outcome.DONE
        try:
            request = order_request(order, lines)
        except ValueError as exc:
            async with self._ledger.write() as conn:
                await stop_for_person(
                    conn,
                    order,
                    IssueKind.ORDER_REJECTED,
                    str(exc),
                    actor=self._actor,
                    now=self._clock(),
                )
            return Outcome.DONE
        report = compare(
            lines,
            await client.availability([ln.part_number for ln in lines]),
            Decimal(self._settings.price_tolerance_pct),
        )
        problem = first_problem(report)
        if problem is not None:
            message = "; ".join(line.summary for line in report if line.problem is problem)
            async with self._ledger.write() as conn:
                await stop_for_person(
                    conn,
                    order,
                    problem,
                    message,
                    actor=self._actor,
                    now=self._clock(),
                    detail={
                        "lines": [
                            line.model_dump(mode="json", exclude={"summary"}) for line in report
                        ]
                    },
                )
            return Outcome.DONE
        async with self._ledger.write() as conn:
            # counted before the send: a crash after it must lead to a lookup, not a resend
            await order_work.note(
                conn,
                order.id,
                "sending",
                actor=self._actor,
                now=self._clock(),
                detail={"attempt": order.attempts + 1, "lines": len(lines)},
                attempts=order.attempts + 1,
            )
        order = order.model_copy(update={"attempts": order.attempts + 1})
        placed = await client.place_order(request)
        async with self._ledger.write() as conn:
            await record_placed(
                conn, order, placed, actor=self._actor, now=self._clock(), reconciled=False
            )
        return Outcome.DONE
