"""Check an order's availability from the dashboard: build the distributor's client from
settings and keyring, ask, close it; every failure is a readable `AvailabilityError`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel

from procdesk.config import Settings
from procdesk.domain.enums import Distributor
from procdesk.integrations.errors import ProviderError
from procdesk.secrets import SecretStore
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.procurement.availability import LineAvailability
from procdesk.services.procurement.clients import build_client
from procdesk.services.procurement.settings import ProcurementSettings
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
            f"{'!' if line.problem else '✓'} {line.summary}"
            + (f" — {line.available_quantity} in stock" if line.available_quantity else "")
            for line in self.lines
        ]
        return "\n".join([head, "", *(body or ["(no lines)"])])


async def check_availability(
    ledger: Ledger,
    settings: Settings,
    secrets: SecretStore,
    order_id: int,
    *,
    actor: str,
    clock: Callable[[], datetime],
) -> AvailabilityReport:
    async with ledger.read() as conn:
        order = await order_store.get_order(conn, order_id)
    if order is None:
        raise AvailabilityError(f"no order {order_id}")
    distributor = Distributor(order.distributor)
    try:
        client = build_client(settings, secrets, distributor)
    except ProviderError as exc:
        raise AvailabilityError(str(exc)) from None
    actions = ProcurementActions(
        ledger,
        ProcurementSettings.from_config(settings.procurement, settings.sync),
        actor=actor,
        clock=clock,
    )
    try:
        lines = await actions.availability(order_id, client)
    except ProviderError as exc:
        raise AvailabilityError(f"could not ask {distributor.value}: {exc}") from None
    finally:
        await client.aclose()
    return AvailabilityReport(order_id=order_id, distributor=distributor, lines=lines)
