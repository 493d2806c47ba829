"""The quote view shows each line's Autotask side: shipped and received counts, the carrier
and tracking number (an OSC 8 link to the carrier's page), every package in the note under
the table, and the Autotask PO number in the header."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Static

from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.quote import COLUMNS, QuoteScreen
from tests.support.dashboard import running
from tests.support.purchase_orders import NAS, PoWorld
from tests.support.settle import settle


def links(text: Text) -> set[str]:
    """The OSC 8 link targets in the text."""
    return {s.style.link for s in text.spans if isinstance(s.style, Style) and s.style.link}


async def test_a_line_in_two_parts_shows_counts_tracking_links_and_the_po(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-QV-SHIP", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    await world.days_pass(4)  # two of three delivered and received
    view = await world.actions.view(order_id)
    assert view.purchase_order is not None
    [shipment] = [s for s in view.shipments if s.tracking_number]
    assert shipment.tracking_url
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        app.open_quote("Q-QV-SHIP")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        facts = str(screen.query_one("#quote-facts", Static).content)
        assert f"PO        {view.purchase_order.po_number}: Received Partial" in facts
        table: DataTable[str | Text] = screen.query_one(DataTable)
        cells = dict(zip(COLUMNS, table.get_row_at(0), strict=True))
        assert str(cells["PO / delivery"]) == "2/3 shipped · 2/3 received"
        tracking = cells["Tracking"]
        assert isinstance(tracking, Text)
        assert tracking.plain == f"{shipment.carrier} {shipment.tracking_number}"
        assert shipment.tracking_url in links(tracking)
        note = screen.query_one("#quote-note", Static).content
        assert isinstance(note, Text)
        assert shipment.tracking_url in note.plain
        assert shipment.serial_numbers
        assert f"serials {', '.join(shipment.serial_numbers)}" in note.plain
        assert shipment.tracking_url in links(note)
