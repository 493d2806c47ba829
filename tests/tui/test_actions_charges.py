"""Charge actions from the dashboard: retry, retry all of a kind, cancel with a reason,
re-order; each lands in the ledger with the person as actor. Bulk actions, cancel and
re-order ask first and say how many charges they touch; backing out changes nothing."""

from __future__ import annotations

from textual.widgets import Input, Static

from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.confirm import ConfirmScreen
from tests.support.dashboard import (
    history,
    ids_where,
    mark,
    notes,
    press,
    press_on,
    row,
    running,
)


async def test_retry_marked_charges_in_error(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    first, second = (await ids_where(seeded_ledger, "charges", charges.c.status == "error"))[:2]
    async with running(dashboard_app) as pilot:
        pane = await mark(dashboard_app, pilot, "charges", first, second)
        await press(dashboard_app, pilot, "r")
        screen = dashboard_app.screen
        assert isinstance(screen, ConfirmScreen)
        assert screen.title_text == "Retry 2 charges?"
        assert pane.table.marked == {first, second}  # nothing used up before the yes
        await press(dashboard_app, pilot, "y")
        assert pane.table.marked == set()
        assert pane.table.pages.row(pane.table.pages.index_of(first)).status == "pending"
    for charge_id in (first, second):
        assert (await row(seeded_ledger, "charges", charge_id)).status == ChargeStatus.PENDING
        last = (await history(seeded_ledger, EntityType.CHARGE, charge_id))[-1]
        assert (last.action, last.actor) == ("retry", "tester")


async def test_retry_of_a_synced_charge_is_refused_with_a_warning(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    synced = (await ids_where(seeded_ledger, "charges", charges.c.status == "synced"))[0]
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", synced, "r")
        [(severity, message)] = notes(dashboard_app)
        assert severity == "warning"
        assert "it is synced" in message
    assert (await row(seeded_ledger, "charges", synced)).status == ChargeStatus.SYNCED


async def test_retry_all_errors_of_the_selected_kind(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    kind = IssueKind.INVALID_BILLING_CODE
    billing = await ids_where(seeded_ledger, "charges", charges.c.error_kind == kind.value)
    others = await ids_where(
        seeded_ledger, "charges", charges.c.status == "error", charges.c.error_kind != kind.value
    )
    assert billing
    assert others
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", billing[0], "R")
        screen = dashboard_app.screen
        assert isinstance(screen, ConfirmScreen)
        assert f"{len(billing)} charge" in screen.body
        await press(dashboard_app, pilot, "enter")
    assert {(await row(seeded_ledger, "charges", i)).status for i in billing} == {
        ChargeStatus.PENDING
    }
    assert {(await row(seeded_ledger, "charges", i)).status for i in others} == {ChargeStatus.ERROR}


async def test_retry_all_needs_a_charge_in_error_under_the_cursor(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    synced = (await ids_where(seeded_ledger, "charges", charges.c.status == "synced"))[0]
    errors_before = await ids_where(seeded_ledger, "charges", charges.c.status == "error")
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", synced, "R")
        assert [m for _, m in notes(dashboard_app)] == [
            "Put the cursor on a charge in error first."
        ]
    assert await ids_where(seeded_ledger, "charges", charges.c.status == "error") == errors_before


async def test_cancel_asks_for_a_reason_and_keeps_it(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    pending = (await ids_where(seeded_ledger, "charges", charges.c.status == "pending"))[0]
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", pending, "x")
        assert isinstance(dashboard_app.screen, ConfirmScreen)
        await press(dashboard_app, pilot, "enter")  # no reason yet: refused, the modal stays
        assert isinstance(dashboard_app.screen, ConfirmScreen)
        assert (await row(seeded_ledger, "charges", pending)).status == ChargeStatus.PENDING
        await press(dashboard_app, pilot, *"duplicate line", "enter")
        assert not isinstance(dashboard_app.screen, ConfirmScreen)
    cancelled = await row(seeded_ledger, "charges", pending)
    assert (cancelled.status, cancelled.cancel_note) == ("cancelled", "duplicate line")
    assert (await history(seeded_ledger, EntityType.CHARGE, pending))[-1].actor == "tester"


async def test_a_cancel_reason_with_an_escape_sequence_is_refused_in_the_dialog(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    pending = (await ids_where(seeded_ledger, "charges", charges.c.status == "pending"))[0]
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", pending, "x")
        screen = dashboard_app.screen
        assert isinstance(screen, ConfirmScreen)
        screen.query_one("#reason", Input).value = "dup\x1b[2Jlicate"  # as if pasted
        await press(dashboard_app, pilot, "enter")
        assert dashboard_app.screen is screen  # refused: the dialog stays, nothing saved
        said = str(screen.query_one("#problem", Static).render())
        assert said.startswith("reason: control character U+001B (ESC) at position 4")
    assert (await row(seeded_ledger, "charges", pending)).status == ChargeStatus.PENDING


async def test_backing_out_of_cancel_changes_nothing(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    pending = (await ids_where(seeded_ledger, "charges", charges.c.status == "pending"))[0]
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", pending, "x")
        assert isinstance(dashboard_app.screen, ConfirmScreen)
        await press(dashboard_app, pilot, *"oops", "escape")
        assert not isinstance(dashboard_app.screen, ConfirmScreen)
    assert (await row(seeded_ledger, "charges", pending)).status == ChargeStatus.PENDING


async def test_reorder_a_cancelled_charge_adds_a_pending_row(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    cancelled = await ids_where(seeded_ledger, "charges", charges.c.status == "cancelled")
    async with running(dashboard_app) as pilot:
        pane = await press_on(dashboard_app, pilot, "charges", cancelled[0], "n")
        assert isinstance(dashboard_app.screen, ConfirmScreen)
        await press(dashboard_app, pilot, "y")
        assert pane.table.row_count == 401  # the new row is on screen
    new = await ids_where(seeded_ledger, "charges", charges.c.id > 400)
    assert len(new) == 1
    fresh = await row(seeded_ledger, "charges", new[0])
    old = await row(seeded_ledger, "charges", cancelled[0])
    assert (fresh.status, fresh.quote_line_id) == ("pending", old.quote_line_id)


async def test_backing_out_of_a_bulk_retry_changes_nothing(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    first, second = (await ids_where(seeded_ledger, "charges", charges.c.status == "error"))[:2]
    async with running(dashboard_app) as pilot:
        pane = await mark(dashboard_app, pilot, "charges", first, second)
        await press(dashboard_app, pilot, "r")
        assert isinstance(dashboard_app.screen, ConfirmScreen)
        await press(dashboard_app, pilot, "n")
        assert not isinstance(dashboard_app.screen, ConfirmScreen)
        assert pane.table.marked == {first, second}  # still marked: nothing was done
    for charge_id in (first, second):
        assert (await row(seeded_ledger, "charges", charge_id)).status == ChargeStatus.ERROR


async def test_cancel_says_how_many_charges_and_that_billed_ones_stay(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    pending = (await ids_where(seeded_ledger, "charges", charges.c.status == "pending"))[0]
    synced = (await ids_where(seeded_ledger, "charges", charges.c.status == "synced"))[0]
    async with running(dashboard_app) as pilot:
        await mark(dashboard_app, pilot, "charges", pending, synced)
        await press(dashboard_app, pilot, "x")
        screen = dashboard_app.screen
        assert isinstance(screen, ConfirmScreen)
        assert screen.title_text == "Cancel 2 charges?"
        assert "1 pending" in screen.body
        assert "1 synced" in screen.body
        assert "1 charge already billed: left alone." in screen.body
        await press(dashboard_app, pilot, "escape")
    assert (await row(seeded_ledger, "charges", pending)).status == ChargeStatus.PENDING
    assert (await row(seeded_ledger, "charges", synced)).status == ChargeStatus.SYNCED


async def test_backing_out_of_a_reorder_adds_nothing(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    cancelled = await ids_where(seeded_ledger, "charges", charges.c.status == "cancelled")
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "charges", cancelled[0], "n")
        screen = dashboard_app.screen
        assert isinstance(screen, ConfirmScreen)
        assert "billed to the customer" in screen.body
        await press(dashboard_app, pilot, "escape")
    assert await ids_where(seeded_ledger, "charges", charges.c.id > 400) == []
