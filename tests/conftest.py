"""Fixtures tests in many folders use: an isolated home and keyring (autouse), secrets, the
ledger (SQLite, then PostgreSQL), PostgreSQL itself, the sandbox, the command line, and the
two worker environments (the charge-sync harness, procurement).

A fixture used by one folder's tests lives in that folder's conftest.py; helpers that tests
import (functions, classes, constants) live in tests/support/.
"""

# ruff: noqa: E402 (the imports below come after registering tests.support for rewriting)

from __future__ import annotations

import pytest

# Helpers assert too: rewrite them like tests so a failure shows its values. This must run
# before anything imports tests.support.
pytest.register_assert_rewrite("tests.support")

import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from decimal import Decimal
from pathlib import Path

import httpx
from click.testing import CliRunner, Result

from procdesk.cli.main import cli
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring, SecretStore, memory_keyring
from procdesk.services.procurement.loop import ProcurementWorker
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store.ledger import Ledger
from procdesk.wiring import secret_store
from tests.support.charges import HARDWARE_CODE, SyncHarness
from tests.support.charges import sandbox_settings as charges_sandbox_settings
from tests.support.keyring_entries import demo_entry
from tests.support.postgres import (
    NO_POSTGRES,
    PG_URL_ENV,
    ThrowawayCluster,
    create_database,
    database_url,
    drop_database,
    pg_bin_dir,
    run_sync,
)
from tests.support.procurement import (
    Procurement,
    SandboxTime,
    sandbox_client_factory,
    store_demo_secrets,
)
from tests.support.purchase_orders import PoWorld

# ---- isolation: every test ------------------------------------------------------------

# Screens and commands show times in the machine's local zone: the tests (and the SVG
# snapshots) read them in UTC wherever they run.
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real config, data dir or ledger."""
    home = tmp_path / "procdesk-home"
    monkeypatch.setenv("PROCDESK_HOME", str(home))
    for var in ("PROCDESK_LEDGER", "PROCDESK_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    """Every test runs with a fresh in-memory keyring: never the OS one."""
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def secrets(keyring_backend: MemoryKeyring) -> SecretStore:
    return secret_store(keyring_backend)


# ---- the ledger -------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where `ledger` lives: a SQLite file, then a fresh PostgreSQL database (team mode).

    The PostgreSQL case comes from `pg_ledger_url` below and skips, saying why, only on a
    machine with no PostgreSQL at all.
    """
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return str(request.getfixturevalue("pg_ledger_url"))


@pytest.fixture
async def ledger(ledger_url: str) -> AsyncIterator[Ledger]:
    led = await Ledger.open(ledger_url)
    try:
        yield led
    finally:
        await led.close()


# ---- PostgreSQL -------------------------------------------------------------------------
# `pg_server_url` is the admin URL of a server (CI exports PROCDESK_TEST_PG_URL; otherwise a
# cluster is made with initdb/pg_ctl in a temporary directory on a free port, once per test
# process). `pg_url` is a fresh, empty database per test; `pg_ledger_url` a fresh database
# already migrated (copied from a migrated template, so tests do not pay for migrations).


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str | None]:
    """Admin URL of the test server, or None when there is no PostgreSQL at all."""
    from_env = os.environ.get(PG_URL_ENV)
    if from_env:
        yield from_env
        return
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        yield None
        return
    cluster = ThrowawayCluster(bin_dir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server_url: str | None) -> Iterator[str]:
    """A fresh, empty database for this test."""
    if pg_server_url is None:
        pytest.skip(NO_POSTGRES)
    name = create_database(pg_server_url)
    try:
        yield database_url(pg_server_url, name)
    finally:
        drop_database(pg_server_url, name)


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str | None) -> Iterator[str | None]:
    """A database migrated to head once per test process; fresh ledgers are copied from it."""
    if pg_server_url is None:
        yield None
        return

    async def migrate(url: str) -> None:
        ledger = await Ledger.open(url)
        await ledger.close()

    name = create_database(pg_server_url)
    run_sync(migrate(database_url(pg_server_url, name)))
    try:
        yield name
    finally:
        drop_database(pg_server_url, name)


@pytest.fixture
def pg_ledger_url(pg_server_url: str | None, pg_template: str | None) -> Iterator[str]:
    """A fresh database already at the newest migration."""
    if pg_server_url is None or pg_template is None:
        pytest.skip(NO_POSTGRES)
    name = create_database(pg_server_url, template=pg_template)
    try:
        yield database_url(pg_server_url, name)
    finally:
        drop_database(pg_server_url, name)


# ---- the sandbox: over real loopback HTTP, one server per test process --------------------


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxConfig(port=0, seed=7)) as server:
        yield server


@pytest.fixture(scope="session")
def _control_client(sandbox_server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{sandbox_server.base_url}/_sandbox", timeout=10) as client:
        yield client


@pytest.fixture
def sandbox(sandbox_server: SandboxServer, _control_client: httpx.Client) -> SandboxServer:
    """The running sandbox, back on its demo data, real time and start-up faults (none)."""
    _control_client.post("/reset").raise_for_status()
    return sandbox_server


# ---- the command line, in-process with click's runner ------------------------------------


@pytest.fixture
def procdesk() -> Callable[..., Result]:
    """procdesk("quotes", "list", "--json") -> click Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


# ---- worker environments against the sandbox ---------------------------------------------


@pytest.fixture
async def harness(
    ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore
) -> AsyncIterator[SyncHarness]:
    """The charge-sync harness: a worker context on `ledger` against the sandbox's Autotask,
    signed in, with Hardware mapped."""
    secrets.set(demo_entry("autotask"), "secret", DEMO_CREDENTIALS.autotask.secret)
    h = SyncHarness(ledger, charges_sandbox_settings(sandbox), secrets)
    await h.map("Hardware", HARDWARE_CODE)
    try:
        yield h
    finally:
        await h.close()


@pytest.fixture
async def procurement(
    ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore
) -> AsyncIterator[Procurement]:
    """A procurement worker on `ledger` against the sandbox's distributors, signed in."""
    store_demo_secrets(secrets)
    time = SandboxTime(sandbox)
    settings = ProcurementSettings(approval_threshold=Decimal("5000"), auto_submit=True)
    env = Procurement(
        ledger=ledger,
        sandbox=sandbox,
        secrets=secrets,
        time=time,
        settings=settings,
        worker=ProcurementWorker(
            ledger,
            settings,
            sandbox_client_factory(sandbox, secrets),
            owner="test-worker",
            clock=time.now,
        ),
    )
    try:
        yield env
    finally:
        await env.worker.aclose()


@pytest.fixture
async def world(
    ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore
) -> AsyncIterator[PoWorld]:
    """Autotask and Ingram on the sandbox, every loop, and the purchase-order actions."""
    env = PoWorld.build(ledger, sandbox, secrets)
    try:
        yield env
    finally:
        await env.close()
