"""A pane reading rows while the ledger is gone (a share folder moved away) does not end
the dashboard: the header says the ledger is unreachable, and the filter works again once
the ledger is back. Before, the table's own background read raised out of its worker and
Textual closed the app with a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from procdesk.config import Settings
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context
from tests.support.charges import add_quote, line
from tests.support.settle import until


def header_text(app: object) -> str:
    return " ".join(str(h.render()) for h in app.query(HeaderBar))  # type: ignore[attr-defined]


async def test_a_pane_filter_during_a_ledger_outage_keeps_the_dashboard_up(
    tmp_path: Path, secrets: SecretStore
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    path = share / "ledger.db"
    setup = await Ledger.open(path)
    await add_quote(setup, "Q-GONE", ticket_id=1, lines=[line(1), line(2)])
    await setup.close()
    ledger = await Ledger.open(path, migrate=False)
    app = make_app(
        Context(Settings(), ledger, secrets, "tester"), DashboardOptions(poll_interval=3600)
    )
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            charges = app.query_one("#charges", Pane)
            await until(lambda: charges.table.row_count == 2, "the two charges on screen")
            os.rename(share, tmp_path / "share-gone")
            charges.table.focus()
            await pilot.press("slash", *"q-gone")
            await until(lambda: "ledger unreachable" in header_text(app), "the header to say so")
            assert app.is_running
            os.rename(tmp_path / "share-gone", share)
            await pilot.press("backspace")
            await until(lambda: charges.table.row_count == 2, "the rows again")
            assert app.is_running
    finally:
        await ledger.close()
