"""Linking an order to a purchase order that exists in Autotask (`l` on the order detail):
the PO is read live and shown before anything is linked; skipping a line asks first. Also
the way there from the "charge fulfilled by hand in Autotask" issue (its `f`)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.store import issues
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.link_po import LinkPoScreen
from tests.services.purchase_orders.test_people import autotask_charge_of, distributor_order
from tests.support.dashboard import detail_text, press, put_cursor, running
from tests.support.purchase_orders import LAPTOP, NAS, PoWorld


async def open_link_form(app: ProcdeskApp, pilot: Pilot[Any], order_id: int) -> LinkPoScreen:
    await put_cursor(app, pilot, "orders", order_id)
    await press(app, pilot, "enter")
    assert isinstance(app.screen, DetailScreen)
    await press(app, pilot, "l")
    assert isinstance(app.screen, LinkPoScreen)
    return app.screen


def shown(form: LinkPoScreen, which: str) -> str:
    return str(form.query_one(which, Static).render())


async def test_linking_shows_the_live_po_before_it_links(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-TUI-LINK", [(LAPTOP, 1)])
    await world.procure()
    charge_id = await autotask_charge_of(world, order_id)
    po_id = world.purchase_order_by_hand(charge_id, "BY-PHONE-7", INGRAM_VENDOR_ID)
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_link_form(app, pilot, order_id)
        await pilot.press(*"999999", "enter")
        await pilot.pause()
        await press(app, pilot)
        assert "Autotask has no purchase order numbered 999999" in shown(form, "#problem")
        assert form.query_one("#link", Button).disabled

        field = form.query_one("#po", Input)
        field.focus()
        await pilot.press("end", *["backspace"] * len(field.value), *str(po_id), "enter")
        await press(app, pilot)
        preview = shown(form, "#preview")
        assert f"PO {po_id} (id {po_id}): New" in preview
        assert "Vendor: Ingram Micro" in preview
        assert "Vendor's order number: BY-PHONE-7" in preview
        assert "1 of 1 line(s) linked" in preview
        assert f"(charge {charge_id}, this order)" in preview

        await pilot.click("#link")
        await press(app, pilot)
        assert isinstance(app.screen, DetailScreen)
        assert f"(id {po_id}, linked by hand)" in detail_text(app)
    view = await world.actions.view(order_id)
    assert view.purchase_order is not None
    assert view.purchase_order.autotask_po_id == po_id
    [po] = world.purchase_orders_for("BY-PHONE-7")
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"


async def test_the_fulfilled_by_hand_issue_leads_to_skipping_the_line(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-TUI-SKIP", [(NAS, 1), (LAPTOP, 1)])
    await world.procure()
    world.fulfil_by_hand(await autotask_charge_of(world, order_id, line=1))
    await world.po_cycle()
    async with world.ledger.read() as conn:
        [issue] = await issues.list_open(conn, kind=IssueKind.CHARGE_NOT_ORDERABLE)
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        await put_cursor(app, pilot, "issues", issue.id)
        await press(app, pilot, "f")  # the fix: the order's detail, which offers link/skip
        assert isinstance(app.screen, DetailScreen)
        assert "l  link an existing Autotask purchase order (or skip a line)" in detail_text(app)
        await press(app, pilot, "l")
        form = app.screen
        assert isinstance(form, LinkPoScreen)
        await pilot.click("#skip")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Line 1 of order" in app.screen.body
        await press(app, pilot, "y")
        assert isinstance(app.screen, DetailScreen)
        assert "(left out of Autotask)" in detail_text(app)
    [po] = world.purchase_orders_for(await distributor_order(world, order_id))
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"
    async with world.ledger.read() as conn:
        assert await issues.list_open(conn, kind=IssueKind.CHARGE_NOT_ORDERABLE) == []
