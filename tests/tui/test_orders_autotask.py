"""The procurement queue shows each order's Autotask PO and how much arrived; the order's
detail lists the shipments with tracking links and serial numbers."""

from __future__ import annotations

from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.probe import screen_text
from procdesk.tui.screens.detail import DetailScreen
from tests.support.dashboard import detail_text, press, put_cursor, running
from tests.support.purchase_orders import NAS, PoWorld


async def test_an_order_in_two_parts_from_ordered_to_received_on_screen(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-TUI", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    await world.days_pass(4)  # two of three delivered and received
    view = await world.actions.view(order_id)
    assert view.purchase_order is not None
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        await put_cursor(app, pilot, "orders", order_id)
        await press(app, pilot, "z")  # the queue maximised: every column shows
        text = screen_text(app)
        assert "2/3 received" in text
        assert f" {view.purchase_order.po_number} " in text
        await press(app, pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        detail = detail_text(app)
        assert "line 1 7SY553: 2/3 shipped, 2/3 received" in detail
        assert "https://" in detail
        assert all(r.serial_number in detail for r in view.receipts)
