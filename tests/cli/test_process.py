"""The `procdesk` process skips pydantic's plugin lookup (a walk over every installed
distribution's entry points before the first validator) unless the user chose otherwise, and
its dashboard runs with the cyclic garbage collector paused until the first frame."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from procdesk.cli.main import main
from procdesk.store.ledger import Ledger

# Loads the settings as every command does, then says whether pydantic looked for plugins
# (`_plugins` stays None until it does).
LOADS_SETTINGS = """
import sys
from procdesk.cli.process import prepare_process
if sys.argv[1] == "entry":
    prepare_process()
from procdesk.config import load_settings
load_settings()
from pydantic.plugin import _loader
print("looked" if _loader._plugins is not None else "skipped")
"""


def lookup(how: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", LOADS_SETTINGS, how],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return out.stdout.strip()


@pytest.mark.parametrize(
    ("how", "user_value", "expected"),
    [
        ("entry", None, "skipped"),  # procdesk's entry point turns the lookup off
        ("bare", None, "looked"),  # without it pydantic looks (what the entry point saves)
        ("entry", "some_plugin", "looked"),  # a user's own choice stands
    ],
)
def test_the_entry_point_skips_the_plugin_lookup(
    how: str, user_value: str | None, expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if user_value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = user_value
    assert lookup(how, env) == expected


@pytest.mark.parametrize(("before", "after"), [(None, "__all__"), ("logfire", "logfire")])
def test_main_prepares_the_process_first(
    monkeypatch: pytest.MonkeyPatch, before: str | None, after: str
) -> None:
    if before is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", before)
    monkeypatch.setattr(sys, "argv", ["procdesk", "--version"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == after


# `procdesk`'s dashboard as the dashboard command runs it (collector paused, the app owning
# the process); whether the collector runs at the first frame, and once the start-up work
# after it is done, still inside the paused block.
DASHBOARD = """
import asyncio, gc, json, sys
from procdesk.services.collector import collector_paused
from procdesk.config import Settings
from procdesk.secrets import MemoryKeyring, SecretStore
from procdesk.tui import probe
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.wiring import Context, open_ledger

async def main(path):
    secrets = SecretStore(MemoryKeyring())
    ledger = await open_ledger(path, secrets, later=True)
    context = Context(Settings(), ledger, secrets, "test")
    app = make_app(context, DashboardOptions(owns_process=True))
    seen = {}
    probe.watch_frames(app, lambda screen: seen.setdefault("at_first_frame", gc.isenabled()))
    async with app.run_test(size=(160, 50)):
        await app.workers.wait_for_complete()
        seen["after_start"] = gc.isenabled()
    await ledger.close()
    print(json.dumps(seen))

with collector_paused():
    asyncio.run(main(sys.argv[1]))
"""


def test_the_dashboard_resumes_the_collector_after_its_first_frame(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"

    async def create() -> None:
        ledger = await Ledger.open(str(path))  # (created at the current schema revision)
        await ledger.close()

    asyncio.run(create())
    out = subprocess.run(
        [sys.executable, "-c", DASHBOARD, str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {
        "at_first_frame": False,
        "after_start": True,
    }
