"""Exports land where the user keeps documents (or the folder they set), named with the
real date, whole or not at all, and the notice says the full path."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from procdesk.config import Settings
from procdesk.config.user import UserConfig
from procdesk.services.dashboard.pane_source import PaneSource
from procdesk.store.views import ViewQuery
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.export import ExportFormat, export_view
from procdesk.tui.options import DashboardOptions
from procdesk.wiring import Context
from tests.support.dashboard import notes, press, press_on, running
from tests.tui.conftest import FIXED_NOW


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """Files, not the database: one SQLite ledger is enough."""
    return str(tmp_path / "ledger.db")


def files(folder: Path, pattern: str) -> list[Path]:
    return list(folder.rglob(pattern))


def today() -> set[str]:
    """The wall-clock date as a file name has it (both sides of a midnight)."""
    return {datetime.now().astimezone().strftime("%Y%m%d")}


async def test_an_export_goes_to_the_documents_folder_with_the_real_date(
    dashboard_app: ProcdeskApp, documents_dir: Path, isolated_home: Path
) -> None:
    dates = today()
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "orders", 1, "e")
        done = [m for _, m in notes(dashboard_app) if m.startswith("Exported")]
    dates |= today()
    [exported] = list((documents_dir / "procdesk").iterdir())
    assert exported.name.startswith("orders-")
    assert exported.name[len("orders-") :][:8] in dates
    # the ledger's (demo) clock is elsewhere in time: it does not name the file
    assert FIXED_NOW.strftime("%Y%m%d") not in exported.name
    assert done == [f"Exported 60 rows to {exported}"]
    assert exported.is_absolute()
    assert not files(isolated_home, "*.csv")  # nothing in procdesk's (demo) home


async def test_an_export_goes_to_the_folder_set_in_config(
    dashboard_app: ProcdeskApp, tmp_path: Path, documents_dir: Path
) -> None:
    mine = tmp_path / "shared" / "exports"
    settings = Settings(user=UserConfig(exports=str(mine)))
    context = dashboard_app.context
    app = make_app(
        Context(settings, context.ledger, context.secrets, "tester", clock=context.clock),
        DashboardOptions(poll_interval=3600),
    )
    async with running(app) as pilot:
        await press_on(app, pilot, "issues", 1, "E")
        done = [m for _, m in notes(app) if m.startswith("Exported")]
    [exported] = list(mine.iterdir())
    assert exported.suffix == ".json"
    assert done == [f"Exported 40 rows to {exported}"]
    assert not files(documents_dir, "*")


async def test_a_folder_that_cannot_be_made_is_said_plainly_and_nothing_is_written(
    dashboard_app: ProcdeskApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    context = dashboard_app.context
    app = make_app(
        Context(
            Settings(user=UserConfig(exports=str(blocker / "exports"))),
            context.ledger,
            context.secrets,
            "tester",
            clock=context.clock,
        ),
        DashboardOptions(poll_interval=3600),
    )
    async with running(app) as pilot:
        await press_on(app, pilot, "charges", 1, "e")
        await press(app, pilot)
        errors = [(s, m) for s, m in notes(app) if s == "error"]
    assert len(errors) == 1
    assert str(blocker / "exports") in errors[0][1]
    assert "procdesk config set user.exports" in errors[0][1]
    assert blocker.read_text() == "a file where the folder should be"


async def test_a_failed_export_leaves_no_file(dashboard_app: ProcdeskApp, tmp_path: Path) -> None:
    pane_source = PaneSource(dashboard_app.context.ledger, "charges")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "charges.csv"
    pages: list[int] = []

    def stop_after_first_page(rows: int) -> None:
        pages.append(rows)
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        await export_view(
            pane_source, ViewQuery(), target, ExportFormat.CSV, on_page=stop_after_first_page
        )
    assert pages
    assert list(folder.iterdir()) == []
