"""What the dashboard loads before its first frame: never the distributor clients or OAuth,
and of procdesk's own services only what the first frame reads with.

Checked in a fresh interpreter (this process has imported everything already). Structure
that makes start-up fast, not a timing: benchmarks/dashboard_bench.py measures the time.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

# Loaded only when a client is built (wiring/clients.py), never by importing the app.
NOT_BEFORE_FIRST_FRAME = (
    "authlib",
    "lxml",
    "alembic",
    "procdesk.integrations.ingram.client",
    "procdesk.integrations.tdsynnex.client",
    "procdesk.integrations.tdsynnex_xml.distributor",
    "procdesk.integrations.registry",
    "procdesk.sandbox",
)


# The first frame reads rows and the header; everything else a service or screen does loads on
# first use: `wiring.Context` imports a service in the method that builds it, the TUI's
# action modules import theirs inside the action, the change feed and the internal-error
# recorder load after the first frame.
SERVICES_OF_THE_FIRST_FRAME = {
    "procdesk.services",
    "procdesk.services.dashboard",
    "procdesk.services.dashboard.liveness",
    "procdesk.services.dashboard.pane_source",
    "procdesk.services.display",
    "procdesk.services.outage",
}
NOT_BY_THE_APP = (
    "procdesk.domain.remediation",
    "procdesk.integrations.autotask",
    "procdesk.store.pg.listener",
    "procdesk.tui.screens.detail",
    "procdesk.tui.actions_detail",
    "procdesk.wiring.doctor",
    "markdown_it",  # Textual's Markdown widget: only the demo guide and help use it
    # Telling a ledger outage from a bug looks the drivers up among the loaded modules; an
    # HTTP client loads with the first provider client, the TOML editor with the first edit.
    "httpx",
    "tomlkit",
    "procdesk.config.edit",
    # On an up-to-date SQLite ledger the first frame is read with sqlite3 (store.first_read)
    # and the engine opens after it (Ledger.later): no SQLAlchemy, driver, schema or the
    # ledger's reads before then.
    "sqlalchemy",
    "aiosqlite",
    "asyncpg",
    "procdesk.store.schema",
    "procdesk.store.views",
    "procdesk.services.dashboard.reads",
    "procdesk.services.auth.health",
    "procdesk.domain.purchase_order",  # (the settings need only its ReceiveWhen, in enums)
    # The OS keyring loads on the first secret read or write, which the first frame never
    # makes (procdesk.secrets imports it inside the functions that use it).
    "keyring",
    "procdesk.secrets.memory",
    # The command palette's providers load when it first opens (tui/palette.py).
    "procdesk.tui.commands",
    "procdesk.tui.quote_commands",
    "procdesk.tui.screens.demo_guide",
    "procdesk.tui.fix_target",  # which screen fixes an issue: when one is opened
    # pydantic-settings (and the dotenv, cloud and CLI sources it imports) loads only when a
    # PROCDESK_* variable names a config key (config/environment.py).
    "pydantic_settings",
    "dotenv",
    # The activity tray's label and progress bar load with the first job.
    "textual.widgets._progress_bar",
)


def loaded_after(module: str) -> set[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", ["procdesk.tui.app", "procdesk.wiring"])
def test_importing_leaves_provider_clients_unloaded(module: str) -> None:
    loaded = loaded_after(module)
    early = [name for name in NOT_BEFORE_FIRST_FRAME if name in loaded]
    assert early == [], f"importing {module} loads {early}"


def test_a_client_still_loads_when_built() -> None:
    from procdesk.integrations.tdsynnex import TdSynnexClient

    assert TdSynnexClient.__module__ == "procdesk.integrations.tdsynnex.client"


def test_the_app_loads_only_the_services_of_its_first_frame() -> None:
    loaded = loaded_after("procdesk.tui.app")
    services = {name for name in loaded if name.startswith("procdesk.services")}
    assert services - SERVICES_OF_THE_FIRST_FRAME == set()
    early = [name for name in NOT_BY_THE_APP if name in loaded]
    assert early == [], f"importing the app loads {early}"


FIRST_FRAME = """
import asyncio, json, sys
from procdesk.config import Settings
from procdesk.secrets import MemoryKeyring, SecretStore
from procdesk.tui import probe
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context, open_ledger

async def main(path):
    secrets = SecretStore(MemoryKeyring())
    ledger = await open_ledger(path, secrets, later=True)
    app = make_app(Context(Settings(), ledger, secrets, "test"), DashboardOptions())
    seen = {}
    first = asyncio.Event()

    def shown(screen):
        panes = list(app.query(Pane)) if app.screen_stack else []
        if not seen and len(panes) == 3 and all(p.table.pages.loaded_rows for p in panes):
            seen["loaded"] = sorted(m for m in sys.modules if m.split(".")[0] in WATCHED)
            seen["rows"] = {p.id: p.table.pages.loaded_rows for p in panes}
            seen["built"] = built_records()
            first.set()

    probe.watch_frames(app, shown, encode=False)
    async with app.run_test(size=(160, 50)):
        async with asyncio.timeout(60):
            await first.wait()
        await app.workers.wait_for_complete()
        seen["open_after"] = ledger.is_open
    await ledger.close()
    print(json.dumps(seen))

WATCHED = {"sqlalchemy", "aiosqlite"}
asyncio.run(main(sys.argv[1]))
"""
# The ledger's record models whose validators exist (pydantic builds one when the model first
# validates: `domain.records.Record` defers it).
BUILT_RECORDS = """
def built_records():
    from procdesk.domain.records import Record

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return sorted({c.__name__ for c in below(Record) if c.__pydantic_complete__})
"""


async def _seed(path: Path) -> None:
    from procdesk.store.ledger import Ledger
    from procdesk.store.seed import SeedPlan, seed

    ledger = await Ledger.open(str(path))
    async with ledger.write() as conn:
        await seed(conn, SeedPlan(charges=200, orders=20, issues=10), now=NOW)
    await ledger.close()


def test_the_first_frame_on_an_up_to_date_sqlite_ledger_loads_no_sqlalchemy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.db"
    asyncio.run(_seed(path))
    out = subprocess.run(
        [sys.executable, "-c", BUILT_RECORDS + FIRST_FRAME, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["loaded"] == []
    assert set(seen["rows"]) == {"orders", "charges", "issues"}
    assert all(rows > 0 for rows in seen["rows"].values())
    assert seen["open_after"] is True  # the engine opened after the frame
    # of the ledger's record models, only those of the rows on screen are built
    assert seen["built"] == ["Charge", "Issue", "OrderRow"]


def test_importing_the_app_builds_no_record_model() -> None:
    code = BUILT_RECORDS + "import json, procdesk.tui.app; print(json.dumps(built_records()))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == []


def test_the_composition_root_loads_no_service_until_one_is_built() -> None:
    loaded = loaded_after("procdesk.wiring")
    assert sorted(name for name in loaded if name.startswith("procdesk.services")) == []
    assert "procdesk.wiring.doctor" not in loaded


def test_the_palette_providers_still_load() -> None:
    from textual.command import Provider

    from procdesk.tui.palette import PALETTE_PROVIDERS

    loaded = [source() for source in PALETTE_PROVIDERS if not isinstance(source, type)]
    assert len(loaded) == len(PALETTE_PROVIDERS) == 4
    assert all(issubclass(provider, Provider) for provider in loaded)
    assert {p.__name__ for p in loaded} == {
        "PaneCommands",
        "AdminCommands",
        "QuoteCommands",
        "DemoGuideCommands",
    }


def test_lazily_loaded_names_still_resolve() -> None:
    from procdesk import wiring

    assert wiring.diagnose.__module__ == "procdesk.wiring.doctor"
    assert wiring.doctor_env.__module__ == "procdesk.wiring.doctor"
    from procdesk import secrets

    assert secrets.MemoryKeyring.__module__ == "procdesk.secrets.memory"
    assert secrets.memory_keyring.__module__ == "procdesk.secrets.memory"
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        secrets.nothing_here  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        wiring.nothing_here  # noqa: B018
