"""Story: an order is placed at Ingram Micro but no purchase order appears in Autotask.
The issues pane says the distributor is not mapped to a vendor; its fix opens the vendor
mapping on Ingram Micro's row; the buyer finds Ingram Micro among Autotask's vendors and
saves; the purchase order is then created, once, as the sandbox's own records show."""

from __future__ import annotations

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.store import issues
from procdesk.tui import probe
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.vendors import VendorsScreen
from tests.support.dashboard import SCREEN_SIZE
from tests.support.purchase_orders import PoWorld
from tests.support.settle import settle


async def test_an_unmapped_distributor_is_fixed_from_its_issue_on_the_vendor_screen(
    world: PoWorld,
) -> None:
    order, issue = await world.unmapped_order("Q-PO-TUI")

    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await settle(app, pilot)
        app.open_fix(issue)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, VendorsScreen)
        assert screen.distributor is Distributor.INGRAM  # on the row the issue is about
        await pilot.press("enter", *"micro", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Orders waiting on it: 1." in probe.screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        assert "Saved: Ingram Micro is Ingram Micro in Autotask." in probe.screen_text(app)

    await world.po_cycle()
    assert order.distributor_order_id
    [po] = world.purchase_orders_for(order.distributor_order_id)
    assert po["vendorID"] == INGRAM_VENDOR_ID
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"
    async with world.ledger.read() as conn:
        assert await issues.list_open(conn, kind=IssueKind.VENDOR_NOT_MAPPED) == []
    await world.po_cycle()  # nothing more: still one PO
    assert len(world.purchase_orders_for(order.distributor_order_id)) == 1
