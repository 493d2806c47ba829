"""The one interface every distributor client implements, and the models it speaks.

Services talk to Ingram Micro, TD SYNNEX (and any distributor added later) only through
`DistributorClient`; they obtain clients from a `DistributorRegistry` keyed by
`procdesk.domain.enums.Distributor`, so adding a distributor never touches a service.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from pydantic import BaseModel, Field

from procdesk.domain.enums import (
    CredentialState,
    Distributor,
    OrderLineStatus,
    OrderStatus,
    Provider,
)
from procdesk.secrets import SecretStore


class AvailabilityStatus(StrEnum):
    AVAILABLE = "available"  # in stock now
    BACKORDERABLE = "backorderable"  # none in stock, but the distributor takes the order
    OUT_OF_STOCK = "out_of_stock"  # none in stock and no backorder
    DISCONTINUED = "discontinued"
    UNKNOWN = "unknown"  # the distributor does not know the part


class CredentialStatus(BaseModel):
    """What a live check found, and how long the tokens last (the dashboard warns early)."""

    provider: Provider
    state: CredentialState
    checked_at: datetime
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    message: str = ""  # why the state is not ok, in the provider's words; never a secret


class PartAvailability(BaseModel):
    part_number: str
    status: AvailabilityStatus
    quantity: int | None = None  # total available now, where the distributor says
    price: Decimal | None = None  # our (customer) price
    currency: str | None = None
    raw_status: str = ""  # the distributor's own status text

    @property
    def orderable(self) -> bool:
        return self.status in (AvailabilityStatus.AVAILABLE, AvailabilityStatus.BACKORDERABLE)


class ShipTo(BaseModel):
    company_name: str
    contact: str = ""
    address_lines: list[str] = Field(default_factory=list, max_length=4)
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country_code: str = ""
    phone: str = ""
    email: str = ""


class OrderLineRequest(BaseModel):
    line_number: int  # ours; echoed back so results map to our order lines
    part_number: str
    quantity: int = Field(gt=0)
    expected_unit_price: Decimal | None = None


class OrderRequest(BaseModel):
    reference: str  # our order reference: the marker we reconcile by
    customer_name: str  # the end customer (company) the order is for
    ship_to: ShipTo
    lines: list[OrderLineRequest] = Field(min_length=1)
    notes: str = ""
    accept_backorder: bool = True


class AcceptedLine(BaseModel):
    line_number: int | None
    part_number: str
    quantity: int
    confirmed_quantity: int | None = None
    backordered_quantity: int | None = None
    unit_price: Decimal | None = None
    raw_status: str = ""


class RejectedLine(BaseModel):
    line_number: int | None
    part_number: str
    quantity: int | None = None
    reason: str  # the distributor's words
    code: str = ""


class PlacedOrder(BaseModel):
    reference: str
    distributor_order_id: str
    raw_status: str
    status: OrderStatus
    accepted_lines: list[AcceptedLine] = Field(default_factory=list)
    rejected_lines: list[RejectedLine] = Field(default_factory=list)
    total: Decimal | None = None
    currency: str | None = None


class OrderLineSnapshot(BaseModel):
    line_number: int | None
    part_number: str
    raw_status: str
    status: OrderLineStatus
    quantity: int | None = None
    confirmed_quantity: int | None = None
    backordered_quantity: int | None = None
    backorder_eta: date | None = None
    carrier: str | None = None
    tracking_numbers: list[str] = Field(default_factory=list)


class OrderSnapshot(BaseModel):
    distributor_order_id: str
    reference: str | None
    raw_status: str
    status: OrderStatus
    message: str = ""  # the distributor's explanation, e.g. why an order failed
    lines: list[OrderLineSnapshot] = Field(default_factory=list)

    @property
    def tracking_numbers(self) -> list[str]:
        return [number for line in self.lines for number in line.tracking_numbers]

    @property
    def backorder_eta(self) -> date | None:
        etas = [line.backorder_eta for line in self.lines if line.backorder_eta is not None]
        return max(etas) if etas else None


@runtime_checkable
class DistributorClient(Protocol):
    """Every method raises only `procdesk.integrations.errors.ProviderError` subclasses
    (a token store's own failure aside). `can_cancel` is False where the distributor's API
    has no cancellation; `cancel` then raises `ValidationError` saying where to cancel."""

    distributor: Distributor
    can_cancel: bool

    async def verify(self) -> CredentialStatus: ...

    def credential_status(self) -> CredentialStatus:
        """The last known token lifetimes, without a network call: state `ok` while the
        client holds a token, `missing` before it has fetched one."""
        ...

    async def availability(self, parts: list[str]) -> list[PartAvailability]: ...

    async def place_order(self, order: OrderRequest) -> PlacedOrder: ...

    async def find_order(self, reference: str) -> PlacedOrder | None: ...

    async def order_status(self, distributor_order_id: str) -> OrderSnapshot: ...

    async def order_statuses(self, distributor_order_ids: list[str]) -> list[OrderSnapshot]: ...

    async def cancel(self, distributor_order_id: str) -> OrderSnapshot: ...

    async def aclose(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


# settings: the provider's config keys without their prefix (e.g. "base_url", "client_id")
DistributorFactory = Callable[[Mapping[str, str], SecretStore], DistributorClient]


class DistributorRegistry:
    """Builds a client for a distributor from its settings and the keyring."""

    def __init__(self) -> None:
        self._factories: dict[Distributor, DistributorFactory] = {}

    def register(self, distributor: Distributor, factory: DistributorFactory) -> None:
        self._factories[distributor] = factory

    def supports(self, distributor: Distributor) -> bool:
        return distributor in self._factories

    def create(
        self, distributor: Distributor, settings: Mapping[str, str], secrets: SecretStore
    ) -> DistributorClient:
        try:
            factory = self._factories[distributor]
        except KeyError:
            raise LookupError(f"no client is registered for {distributor.value}") from None
        return factory(settings, secrets)


def default_registry() -> DistributorRegistry:
    """The registry with every distributor procdesk ships a client for."""
    # imported here: the client packages import this module for the shared models
    from procdesk.integrations.ingram import create_ingram_client
    from procdesk.integrations.tdsynnex import create_tdsynnex_client

    registry = DistributorRegistry()
    registry.register(Distributor.INGRAM, create_ingram_client)
    registry.register(Distributor.TDSYNNEX, create_tdsynnex_client)
    return registry
