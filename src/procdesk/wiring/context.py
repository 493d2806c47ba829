"""`Context`: what every process has, and the services and work loops built from it."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from procdesk.config import (
    Settings,
    current_actor,
)
from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Distributor
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from procdesk.wiring.clients import (
    autotask_client,
    autotask_client_for_secret,
    autotask_credentials,
    autotask_procurement_client,
    distributor_client,
    distributor_client_for_secret,
    shared_request_gate,
)
from procdesk.wiring.profile import open_ledger, secret_store

if TYPE_CHECKING:  # clients and services load when first built: start-up needs neither
    from procdesk.integrations.autotask import AutotaskClient
    from procdesk.integrations.autotask.gate import RequestGate
    from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
    from procdesk.integrations.distributor.protocol import DistributorClient
    from procdesk.services.auth.credentials import CredentialService
    from procdesk.services.auth.distributors import DistributorReauth
    from procdesk.services.auth.health import HealthService
    from procdesk.services.auth.reauth import Reauthenticator
    from procdesk.services.auth.verify import ConnectionVerifier
    from procdesk.services.charges.actions import ChargeActions
    from procdesk.services.charges.loop import ChargeSyncLoop
    from procdesk.services.dashboard.availability import AvailabilityReport
    from procdesk.services.dashboard.issues import IssueActions
    from procdesk.services.dashboard.reads import DashboardService
    from procdesk.services.mappings.billing_codes import MappingService
    from procdesk.services.procurement.actions import ProcurementActions
    from procdesk.services.procurement.comparison import ComparisonService
    from procdesk.services.procurement.line_moves import LineMoves
    from procdesk.services.procurement.loop import ProcurementWorker
    from procdesk.services.procurement.settings import ProcurementSettings
    from procdesk.services.purchase_orders.actions import PurchaseOrderActions
    from procdesk.services.purchase_orders.loop import PurchaseOrderLoop
    from procdesk.services.purchase_orders.settings import PoSettings
    from procdesk.services.purchase_orders.vendor_setup import VendorSetup
    from procdesk.services.quotes.importer import QuoteImporter
    from procdesk.services.worker.background import BackgroundWorker
    from procdesk.services.worker.runner import WorkerRunner, WorkLoop

LOOP_NAMES = ("charges", "procurement", "purchase_orders")


# ---- the context -----------------------------------------------------------------------


@dataclass
class Context:
    """What a process has, and the builder of everything made from it.

    `settings` may be replaced while the process runs (the dashboard's re-authentication
    screens do); `settings_source`, when given, is where clients read provider settings
    instead (a headless worker re-reads the config file, which `procdesk auth` may change).
    """

    settings: Settings
    ledger: Ledger
    secrets: SecretStore
    actor: str
    clock: Clock = utc_now
    settings_source: Callable[[], Settings] | None = None

    def current_settings(self) -> Settings:
        """The settings to build a provider client from, as they are now."""
        return self.settings_source() if self.settings_source is not None else self.settings

    # -- clients --------------------------------------------------------------------------
    def autotask_client(self, *, gate: RequestGate | None = None) -> AutotaskClient:
        """Raises CredentialsMissingError (or KeyringUnavailableError) when it cannot."""
        settings = self.current_settings()
        return autotask_client(settings, autotask_credentials(settings, self.secrets), gate=gate)

    def autotask_procurement_client(
        self, *, gate: RequestGate | None = None
    ) -> AutotaskProcurementClient:
        settings = self.current_settings()
        return autotask_procurement_client(
            settings, autotask_credentials(settings, self.secrets), gate=gate
        )

    def distributor_client(self, distributor: Distributor) -> DistributorClient:
        """Raises CredentialsMissingError naming what is not set."""
        return distributor_client(self.current_settings(), self.secrets, distributor, self.clock)

    # -- services -------------------------------------------------------------------------
    def procurement_settings(self) -> ProcurementSettings:
        from procdesk.services.procurement.settings import ProcurementSettings

        return ProcurementSettings.from_config(self.settings.procurement, self.settings.sync)

    def po_settings(self) -> PoSettings:
        from procdesk.services.purchase_orders.settings import PoSettings

        settings = self.settings
        return dataclasses.replace(
            PoSettings.from_config(settings.procurement, settings.autotask, settings.sync),
            location_source=lambda: self.current_settings().autotask.inventory_location_id,
        )

    def purchase_order_actions(self) -> PurchaseOrderActions:
        from procdesk.services.purchase_orders.actions import PurchaseOrderActions

        async def client() -> AutotaskProcurementClient:
            return self.autotask_procurement_client()

        return PurchaseOrderActions(
            self.ledger, self.po_settings(), client, actor=self.actor, clock=self.clock
        )

    def vendor_setup(self) -> VendorSetup:
        from procdesk.services.purchase_orders.vendor_setup import VendorSetup

        async def client() -> AutotaskProcurementClient:
            return self.autotask_procurement_client()

        return VendorSetup(
            self.ledger, self.po_settings(), client, actor=self.actor, clock=self.clock
        )

    def credentials(self) -> CredentialService:
        from procdesk.services.auth.credentials import CredentialService

        return CredentialService(self.ledger, actor=self.actor, clock=self.clock)

    def health(self) -> HealthService:
        """Provider health: the one truth for the header, screens, `auth status`, doctor."""
        from procdesk.services.auth.health import HealthService

        return HealthService(self.ledger, clock=self.clock)

    def charge_actions(self) -> ChargeActions:
        from procdesk.services.charges.actions import ChargeActions

        return ChargeActions(self.ledger, actor=self.actor, clock=self.clock)

    def order_actions(self) -> ProcurementActions:
        from procdesk.services.procurement.actions import ProcurementActions

        return ProcurementActions(
            self.ledger, self.procurement_settings(), actor=self.actor, clock=self.clock
        )

    def issue_actions(self) -> IssueActions:
        from procdesk.services.dashboard.issues import IssueActions

        return IssueActions(
            self.ledger, self.procurement_settings(), actor=self.actor, clock=self.clock
        )

    def mappings(self) -> MappingService:
        from procdesk.services.mappings.billing_codes import MappingService

        return MappingService(
            self.ledger, actor=self.actor, clock=self.clock, autotask=self.autotask_client
        )

    def comparison(self) -> ComparisonService:
        from procdesk.services.procurement.comparison import ComparisonService

        return ComparisonService(
            self.ledger,
            self.procurement_settings(),
            self.distributor_client,
            actor=self.actor,
            clock=self.clock,
        )

    def line_moves(self) -> LineMoves:
        from procdesk.services.procurement.line_moves import LineMoves

        return LineMoves(
            self.ledger,
            self.procurement_settings(),
            self.distributor_client,
            actor=self.actor,
            clock=self.clock,
        )

    async def check_availability(self, order_id: int) -> AvailabilityReport:
        """Ask the order's distributor now; AvailabilityError says why it could not."""
        from procdesk.services.dashboard.availability import check_availability

        return await check_availability(
            self.ledger, self.order_actions(), self.distributor_client, order_id
        )

    def quote_importer(self) -> QuoteImporter:
        from procdesk.services.quotes.importer import QuoteImporter

        return QuoteImporter(self.ledger, actor=self.actor, clock=self.clock)

    def dashboard(self) -> DashboardService:
        from procdesk.services.dashboard.reads import DashboardService

        return DashboardService(self.ledger)

    def distributor_reauth(self) -> DistributorReauth:
        from procdesk.services.auth.distributors import DistributorReauth

        return DistributorReauth(
            self.ledger,
            self.secrets,
            actor=self.actor,
            clock=self.clock,
            client_for=distributor_client_for_secret,
        )

    def connection_verifier(self) -> ConnectionVerifier:
        from procdesk.services.auth.verify import ConnectionVerifier

        return ConnectionVerifier(
            self.ledger,
            self.credentials(),
            self.distributor_reauth(),
            settings=self.current_settings,
            autotask=self.autotask_client,
            distributor=self.distributor_client,
            actor=self.actor,
            clock=self.clock,
        )

    def reauthenticator(self) -> Reauthenticator:
        from procdesk.services.auth.reauth import Reauthenticator

        return Reauthenticator(
            self.secrets,
            self.credentials(),
            autotask_client_for=autotask_client_for_secret,
            distributors=self.distributor_reauth(),
        )

    # -- workers --------------------------------------------------------------------------
    def charge_loop(self, worker_id: str, *, gate: RequestGate | None = None) -> ChargeSyncLoop:
        from procdesk.services.charges.loop import ChargeSyncLoop

        settings = self.settings

        async def client() -> AutotaskClient:
            return self.autotask_client(gate=gate)

        return ChargeSyncLoop(
            self.ledger,
            client_factory=client,
            credentials=self.credentials(),
            actor=self.actor,
            owner=worker_id,
            sync=settings.sync,
            clock=self.clock,
            concurrency=4 * settings.autotask.max_concurrent,
            settle=timedelta(seconds=settings.autotask.timeout_s + 1),
        )

    def procurement_loop(self, worker_id: str) -> ProcurementWorker:
        from procdesk.services.procurement.loop import ProcurementWorker

        return ProcurementWorker(
            self.ledger,
            self.procurement_settings(),
            self.distributor_client,
            owner=worker_id,
            actor=self.actor,
            clock=self.clock,
        )

    def purchase_order_loop(
        self, worker_id: str, *, gate: RequestGate | None = None
    ) -> PurchaseOrderLoop:
        from procdesk.services.purchase_orders.loop import PurchaseOrderLoop

        async def client() -> AutotaskProcurementClient:
            return self.autotask_procurement_client(gate=gate)

        return PurchaseOrderLoop(
            self.ledger,
            self.po_settings(),
            client,
            owner=worker_id,
            actor=self.actor,
            clock=self.clock,
        )

    def worker(
        self, *, worker_id: str | None = None, loops: Sequence[str] = LOOP_NAMES
    ) -> WorkerRunner:
        """A worker running the named loops (all by default); on a PostgreSQL ledger its
        Autotask calls share the limits of every worker through the database."""
        from procdesk.services.worker.runner import WorkerRunner, new_worker_id

        worker_id = worker_id or new_worker_id(socket.gethostname(), os.getpid())
        gate = shared_request_gate(self.ledger, self.settings)
        built: list[WorkLoop] = []
        if "charges" in loops:
            built.append(self.charge_loop(worker_id, gate=gate))
        if "procurement" in loops:
            built.append(self.procurement_loop(worker_id))
        if "purchase_orders" in loops:
            built.append(self.purchase_order_loop(worker_id, gate=gate))
        return WorkerRunner(
            self.ledger,
            built,
            worker_id=worker_id,
            actor=self.actor,
            interval_s=self.settings.sync.interval_s,
            clock=self.clock,
            on_close=[gate.close] if gate is not None else [],
            reconnect_max_s=self.settings.sync.reconnect_max_s,
        )

    def background_worker(self) -> BackgroundWorker:
        """Every loop, run inside this process (the dashboard's own workers). They read
        provider settings through this context, so the dashboard's re-authentication
        screens change what the next client is built from."""
        from procdesk.services.worker.background import BackgroundWorker

        return BackgroundWorker(self.worker())


@asynccontextmanager
async def open_context(
    settings: Settings,
    *,
    ledger_url: str | None = None,
    secrets: SecretStore | None = None,
    actor: str | None = None,
    clock: Clock = utc_now,
    settings_source: Callable[[], Settings] | None = None,
    ledger_later: bool = False,
) -> AsyncIterator[Context]:
    """Open the ledger (`ledger_url` or `settings.ledger`) and close it afterwards.

    Raises `procdesk.store.ledger.LedgerError` (message with the URL masked) if it cannot open.
    `ledger_later`: an up-to-date SQLite ledger opens on first use (`open_ledger`).
    """
    from procdesk.services.outage import quiet_driver_outages

    store = secrets or secret_store()
    ledger = await open_ledger(ledger_url or settings.ledger, store, later=ledger_later)
    # A driver's own task failing as the ledger goes is one debug line, not a traceback
    # (the worker's and the dashboard's OutageWatch say the outage once).
    loud_again = quiet_driver_outages(asyncio.get_running_loop())
    try:
        yield Context(
            settings=settings,
            ledger=ledger,
            secrets=store,
            actor=actor or current_actor(settings),
            clock=clock,
            settings_source=settings_source,
        )
    finally:
        await ledger.close()
        loud_again()
