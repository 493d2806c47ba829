"""Receiving by hand from the order detail (`e`): the form checks as you type with the
command line's rules and writes nothing while something is wrong; a good receipt asks, then
makes exactly one Autotask receipt per serial number (read through the sandbox's own query
endpoints); Autotask's refusal shows under the form in its own words and as an issue, with
nothing half-written."""

from __future__ import annotations

from typing import Any

import httpx
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static, TextArea

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.store import issues
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.probe import screen_text
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.receive import ReceiveScreen, serials_typed
from tests.support.dashboard import detail_text, notes, press, put_cursor, running
from tests.support.purchase_orders import MONITOR, NAS, PoWorld


async def ordered(world: PoWorld, quote_id: str, item: str, quantity: int) -> int:
    """An order placed at Ingram, its PO submitted in Autotask; the order's id."""
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote(quote_id, [(item, quantity)])
    await world.procure()
    await world.po_cycle()
    return order_id


async def open_form(app: ProcdeskApp, pilot: Pilot[Any], order_id: int) -> ReceiveScreen:
    await put_cursor(app, pilot, "orders", order_id)
    await press(app, pilot, "enter")
    assert isinstance(app.screen, DetailScreen)
    await press(app, pilot, "e")
    assert isinstance(app.screen, ReceiveScreen)
    return app.screen


async def fill(
    app: ProcdeskApp, pilot: Pilot[Any], form: ReceiveScreen, quantity: str, serials: list[str]
) -> None:
    """Type the quantity and the serial numbers (one per line) as a person would."""
    field = form.query_one("#quantity", Input)
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value), *quantity)
    area = form.query_one("#serials", TextArea)
    area.clear()
    area.focus()
    for number, serial in enumerate(serials):
        if number:
            await pilot.press("enter")
        await pilot.press(*serial)
    await pilot.pause()


async def ask(app: ProcdeskApp, pilot: Pilot[Any], answer: str) -> None:
    """Receive… on the form, then `y` or `n` to the question it asks."""
    await pilot.click("#receive")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await press(app, pilot, answer)


def problem(form: ReceiveScreen, which: str = "#problem") -> str:
    return str(form.query_one(which, Static).render())


def item_of(world: PoWorld, order_external: str) -> dict[str, Any]:
    [po] = world.purchase_orders_for(order_external)
    [item] = world.items_of(po["id"])
    return item


async def external_of(world: PoWorld, order_id: int) -> str:
    view = await world.actions.view(order_id)
    assert view.distributor_order_id is not None
    return view.distributor_order_id


def test_serials_are_one_per_line_and_blank_lines_do_not_count() -> None:
    assert serials_typed("A1\n\n  B2  \n") == ["A1", "B2"]
    assert serials_typed("") == []


async def test_a_bad_serial_shows_why_as_you_type_and_writes_nothing(world: PoWorld) -> None:
    order_id = await ordered(world, "Q-RCV-BAD", NAS, 3)
    item = item_of(world, await external_of(world, order_id))
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "1", ["X" * 51])
        assert "51 characters; Autotask takes 50" in problem(form)
        assert form.query_one("#receive", Button).disabled
        await fill(app, pilot, form, "2", ["SN-1", "SN-1"])
        assert "'SN-1' appears twice" in problem(form)
        await fill(app, pilot, form, "4", [])
        assert "3 unit(s) still to receive, not 4" in problem(form)
        await fill(app, pilot, form, "2", ["SN-1"])
        assert "1 serial number(s) for 2 unit(s)" in problem(form)
        form.query_one("#quantity", Input).focus()
        await press(app, pilot, "enter")  # Enter on a bad form asks nothing
        assert isinstance(app.screen, ReceiveScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, DetailScreen)
    view = await world.actions.view(order_id)
    assert view.shipments == []
    assert world.receipts_of(item["id"]) == []


async def test_a_good_receipt_asks_then_makes_one_receipt_per_serial(world: PoWorld) -> None:
    order_id = await ordered(world, "Q-RCV-OK", NAS, 3)
    item = item_of(world, await external_of(world, order_id))
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "2", ["SWAP-0001", "SWAP-0002"])
        assert problem(form) == ""
        await pilot.click("#receive")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "SWAP-0001, SWAP-0002" in app.screen.body
        assert "2 units received today" in app.screen.body
        await press(app, pilot, "y")
        assert isinstance(app.screen, DetailScreen)
        assert "line 1 7SY553: 0/3 shipped, 2/3 received" in detail_text(app)
        assert "serials SWAP-0001, SWAP-0002" in detail_text(app)
    receipts = world.receipts_of(item["id"])
    assert sorted((r["quantityNowReceiving"], r["serialNumber"]) for r in receipts) == [
        (1, "SWAP-0001"),
        (1, "SWAP-0002"),
    ]


async def test_backing_out_of_the_question_writes_nothing(world: PoWorld) -> None:
    order_id = await ordered(world, "Q-RCV-BACK", NAS, 3)
    item = item_of(world, await external_of(world, order_id))
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "1", ["SWAP-0009"])
        await ask(app, pilot, "n")
        assert isinstance(app.screen, ReceiveScreen)
    assert world.receipts_of(item["id"]) == []
    assert (await world.actions.view(order_id)).shipments == []


async def test_a_serial_for_a_product_without_serials_is_refused_before_asking(
    world: PoWorld,
) -> None:
    order_id = await ordered(world, "Q-RCV-MON", MONITOR, 2)  # the monitor has no serials
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "1", ["MON-1"])
        assert "not serialised in Autotask: leave the serial numbers out" in problem(form)
        await fill(app, pilot, form, "1", [])
        assert problem(form) == ""
    assert (await world.actions.view(order_id)).shipments == []


async def test_a_serialised_product_needs_its_serial_numbers(world: PoWorld) -> None:
    order_id = await ordered(world, "Q-RCV-SER", NAS, 3)
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "1", [])
        assert "serialised in Autotask: give one serial number per unit" in problem(form)
        assert form.query_one("#receive", Button).disabled


async def test_autotask_refusing_shows_its_words_under_the_form_and_keeps_nothing(
    world: PoWorld,
) -> None:
    order_id = await ordered(world, "Q-RCV-NO", NAS, 3)
    [po] = world.purchase_orders_for(await external_of(world, order_id))
    [item] = world.items_of(po["id"])
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        world.cancel_purchase_order(po["id"])  # meanwhile, someone cancels it in Autotask
        await fill(app, pilot, form, "1", ["SWAP-0404"])
        await ask(app, pilot, "y")
        assert app.screen is form  # the form stays, with Autotask's reason under it
        refused = problem(form, "#refused")
        assert "line 1: " in refused
        assert "only on a Submitted or Received Partial purchase order" in refused
    async with world.ledger.read() as conn:
        [issue] = await issues.list_open(conn, kind=IssueKind.RECEIVING_REFUSED)
    assert issue.message == refused
    assert world.receipts_of(item["id"]) == []
    assert (await world.actions.view(order_id)).shipments == []


async def test_story_the_backorder_comes_from_a_local_supplier_and_the_po_is_received_full(
    world: PoWorld,
) -> None:
    """Symptom: the NAS order reads 2/3 received, the third unit backordered at Ingram; the
    customer cannot wait, a local supplier brings one. Received by hand from the dashboard,
    the Autotask PO reads Received Full."""
    order_id = await ordered(world, "Q-RCV-STORY", NAS, 3)
    await world.days_pass(4)  # Ingram delivers the two it had in stock
    external = await external_of(world, order_id)
    [po] = world.purchase_orders_for(external)
    assert world.labels("PurchaseOrders")[po["status"]] == "Received Partial"
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        await put_cursor(app, pilot, "orders", order_id)
        await press(app, pilot, "z")
        assert "2/3 received" in screen_text(app)
        await press(app, pilot, "z")
        form = await open_form(app, pilot, order_id)
        assert form.query_one("#quantity", Input).value == "1"  # what is still open
        await fill(app, pilot, form, "1", ["LOCAL-0001"])
        await ask(app, pilot, "y")
        assert isinstance(app.screen, DetailScreen)
        detail = detail_text(app)
        assert "line 1 7SY553: 2/3 shipped, 3/3 received" in detail
        assert f"(id {po['id']}): Received Full" in detail
        assert "line 1: 1 via by hand" in detail
    [po] = world.purchase_orders_for(external)
    assert world.labels("PurchaseOrders")[po["status"]] == "Received Full"
    [item] = world.items_of(po["id"])
    serials = sorted(r["serialNumber"] for r in world.receipts_of(item["id"]))
    assert len(serials) == 3
    assert "LOCAL-0001" in serials


async def test_when_autotask_fails_to_answer_the_package_is_kept_and_sent_once_later(
    world: PoWorld,
) -> None:
    order_id = await ordered(world, "Q-RCV-LATER", NAS, 3)
    [po] = world.purchase_orders_for(await external_of(world, order_id))
    [item] = world.items_of(po["id"])
    app = make_app(world.ctx, DashboardOptions(poll_interval=3600))
    async with running(app) as pilot:
        form = await open_form(app, pilot, order_id)
        await fill(app, pilot, form, "1", ["SWAP-0500"])
        set_faults(world, "autotask:POST:*/receiving=500")
        await ask(app, pilot, "y")
        assert isinstance(app.screen, DetailScreen)
        assert any("Autotask has not taken them yet" in text for _, text in notes(app))
    set_faults(world, "")
    assert world.receipts_of(item["id"]) == []
    assert [s.serial_numbers for s in (await world.actions.view(order_id)).shipments] == [
        ["SWAP-0500"]
    ]
    await world.actions.retry(order_id)  # what the worker does once Autotask answers
    await world.actions.retry(order_id)
    receipts = world.receipts_of(item["id"])
    assert [r["serialNumber"] for r in receipts] == ["SWAP-0500"]


def set_faults(world: PoWorld, spec: str) -> None:
    httpx.put(f"{world.sandbox.base_url}/_sandbox/faults", json={"spec": spec}).raise_for_status()
