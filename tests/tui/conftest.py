"""Dashboards for the TUI tests.

`dashboard_app` runs over a small seeded ledger at a fixed clock. `screen_app` runs over the
charge-sync harness's ledger, configured for the running sandbox: the mappings and
re-authentication screens are pushed straight onto it, Autotask (and the distributors) are
the sandbox's, the clock is the harness's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import pytest

from procdesk.config import Settings
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from procdesk.store.seed import SeedPlan, seed
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.wiring import Context
from tests.support.charges import SyncHarness
from tests.support.procurement import sandbox_settings as distributor_settings
from tests.support.quotes import EXAMPLES

FIXED_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def documents_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's documents folder, where exports go by default: a temporary one."""
    documents = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    return documents


@pytest.fixture
async def seeded_ledger(ledger: Ledger) -> Ledger:
    async with ledger.write() as conn:
        await seed(conn, SeedPlan(charges=400, orders=60, issues=40), now=FIXED_NOW)
    return ledger


@pytest.fixture
def dashboard_app(seeded_ledger: Ledger, secrets: SecretStore) -> ProcdeskApp:
    context = Context(Settings(), seeded_ledger, secrets, "tester", clock=lambda: FIXED_NOW)
    return make_app(context, DashboardOptions(poll_interval=3600))


@pytest.fixture
def screen_context(harness: SyncHarness, sandbox: SandboxServer) -> Context:
    distributors = distributor_settings(sandbox)
    settings = harness.settings.model_copy(
        update={"ingram": distributors.ingram, "tdsynnex": distributors.tdsynnex}
    )
    return Context(settings, harness.ledger, harness.secrets, "tester", clock=harness.clock)


@pytest.fixture
def screen_app(screen_context: Context) -> ProcdeskApp:
    return make_app(screen_context, DashboardOptions(poll_interval=3600))


@pytest.fixture
async def imported(ledger: Ledger, secrets: SecretStore) -> ProcdeskApp:
    """A dashboard over the example quotes, imported at the fixed clock: Q-1002 has lines at
    Ingram Micro, TD SYNNEX (ION and XML) and one from a distributor procdesk does not
    order from."""
    context = Context(Settings(), ledger, secrets, "tester", clock=lambda: FIXED_NOW)
    await context.quote_importer().import_file(EXAMPLES / "quotes.json")
    return make_app(context, DashboardOptions(poll_interval=3600))
