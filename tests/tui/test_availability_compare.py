"""`v`: every distributor side by side, and the moves from there — Pilot tests against the
running sandbox, from the symptom (a part out of stock at Ingram) to the fixed state."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from procdesk.domain.enums import Distributor, EntityType, IssueKind, OrderStatus
from procdesk.sandbox.ingram.catalog import part_by_vendor_number
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.substitute import SubstituteScreen
from tests.support.dashboard import (
    history,
    notes,
    press,
    press_on,
    procurement_dashboard,
    running,
)
from tests.support.procurement import LineSpec, Procurement


def at_ingram(mpn: str, quantity: str = "2", cost: str = "645.00") -> LineSpec:
    part = part_by_vendor_number(mpn)
    assert part is not None
    return LineSpec(mpn, "ingram", quantity, cost, part_number=part.ingram_part_number)


def compare_screen(app: ProcdeskApp) -> AvailabilityCompareScreen:
    assert isinstance(app.screen, AvailabilityCompareScreen)
    return app.screen


def rows(app: ProcdeskApp) -> list[list[str]]:
    table: DataTable[str] = compare_screen(app).query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app: ProcdeskApp, widget_id: str) -> str:
    return str(compare_screen(app).query_one(f"#{widget_id}", Static).render())


async def test_v_shows_every_distributor_side_by_side(procurement: Procurement) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-1", [at_ingram("USW-PRO-24-POE"), at_ingram("86Q47UT#ABA", "1", "899.00")]
    )
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "v")
        shown = rows(app)
        assert [r[4] for r in shown] == [
            "Ingram Micro", "TD SYNNEX XML", "Ingram Micro", "TD SYNNEX XML"
        ]  # fmt: skip
        usw_ingram, usw_tx = shown[0], shown[1]
        assert usw_ingram[3] == "●"  # on order there
        assert usw_ingram[6] == "out of stock"
        assert usw_ingram[11] == "switch to tdsynnex_xml"
        assert usw_tx[3] == "→"  # the preference would take it
        assert usw_tx[5] == "6188520"
        assert usw_tx[9] == "3"
        assert "8" in usw_tx[12]  # warehouse 8 holds them
        assert text_of(app, "errors") == ""
    events = await history(procurement.ledger, EntityType.ORDER, order_id)
    assert events[-1].action == "availability_compared"


async def test_a_distributor_that_fails_stays_on_screen_beside_the_other(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-2", [at_ingram("USW-PRO-24-POE")])
    procurement.set_faults("ingram:POST:*/priceandavailability=500")
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "v")
        assert "Ingram Micro:" in text_of(app, "errors")
        assert [r[4] for r in rows(app)] == ["TD SYNNEX XML"]
        # its own distributor has no row: the advice sits on the row that is shown
        assert rows(app)[0][11] == "switch to tdsynnex_xml"


async def test_out_of_stock_at_ingram_fixed_by_switching_to_tdsynnex_from_the_issue(
    procurement: Procurement,
) -> None:
    """Symptom: the order stops, an issue says the part is unavailable. The issue's fix
    opens the comparison; the buyer switches the line; the order goes through."""
    [order_id] = await procurement.queue("Q-3", [at_ingram("USW-PRO-24-POE")])
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ERROR
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.PRODUCT_UNAVAILABLE
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        app.open_fix(issue)
        await press(app, pilot)
        await pilot.press("down")  # the TD SYNNEX row of the line
        await press(app, pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#reason")
        await pilot.press(*"Ingram has none")
        await press(app, pilot, "enter")
        assert not isinstance(app.screen, AvailabilityCompareScreen)
        assert any("at tdsynnex_xml" in message for _, message in notes(app))
    assert (await procurement.order(order_id)).status == OrderStatus.CANCELLED
    assert await procurement.open_issues() == []
    await procurement.cycle()
    [moved] = [o for o in await _orders(procurement) if o.distributor is Distributor.TDSYNNEX_XML]
    assert moved.status == OrderStatus.ORDERED, moved.last_error
    trail = await history(procurement.ledger, EntityType.ORDER, order_id)
    out = [e for e in trail if e.action == "line_switched_out"]
    assert out[0].actor == "buyer"
    assert out[0].detail["reason"] == "Ingram has none"


async def test_substitute_from_the_comparison_asks_part_and_reason(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-4", [at_ingram("GS308-300PAS", "1", "24.00")])
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "v")
        await press(app, pilot, "b")
        assert isinstance(app.screen, SubstituteScreen)
        await pilot.press(*"NO-SUCH-PART", "enter")
        await pilot.press(*"try it", "enter")
        await press(app, pilot)
        assert notes(app)[-1][0] == "error"
        assert "cannot be ordered at ingram" in notes(app)[-1][1]
        await press(app, pilot, "b")
        await pilot.press(*"DELL-P2423D", "enter")
        await pilot.press(*"customer wants a monitor", "enter")
        await press(app, pilot)
        assert notes(app)[-1][0] == "information", notes(app)[-1]
    [line] = await procurement.lines(order_id)
    assert line.sku == "DELL-P2423D"


async def test_a_part_with_a_bidirectional_override_is_refused_beside_it_and_nothing_moves(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-5", [at_ingram("GS308-300PAS", "1", "24.00")])
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", order_id, "v")
        await press(app, pilot, "b")
        screen = app.screen
        assert isinstance(screen, SubstituteScreen)
        screen.query_one("#part", Input).value = "DELL\u202eD3242P"  # as if pasted
        await pilot.press("enter")
        await pilot.press(*"customer wants a monitor", "enter")
        await press(app, pilot)
        assert app.screen is screen  # still asking: nothing was sent or saved
        beside = screen.query_one("#problem-part", Static)
        assert beside.has_class("-shown")
        assert "part: bidirectional control U+202E" in str(beside.render())
        assert "at position 5" in str(beside.render())
        assert not screen.query_one("#problem-reason", Static).has_class("-shown")
        assert screen.focused is screen.query_one("#part", Input)
    [line] = await procurement.lines(order_id)
    assert line.sku == "GS308-300PAS"
    trail = await history(procurement.ledger, EntityType.ORDER, order_id)
    assert not [e for e in trail if "substitut" in e.action]


async def _orders(env: Procurement) -> list:  # type: ignore[type-arg]
    from procdesk.store import orders as order_store
    from procdesk.store.schema import orders

    async with env.ledger.read() as conn:
        ids = (await conn.execute(orders.select().with_only_columns(orders.c.id))).scalars().all()
        return [await order_store.get_order(conn, i) for i in ids]
