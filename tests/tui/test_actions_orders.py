"""Order actions from the dashboard: approve, submit, retry, cancel with a reason, merge
(against the running sandbox); refusals are warnings, not crashes. Availability across
distributors: tests/tui/test_availability_compare.py."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from procdesk.domain.enums import EntityType, OrderStatus
from procdesk.services.procurement.queue import route_queued
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store.schema import orders
from procdesk.tui.screens.confirm import ConfirmScreen
from tests.support.dashboard import (
    history,
    mark,
    notes,
    press,
    press_on,
    procurement_dashboard,
    row,
    running,
)
from tests.support.procurement import SHIP_TO, LineSpec, Procurement

LAPTOP = LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471")


async def _queued(env: Procurement, quote_id: str, *specs: LineSpec, **kw: object) -> int:
    """Queue one order for the quote's lines (a laptop when none are given)."""
    [order_id] = await env.queue(quote_id, list(specs) or [LAPTOP], **kw)
    return order_id


async def _set_status(env: Procurement, order_id: int, status: OrderStatus) -> None:
    async with env.ledger.write() as conn:
        await conn.execute(
            sa.update(orders)
            .where(orders.c.id == order_id)
            .values(status=status.value, last_error="Distributor API timed out")
        )


async def _trail(env: Procurement, order_id: int) -> list[tuple[str, str]]:
    return [(e.action, e.actor) for e in await history(env.ledger, EntityType.ORDER, order_id)]


async def _awaiting_approval(procurement: Procurement) -> int:
    big = LineSpec("SERVER", "ingram", "1", "9000.00", part_number="8YR471")
    order_id = await _queued(procurement, "Q-1", big)
    async with procurement.ledger.write() as conn:
        await route_queued(
            conn,
            settings=ProcurementSettings(approval_threshold=Decimal("5000")),
            actor="worker",
            now=procurement.time.now(),
        )
    return order_id


async def test_approve_shows_value_threshold_and_margin_then_asks(
    procurement: Procurement,
) -> None:
    order_id = await _awaiting_approval(procurement)
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "a")
        assert isinstance(app.screen, ConfirmScreen)
        shown = app.screen.body
        assert f"Order {order_id}" in shown
        assert "approval above 5,000.00" in shown
        assert "margin" in shown
        await press(app, pilot, "y")
        assert notes(app)[-1][0] == "information"
    order = await row(procurement.ledger, "orders", order_id)
    assert (order.status, order.approved_by) == (OrderStatus.PROCESSING, "buyer")
    assert ("approved", "buyer") in await _trail(procurement, order_id)


async def test_backing_out_of_an_approval_changes_nothing(procurement: Procurement) -> None:
    order_id = await _awaiting_approval(procurement)
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "a")
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, ConfirmScreen)
    order = await row(procurement.ledger, "orders", order_id)
    assert (order.status, order.approved_by) == (OrderStatus.AWAITING_APPROVAL, None)


async def test_approving_an_order_not_awaiting_approval_is_refused(
    procurement: Procurement,
) -> None:
    order_id = await _queued(procurement, "Q-1")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "a")
        assert not isinstance(app.screen, ConfirmScreen)
        assert notes(app) == [("warning", "None of these orders waits for approval.")]
    assert (await row(procurement.ledger, "orders", order_id)).status == OrderStatus.QUEUED


async def test_submit_a_queued_order_now(procurement: Procurement) -> None:
    order_id = await _queued(procurement, "Q-1")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "u")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)  # placing an order spends money: it asks
        assert screen.title_text == "Submit 1 order?"
        assert "Contoso Dental, Ingram Micro, USD 899.00 (queued)" in screen.body
        await press(app, pilot, "y")
    assert (await row(procurement.ledger, "orders", order_id)).status == OrderStatus.PROCESSING
    assert ("submitted", "buyer") in await _trail(procurement, order_id)


async def test_retry_an_order_in_error(procurement: Procurement) -> None:
    order_id = await _queued(procurement, "Q-1")
    await _set_status(procurement, order_id, OrderStatus.ERROR)
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "r")
        pane_row = app.query_one("#orders").table.current_row  # repainted from the feed
        assert pane_row.status == OrderStatus.PROCESSING
    assert (await _trail(procurement, order_id))[-1] == ("retried", "buyer")


async def test_cancel_a_queued_order_with_a_reason(procurement: Procurement) -> None:
    order_id = await _queued(procurement, "Q-1")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, *"customer withdrew", "enter")
    order = await row(procurement.ledger, "orders", order_id)
    assert (order.status, order.cancel_reason) == ("cancelled", "customer withdrew")
    assert ("cancelled", "buyer") in await _trail(procurement, order_id)


async def test_merge_marked_orders_of_one_ship_to(procurement: Procurement) -> None:
    first = await _queued(procurement, "Q-1")
    second = await _queued(procurement, "Q-2")
    elsewhere = await _queued(procurement, "Q-3", ship_to={**SHIP_TO, "city": "Leeds"})
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        pane = await press_on(app, pilot, "orders", first, "m")  # nothing marked
        assert "Mark two or more" in notes(app)[-1][1]
        await mark(app, pilot, "orders", first, elsewhere)
        await press(app, pilot, "m")
        assert "ships to another address" in notes(app)[-1][1]
        assert not isinstance(app.screen, ConfirmScreen)  # refused before asking
        await mark(app, pilot, "orders", elsewhere, second)  # unmark one, mark the other
        assert pane.table.marked == {first, second}
        await press(app, pilot, "m")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)
        assert screen.title_text == f"Merge 2 orders into order {first}?"
        await press(app, pilot, "enter")
        assert notes(app)[-1][1] == f"orders {first}, {second} merged into order {first}"
    merged = await row(procurement.ledger, "orders", second)
    assert (merged.status, merged.merged_into) == ("cancelled", first)
    assert (await row(procurement.ledger, "orders", elsewhere)).status == OrderStatus.QUEUED


async def test_backing_out_of_submit_leaves_the_order_queued(procurement: Procurement) -> None:
    order_id = await _queued(procurement, "Q-1")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "u")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert not isinstance(app.screen, ConfirmScreen)
    assert (await row(procurement.ledger, "orders", order_id)).status == OrderStatus.QUEUED


async def test_cancel_says_whether_the_order_is_placed(procurement: Procurement) -> None:
    order_id = await _queued(procurement, "Q-1")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "x")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)
        assert screen.title_text == "Cancel 1 order?"
        assert "1 order not placed yet: cancelled now." in screen.body
        await press(app, pilot, "escape")
    assert (await row(procurement.ledger, "orders", order_id)).status == OrderStatus.QUEUED
