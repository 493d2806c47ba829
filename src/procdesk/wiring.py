"""The composition root: the one place that builds clients, services and work loops.

A `Context` is what every process has (the settings, the open ledger, the keyring, who acts
and the clock); its methods build everything else from it. The CLI, the dashboard, the
worker, the demo, the tests and the benchmarks get their objects here, so a client is
configured the same way wherever it is used. Services never build clients or read the
keyring themselves: they receive what they need as arguments.

Provider settings are read when a client is built (`Context.current_settings`), so fields
changed by re-authentication while a process runs are used from the next client on.
"""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import keyring.backend
from pydantic import SecretStr
from pydantic import ValidationError as PydanticValidationError

from procdesk.config import (
    ConfigError,
    Settings,
    config_file,
    current_actor,
    load_settings,
    logs_dir,
)
from procdesk.config.distributors import distributor_settings, missing_distributor_keys
from procdesk.config.paths import demo_pid, is_default_home
from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Distributor, Provider
from procdesk.integrations.autotask import AutotaskClient, AutotaskCredentials
from procdesk.integrations.autotask.credentials import credentials_from_store
from procdesk.integrations.autotask.gate import RequestGate
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.integrations.ingram import IngramClient, IngramSettings
from procdesk.integrations.registry import default_registry
from procdesk.integrations.tdsynnex import TdSynnexClient, TdSynnexSettings
from procdesk.integrations.tdsynnex.tokens import RefreshTokenStore
from procdesk.integrations.tdsynnex_xml.distributor import SynnexXmlDistributor, SynnexXmlSettings
from procdesk.secrets import KeyringUnavailableError, Profile, SecretStore
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.auth.distributors import DistributorReauth
from procdesk.services.auth.health import HealthService
from procdesk.services.auth.reauth import Reauthenticator
from procdesk.services.charges.actions import ChargeActions
from procdesk.services.charges.loop import ChargeSyncLoop
from procdesk.services.dashboard.availability import AvailabilityReport, check_availability
from procdesk.services.dashboard.issues import IssueActions
from procdesk.services.dashboard.reads import DashboardService
from procdesk.services.doctor import CheckResult, DoctorEnv, run_checks
from procdesk.services.mappings.billing_codes import MappingService
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.procurement.comparison import ComparisonService
from procdesk.services.procurement.line_moves import LineMoves
from procdesk.services.procurement.loop import ProcurementWorker
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.services.purchase_orders.actions import PurchaseOrderActions
from procdesk.services.purchase_orders.loop import PurchaseOrderLoop
from procdesk.services.purchase_orders.settings import PoSettings
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.services.worker.background import BackgroundWorker
from procdesk.services.worker.runner import WorkerRunner, WorkLoop, new_worker_id
from procdesk.store.ledger import Ledger, LedgerError, MigrateMode, to_async_url
from procdesk.store.pg.gate import DatabaseRequestGate

# Where a PostgreSQL ledger's password was kept before profiles (one entry for all ledgers).
LEGACY_LEDGER_SECRET = ("ledger", "password")

LOOP_NAMES = ("charges", "procurement", "purchase_orders")


# ---- secrets: one namespace per profile --------------------------------------------------


def current_profile() -> Profile:
    """The profile of this process: its config file (PROCDESK_HOME / PROCDESK_CONFIG)."""
    return Profile(
        str(config_file().expanduser().resolve()),
        default=is_default_home(),
        demo_pid=demo_pid(),
    )


def secret_store(backend: keyring.backend.KeyringBackend | None = None) -> SecretStore:
    """The keyring (the configured backend, or `backend`) for this process's profile."""
    return SecretStore(backend, profile=current_profile())


def ledger_secret(url_or_path: str | Path) -> tuple[str, str]:
    """The keyring entry of a PostgreSQL ledger's password, named for what it unlocks:
    ("ledger:<user>@<host>:<port>/<database>", "password")."""
    url = to_async_url(url_or_path)
    target = f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
    return (f"ledger:{target}", "password")


def ledger_password(url_or_path: str | Path, secrets: SecretStore) -> str | None:
    """The keyring's password for a PostgreSQL ledger; None for SQLite or when unset (then
    libpq's password file, ~/.pgpass or PGPASSFILE, or trust authentication applies)."""
    if to_async_url(url_or_path).get_backend_name() != "postgresql":
        return None
    entry = ledger_secret(url_or_path)
    try:
        return secrets.get(*entry) or secrets.adopt_legacy(LEGACY_LEDGER_SECRET, *entry)
    except KeyringUnavailableError:
        return None


def store_ledger_password(secrets: SecretStore, url_or_path: str | Path, password: str) -> None:
    secrets.set(*ledger_secret(url_or_path), password)


# ---- the ledger ------------------------------------------------------------------------


async def open_ledger(
    url_or_path: str | Path, secrets: SecretStore, *, migrate: MigrateMode = "auto"
) -> Ledger:
    """`Ledger.open` with the keyring's password; raises LedgerError (URL masked)."""
    return await Ledger.open(
        url_or_path, password=ledger_password(url_or_path, secrets), migrate=migrate
    )


# ---- clients ---------------------------------------------------------------------------


def autotask_credentials(settings: Settings, secrets: SecretStore) -> AutotaskCredentials:
    """The configured API user with its secret; CredentialsMissingError names what is absent."""
    config = settings.autotask
    if not config.username or not config.integration_code:
        missing = "autotask.username" if not config.username else "autotask.integration_code"
        raise CredentialsMissingError(
            Provider.AUTOTASK, f"{missing} is not configured; run `procdesk auth autotask`"
        )
    return credentials_from_store(secrets, config.username, config.integration_code)


def autotask_client(
    settings: Settings, credentials: AutotaskCredentials, *, gate: RequestGate | None = None
) -> AutotaskClient:
    """A client for these credentials with the configured root, limits and timeout."""
    config = settings.autotask
    return AutotaskClient(
        credentials,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_in_flight=config.max_concurrent,
        hourly_budget=config.hourly_budget,
        gate=gate,
    )


def autotask_procurement_client(
    settings: Settings, credentials: AutotaskCredentials, *, gate: RequestGate | None = None
) -> AutotaskProcurementClient:
    """The Autotask client with purchase orders, receiving, vendors and locations."""
    config = settings.autotask
    return AutotaskProcurementClient(
        credentials,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_in_flight=config.max_concurrent,
        hourly_budget=config.hourly_budget,
        gate=gate,
    )


def autotask_client_for_secret(
    settings: Settings, *, username: str, integration_code: str, secret: str
) -> AutotaskClient:
    """A client for credentials someone just entered (verified before they are stored)."""
    credentials = AutotaskCredentials(
        username=username, integration_code=integration_code, secret=SecretStr(secret)
    )
    return autotask_client(settings, credentials)


def _provider(distributor: Distributor) -> Provider:
    if distributor.provider is None:
        raise ValueError(f"procdesk cannot order from {distributor.value}")
    return distributor.provider


def distributor_client(
    settings: Settings, secrets: SecretStore, distributor: Distributor, clock: Clock = utc_now
) -> DistributorClient:
    """The distributor's client from config and keyring; CredentialsMissingError names what
    is not set."""
    missing = missing_distributor_keys(settings, distributor)
    if missing:
        raise CredentialsMissingError(
            _provider(distributor),
            f"not configured: {', '.join(missing)} (set them with `procdesk auth "
            f"{distributor.value.replace('_', '-')}`)",
        )
    try:
        return default_registry().create(
            distributor, distributor_settings(settings, distributor), secrets, clock
        )
    except PydanticValidationError as exc:
        fields = ", ".join(f"{distributor.value}.{e['loc'][0]}" for e in exc.errors() if e["loc"])
        raise CredentialsMissingError(
            _provider(distributor), f"invalid configuration: {fields or distributor.value}"
        ) from None


def distributor_client_for_secret(
    distributor: Distributor,
    config: Mapping[str, str],
    secret: str,
    token_store: RefreshTokenStore,
) -> DistributorClient:
    """A client for a secret someone just entered, verified before it is stored: Ingram's
    client secret and TD SYNNEX's EC Express password as given; ION's refresh token
    through `token_store`, which saves each rotated token. Raises pydantic's
    ValidationError for bad settings."""
    if distributor is Distributor.INGRAM:
        return IngramClient(IngramSettings.model_validate(dict(config)), secret)
    if distributor is Distributor.TDSYNNEX:
        return TdSynnexClient(TdSynnexSettings.model_validate(dict(config)), token_store)
    if distributor is Distributor.TDSYNNEX_XML:
        return SynnexXmlDistributor(SynnexXmlSettings.model_validate(dict(config)), secret)
    raise ValueError(f"procdesk cannot order from {distributor.value}")


def shared_request_gate(ledger: Ledger, settings: Settings) -> DatabaseRequestGate | None:
    """On a PostgreSQL ledger, the Autotask limits every worker shares (across processes).

    None on SQLite: one user's workers run in one process, so the client's own gate holds.
    """
    if ledger.dialect != "postgresql":
        return None
    return DatabaseRequestGate(
        ledger.engine.url,
        provider=Provider.AUTOTASK.value,
        max_in_flight=settings.autotask.max_concurrent,
        hourly_budget=settings.autotask.hourly_budget,
    )


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
        return ProcurementSettings.from_config(self.settings.procurement, self.settings.sync)

    def po_settings(self) -> PoSettings:
        settings = self.settings
        return PoSettings.from_config(settings.procurement, settings.autotask, settings.sync)

    def purchase_order_actions(self) -> PurchaseOrderActions:
        async def client() -> AutotaskProcurementClient:
            return self.autotask_procurement_client()

        return PurchaseOrderActions(
            self.ledger, self.po_settings(), client, actor=self.actor, clock=self.clock
        )

    def credentials(self) -> CredentialService:
        return CredentialService(self.ledger, actor=self.actor, clock=self.clock)

    def health(self) -> HealthService:
        """Provider health: the one truth for the header, screens, `auth status`, doctor."""
        return HealthService(self.ledger, clock=self.clock)

    def charge_actions(self) -> ChargeActions:
        return ChargeActions(self.ledger, actor=self.actor, clock=self.clock)

    def order_actions(self) -> ProcurementActions:
        return ProcurementActions(
            self.ledger, self.procurement_settings(), actor=self.actor, clock=self.clock
        )

    def issue_actions(self) -> IssueActions:
        return IssueActions(
            self.ledger, self.procurement_settings(), actor=self.actor, clock=self.clock
        )

    def mappings(self) -> MappingService:
        return MappingService(
            self.ledger, actor=self.actor, clock=self.clock, autotask=self.autotask_client
        )

    def comparison(self) -> ComparisonService:
        return ComparisonService(
            self.ledger,
            self.procurement_settings(),
            self.distributor_client,
            actor=self.actor,
            clock=self.clock,
        )

    def line_moves(self) -> LineMoves:
        return LineMoves(
            self.ledger,
            self.procurement_settings(),
            self.distributor_client,
            actor=self.actor,
            clock=self.clock,
        )

    async def check_availability(self, order_id: int) -> AvailabilityReport:
        """Ask the order's distributor now; AvailabilityError says why it could not."""
        return await check_availability(
            self.ledger, self.order_actions(), self.distributor_client, order_id
        )

    def quote_importer(self) -> QuoteImporter:
        return QuoteImporter(self.ledger, actor=self.actor, clock=self.clock)

    def dashboard(self) -> DashboardService:
        return DashboardService(self.ledger)

    def distributor_reauth(self) -> DistributorReauth:
        return DistributorReauth(
            self.ledger,
            self.secrets,
            actor=self.actor,
            clock=self.clock,
            client_for=distributor_client_for_secret,
        )

    def reauthenticator(self) -> Reauthenticator:
        return Reauthenticator(
            self.secrets,
            self.credentials(),
            autotask_client_for=autotask_client_for_secret,
            distributors=self.distributor_reauth(),
        )

    # -- workers --------------------------------------------------------------------------
    def charge_loop(self, worker_id: str, *, gate: RequestGate | None = None) -> ChargeSyncLoop:
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
        return BackgroundWorker(self.worker())


def doctor_env(
    config_path: Path,
    settings: Settings | None,
    ledger: Ledger | None,
    secrets: SecretStore,
    *,
    config_error: str | None = None,
    ledger_error: str | None = None,
    ledger_target: str | None = None,
) -> DoctorEnv:
    """What the doctor's checks look at, with the client builders of this root."""
    return DoctorEnv(
        config_path,
        settings,
        config_error,
        ledger,
        ledger_error,
        secrets,
        autotask_client=lambda s: autotask_client(s, autotask_credentials(s, secrets)),
        distributor_client=lambda s, d: distributor_client(s, secrets, d),
        ledger_target=ledger_target,
        logs_dir=logs_dir(),
    )


async def diagnose(
    *, ledger_url: str | None = None, secrets: SecretStore | None = None
) -> list[CheckResult]:
    """`procdesk doctor`: load what can be loaded (config, ledger, keyring), then run every
    check on it; what could not be loaded is itself a finding."""
    path = config_file()
    try:
        settings, config_error = load_settings(path), None
    except ConfigError as exc:
        settings, config_error = None, str(exc)
    store = secrets or secret_store()
    ledger, ledger_error = None, None
    target = ledger_url or (settings.ledger if settings else None)
    if target is None:
        ledger_error = "not opened: the configuration is invalid"
    else:
        try:
            ledger = await open_ledger(target, store, migrate="create")  # diagnose, not migrate
        except LedgerError as exc:
            ledger_error = str(exc)
    env = doctor_env(
        path,
        settings,
        ledger,
        store,
        config_error=config_error,
        ledger_error=ledger_error,
        ledger_target=target,
    )
    try:
        return await run_checks(env)
    finally:
        if ledger is not None:
            await ledger.close()


@asynccontextmanager
async def open_context(
    settings: Settings,
    *,
    ledger_url: str | None = None,
    secrets: SecretStore | None = None,
    actor: str | None = None,
    clock: Clock = utc_now,
    settings_source: Callable[[], Settings] | None = None,
) -> AsyncIterator[Context]:
    """Open the ledger (`ledger_url` or `settings.ledger`) and close it afterwards.

    Raises `procdesk.store.ledger.LedgerError` (message with the URL masked) if it cannot open.
    """
    store = secrets or secret_store()
    ledger = await open_ledger(ledger_url or settings.ledger, store)
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
