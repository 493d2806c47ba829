"""Check an order's availability from the dashboard: get the distributor's client, ask,
close it; every failure is a readable `AvailabilityError`."""

from __future__ import annotations

from pydantic import BaseModel

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.procurement.availability import LineAvailability
from procdesk.services.procurement.settings import ClientFactory
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger


class AvailabilityError(Exception):
    """The check could not be made (no such order, not configured, distributor failed)."""


class AvailabilityReport(BaseModel):
    order_id: int
    distributor: Distributor
    lines: list[LineAvailability]

    def as_text(self) -> str:
        head = f"Availability of order {self.order_id} at {self.distributor.value}"
        body = [
            f"{'!' if line.problem else '✓'} {line.summary}{_numbers(line)}" for line in self.lines
        ]
        return "\n".join([head, "", *(body or ["(no lines)"])])


def _numbers(line: LineAvailability) -> str:
    """Stock, price and its change since the quote, where the distributor gave them."""
    parts: list[str] = []
    if line.available_quantity is not None:
        parts.append(f"{line.available_quantity} in stock")
    if line.current_price is not None and line.problem is not IssueKind.PRICE_CHANGED:
        change = (
            f" ({line.price_change_pct:+.1f}% since the quote)"
            if line.price_change_pct is not None
            else ""
        )
        parts.append(f"price {line.current_price:,.2f}{change}")
    return f" — {', '.join(parts)}" if parts else ""


async def check_availability(
    ledger: Ledger,
    actions: ProcurementActions,
    clients: ClientFactory,
    order_id: int,
) -> AvailabilityReport:
    """Ask the order's distributor now (the check goes on the order's audit trail)."""
    async with ledger.read() as conn:
        order = await order_store.get_order(conn, order_id)
    if order is None:
        raise AvailabilityError(f"no order {order_id}")
    distributor = Distributor(order.distributor)
    try:
        client = clients(distributor)
    except ProviderError as exc:
        raise AvailabilityError(str(exc)) from None
    try:
        lines = await actions.availability(order_id, client)
    except ProviderError as exc:
        raise AvailabilityError(f"could not ask {distributor.value}: {exc}") from None
    finally:
        await client.aclose()
    return AvailabilityReport(order_id=order_id, distributor=distributor, lines=lines)
