"""The one interface every distributor client implements.

Services talk to Ingram Micro, TD SYNNEX (and any distributor added later) only through
`DistributorClient`; they get clients from the composition root, which builds them through
`procdesk.integrations.registry`, so adding a distributor never touches a service.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from procdesk.domain.enums import Distributor
from procdesk.integrations.distributor.models import (
    CredentialStatus,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
)


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


@runtime_checkable
class HardwareCatalog(Protocol):
    """A distributor door that quotes price and stock by manufacturer part number, for
    comparing one part across distributors (Ingram Micro, TD SYNNEX's XML interface; not
    StreamOne ION, which sells cloud subscriptions). One answer per part asked, in order;
    a part the distributor does not carry comes back with status `unknown`."""

    async def availability_by_manufacturer(self, parts: list[str]) -> list[PartAvailability]: ...
