"""The purchase-order services' settings and the base they share."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from procdesk.config.autotask import AutotaskConfig
from procdesk.config.procurement import ProcurementConfig
from procdesk.config.sync import SyncConfig
from procdesk.domain.clock import Clock
from procdesk.domain.enums import ReceiveWhen
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.errors import ProviderError
from procdesk.services.purchase_orders.errors import AutotaskUnavailableError
from procdesk.store.ledger import Ledger

# Builds the Autotask client; raises ProviderError (e.g. CredentialsMissingError) when it cannot.
ProcurementClientFactory = Callable[[], Awaitable[AutotaskProcurementClient]]


@dataclass(frozen=True)
class PoSettings:
    enabled: bool = True
    receive_when: ReceiveWhen = ReceiveWhen.DELIVERED
    inventory_location_id: int | None = None  # None: Autotask's active default location
    retry_base: timedelta = timedelta(seconds=30)
    retry_max: timedelta = timedelta(hours=1)
    lease_for: timedelta = timedelta(minutes=2)
    batch_size: int = 50
    # Where the location is read at the moment a PO is built, so a location set while a
    # worker runs (the vendor-mapping screen writes it) is used without a restart.
    location_source: Callable[[], int | None] | None = None

    def inventory_location(self) -> int | None:
        """The configured location to receive into now (None: Autotask's default one)."""
        if self.location_source is not None:
            return self.location_source()
        return self.inventory_location_id

    @classmethod
    def from_config(
        cls, procurement: ProcurementConfig, autotask: AutotaskConfig, sync: SyncConfig
    ) -> PoSettings:
        return cls(
            enabled=procurement.autotask_purchase_orders,
            receive_when=procurement.receive_when,
            inventory_location_id=autotask.inventory_location_id,
            retry_base=timedelta(seconds=sync.backoff_base_s),
            retry_max=timedelta(seconds=sync.backoff_max_s),
            lease_for=timedelta(seconds=sync.lease_s),
            batch_size=sync.batch_size,
        )

    def retry_delay(self, attempts: int) -> timedelta:
        delay: timedelta = min(self.retry_base * (2 ** max(attempts - 1, 0)), self.retry_max)
        return delay


class PoService:
    """Base of the purchase-order services: the ledger, the settings, who acts, the clock."""

    def __init__(self, ledger: Ledger, settings: PoSettings, *, actor: str, clock: Clock) -> None:
        self._ledger = ledger
        self._settings = settings
        self._actor = actor
        self._clock = clock


class PoClientService(PoService):
    """A purchase-order service that asks Autotask for people's actions, one client each."""

    def __init__(
        self,
        ledger: Ledger,
        settings: PoSettings,
        client: ProcurementClientFactory,
        *,
        actor: str,
        clock: Clock,
    ) -> None:
        super().__init__(ledger, settings, actor=actor, clock=clock)
        self._client_factory = client

    @asynccontextmanager
    async def _autotask(self) -> AsyncIterator[AutotaskProcurementClient]:
        """The client for one action; Autotask's failures become AutotaskUnavailableError."""
        try:
            async with await self._client_factory() as client:
                yield client
        except ProviderError as error:
            raise AutotaskUnavailableError(str(error)) from error  # ("autotask: <why>")
