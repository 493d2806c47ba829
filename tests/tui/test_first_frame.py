"""The dashboard on an up-to-date SQLite ledger shows its first frame from `store.first_read`
(sqlite3) and opens the ledger after it: what a person sees is the same as when the ledger
was opened first, and everything works on from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from procdesk.config import Settings
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from procdesk.store.seed import SeedPlan, seed
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context, open_ledger
from tests.support.dashboard import press_on, running
from tests.tui.conftest import FIXED_NOW


@pytest.fixture
async def seeded_file(tmp_path: Path) -> Path:
    """A seeded SQLite ledger file at this code's revision, closed."""
    path = tmp_path / "ledger.db"
    ledger = await Ledger.open(str(path))
    try:
        async with ledger.write() as conn:
            await seed(conn, SeedPlan(charges=400, orders=60, issues=40), now=FIXED_NOW)
    finally:
        await ledger.close()
    return path


def _app(ledger: Ledger, secrets: SecretStore) -> ProcdeskApp:
    context = Context(Settings(), ledger, secrets, "tester", clock=lambda: FIXED_NOW)
    return make_app(context, DashboardOptions(poll_interval=3600))


def _seen(app: ProcdeskApp) -> dict[str, object]:
    """What is on screen: each pane's title and loaded rows, and the header's text."""
    seen: dict[str, object] = {"header": str(app.query_one(HeaderBar).render())}
    for pane in app.query(Pane):
        rows = [pane.table.pages.row(i) for i in range(pane.table.pages.loaded_rows)]
        seen[f"{pane.id} title"] = pane.border_title
        seen[f"{pane.id} rows"] = rows
    return seen


async def test_the_first_frame_read_with_sqlite3_shows_what_the_ledger_shows(
    seeded_file: Path, secrets: SecretStore
) -> None:
    path = seeded_file
    later = await open_ledger(str(path), secrets, later=True)
    assert not later.is_open
    app = _app(later, secrets)
    try:
        async with running(app):
            assert later.is_open  # opened once the first frame was on screen
            from_first_read = _seen(app)
    finally:
        await later.close()

    opened = await open_ledger(str(path), secrets)
    app = _app(opened, secrets)
    try:
        async with running(app):
            from_the_ledger = _seen(app)
    finally:
        await opened.close()

    assert from_first_read == from_the_ledger
    assert all(from_first_read[f"{p} rows"] for p in ("orders", "charges", "issues"))


async def test_a_dashboard_opened_later_works_on_after_its_first_frame(
    seeded_file: Path, secrets: SecretStore
) -> None:
    """Paging, sorting and the counts go to the ledger once the first page was shown."""
    ledger = await open_ledger(str(seeded_file), secrets, later=True)
    app = _app(ledger, secrets)
    try:
        async with running(app) as pilot:
            pane = await press_on(app, pilot, "charges", 1, "o")  # next sort: newest first
            assert pane.table.query.sort == "updated_at"
            assert pane.table.pages.total == 400
            first = pane.table.pages.row(0)
            assert first is not None
            assert first.updated_at == max(
                row.updated_at
                for row in (pane.table.pages.row(i) for i in range(pane.table.pages.loaded_rows))
                if row is not None
            )
    finally:
        await ledger.close()
