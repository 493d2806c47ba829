"""`v` while the ledger is gone (its share folder moved away): the price comparison says
it could not compare, the dashboard's header says the ledger is unreachable, and nothing
closes; `r` compares again once the ledger is back. Before, the comparison's worker raised
and Textual ended the whole dashboard with a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from procdesk.sandbox.ingram.catalog import part_by_vendor_number
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.widgets.header_bar import HeaderBar
from tests.support.dashboard import press, procurement_dashboard, put_cursor, running
from tests.support.procurement import LineSpec, Procurement
from tests.support.settle import until


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """The ledger alone in a folder, as on a share, so the test can take it away."""
    share = tmp_path / "share"
    share.mkdir()
    return str(share / "ledger.db")


async def test_compare_during_a_ledger_outage_keeps_the_dashboard_up(
    procurement: Procurement, ledger_url: str
) -> None:
    part = part_by_vendor_number("USW-PRO-24-POE")
    assert part is not None
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-1", [LineSpec("USW-PRO-24-POE", "ingram", "2", "645.00", part.ingram_part_number)]
    )
    share = Path(ledger_url).parent
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await put_cursor(app, pilot, "orders", order_id)
        os.rename(share, share.with_name("share-gone"))
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, AvailabilityCompareScreen)
        state = screen.query_one("#state", Static)
        await until(
            lambda: "Unexpected failure comparing prices" in str(state.render()),
            "the comparison to say it failed",
        )
        await until(
            lambda: "ledger unreachable" in " ".join(str(h.render()) for h in app.query(HeaderBar)),
            "the header to say the ledger is gone",
        )
        assert app.is_running
        os.rename(share.with_name("share-gone"), share)
        await press(app, pilot, "r")
        table: DataTable[str] = screen.query_one(DataTable)
        await until(lambda: table.row_count > 0, "the comparison once the ledger is back")
        assert app.screen is screen
