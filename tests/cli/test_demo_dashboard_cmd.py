"""`procdesk` alone is the dashboard: workers in-process, woken by "sync now", keys from
the config's `[keys]` table."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from procdesk.cli.dashboard_cmd import dashboard_options, log_to_file
from procdesk.cli.main import cli
from procdesk.config import load_settings
from procdesk.secrets import SecretStore
from procdesk.store.schema import workers
from procdesk.tui.app import make_app
from procdesk.wiring import open_context


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


def test_help_lists_the_dashboard_and_the_demo() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "demo" in result.output
    assert "dashboard" in result.output
    assert "--no-workers" in result.output


@pytest.fixture
def keys_config(isolated_home: Path) -> Path:
    isolated_home.mkdir(parents=True, exist_ok=True)
    path = isolated_home / "config.toml"
    path.write_text('[keys]\n"app.help" = "f1"\n', encoding="utf-8")
    return path


async def test_keys_from_the_config_file_rebind_the_dashboard(
    keys_config: Path, ledger_url: str, secrets: SecretStore
) -> None:
    settings = load_settings()
    async with open_context(settings, ledger_url=ledger_url, secrets=secrets) as context:
        options = dashboard_options(context, None, None)
        assert options.keymap == {"app.help": "f1"}
        assert options.background == []
        assert options.sync_now is None
        assert options.owns_process  # `procdesk` is the app: start-up freezes the heap
        options.owns_process = False  # (not in this shared test process: nothing frozen)
        app = make_app(context, options)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"


async def test_in_process_workers_cycle_wake_on_sync_now_and_stop_with_the_app(
    ledger_url: str, secrets: SecretStore
) -> None:
    settings = load_settings().model_copy(
        update={"sync": load_settings().sync.model_copy(update={"interval_s": 3600.0})}
    )
    async with open_context(settings, ledger_url=ledger_url, secrets=secrets) as svc:
        runner = svc.background_worker()
        job = asyncio.create_task(runner.run())

        async def cycles_done() -> list[sa.Row]:
            async with svc.ledger.read() as conn:
                return list(await conn.execute(sa.select(workers)))

        async def until_cycles(n: int) -> None:
            async with asyncio.timeout(30):
                while True:
                    rows = await cycles_done()
                    if rows and rows[0].last_cycle_at is not None and seen(rows[0]) >= n:
                        return
                    await asyncio.sleep(0.02)

        stamps: list[object] = []

        def seen(row: sa.Row) -> int:
            if not stamps or stamps[-1] != row.last_cycle_at:
                stamps.append(row.last_cycle_at)
            return len(stamps)

        await until_cycles(1)
        await runner.sync_now()  # not an hour later: at once
        await until_cycles(2)
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job
        [row] = await cycles_done()
        assert row.state == "stopped"


def test_the_log_goes_to_a_file_while_the_app_runs(tmp_path: Path) -> None:
    import logging

    with log_to_file(tmp_path / "logs") as path:
        logging.getLogger("procdesk.test").warning("written to the file")
    assert "written to the file" in path.read_text(encoding="utf-8")
    assert all(getattr(h, "baseFilename", None) != str(path) for h in logging.getLogger().handlers)
