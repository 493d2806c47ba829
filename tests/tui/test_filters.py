"""Filters, Tab and marks in the panes: Esc clears a filter (the box, then the maximised
pane), what an empty view says is true, Tab goes from pane to pane and never into a filter
box, a marked row shows its mark under the cursor as well."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection
from textual.pilot import Pilot
from textual.widgets import Input

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, Provider
from procdesk.store import order_work, purchase_orders
from procdesk.store.issues import open_issue
from procdesk.store.schema import orders
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.virtual_table import MARK, VirtualTable
from tests.support.dashboard import SIZE, running
from tests.support.settle import settle
from tests.tui.conftest import FIXED_NOW

ORDER_ID = 7  # one of the seeded orders


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """Keys and screens, not the database: one SQLite ledger is enough."""
    return str(tmp_path / "ledger.db")


@pytest.fixture
async def pilot(dashboard_app: ProcdeskApp) -> AsyncIterator[Pilot[Any]]:
    """The dashboard running over the seeded ledger, settled."""
    async with running(dashboard_app) as running_pilot:
        yield running_pilot


async def filter_pane(app: ProcdeskApp, pilot: Pilot[Any], pane_id: str, text: str) -> Pane:
    """Focus a pane and type `text` into its filter; the pane, settled."""
    pane = app.query_one(f"#{pane_id}", Pane)
    pane.table.focus()
    await pilot.press("slash", *text)
    await settle(app, pilot)
    return pane


def shown_ids(pane: Pane) -> list[int]:
    rows = [pane.table.pages.row(n) for n in range(pane.table.row_count)]
    return [r.id for r in rows if r is not None]


async def order_ids_where(conn: AsyncConnection, *where: sa.ColumnElement[bool]) -> list[int]:
    return list((await conn.execute(sa.select(orders.c.id).where(*where))).scalars())


async def test_esc_clears_a_text_filter_and_the_empty_view_says_how(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    pane = dashboard_app.query_one("#charges", Pane)
    pane.table.focus()
    assert not pane.query(Input)  # the filter box is mounted by the first `/`
    await pilot.press("slash")
    box = pane.query_one(Input)
    assert "Esc clears it" in str(box.placeholder)
    assert box.has_focus
    await pilot.press(*"zzqq", "enter")  # kept: the cursor back in the table
    await settle(dashboard_app, pilot)
    assert pane.table.has_focus
    assert pane.table.row_count == 0
    assert "Nothing matches “zzqq” (Esc clears the filter)." in probe.screen_text(dashboard_app)
    await pilot.press("escape")  # from the table, not only from the box
    await settle(dashboard_app, pilot)
    assert pane.table.query.text == ""
    assert box.value == ""
    assert not box.display
    assert pane.table.row_count == 400
    # a status filter: Esc (or 0) shows every status again
    await pilot.press("3")
    await settle(dashboard_app, pilot)
    assert pane.table.query.statuses == ("error",)
    await pilot.press("escape")
    await settle(dashboard_app, pilot)
    assert pane.table.query.statuses == ()


async def test_in_a_maximised_pane_esc_clears_the_filter_before_restoring(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    pane = dashboard_app.query_one("#issues", Pane)
    pane.table.focus()
    await pilot.press("z", "slash", *"billing")
    await settle(dashboard_app, pilot)
    assert dashboard_app.screen.maximized is pane
    assert pane.table.query.text == "billing"
    await pilot.press("escape")
    await settle(dashboard_app, pilot)
    assert pane.table.query.text == ""
    assert dashboard_app.screen.maximized is pane
    await pilot.press("escape")
    await settle(dashboard_app, pilot)
    assert dashboard_app.screen.maximized is None


async def test_tab_goes_from_pane_to_pane_and_never_into_a_filter_box(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    charges = dashboard_app.query_one("#charges", Pane)
    charges.table.focus()
    await pilot.press("slash", *"north", "enter")  # the box stays up with its text
    await settle(dashboard_app, pilot)
    assert charges.query_one(Input).display
    visited = []
    for _ in range(6):
        await pilot.press("tab")
        focused = dashboard_app.focused
        assert isinstance(focused, VirtualTable), focused
        visited.append(dashboard_app.focused_pane.id if dashboard_app.focused_pane else None)
    assert visited == ["issues", "orders", "charges"] * 2
    await pilot.press("shift+tab")
    assert dashboard_app.focused_pane is dashboard_app.query_one("#orders", Pane)
    assert charges.table.query.text == "north"
    # a maximised pane keeps the focus: the others are not on screen
    await pilot.press("z", "tab", "tab")
    assert dashboard_app.focused_pane is dashboard_app.query_one("#orders", Pane)
    assert isinstance(dashboard_app.focused, VirtualTable)


async def test_a_marked_row_stays_visibly_marked_under_the_cursor(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    pane = dashboard_app.query_one("#charges", Pane)
    pane.table.focus()
    await pilot.press("space")  # marks row 1, the cursor moves on
    await settle(dashboard_app, pilot)
    assert pane.table.marked == {1}
    assert pane.table.cursor == 1
    await pilot.press("up")  # back onto the marked row
    await settle(dashboard_app, pilot)
    assert pane.table.cursor == 0
    cursor_line = pane.table.render_line(1).text
    other_line = pane.table.render_line(2).text
    assert cursor_line.startswith(MARK)
    assert not other_line.startswith(MARK)
    assert f"{MARK}      1 " in probe.screen_text(dashboard_app)


async def test_a_filter_matches_what_the_subject_column_shows(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    """ "login" finds the issue whose Subject reads "Autotask login"."""
    async with dashboard_app.context.ledger.write() as conn:
        issue_id = await open_issue(
            conn,
            kind=IssueKind.CREDENTIALS_INVALID,
            subject_type=EntityType.CREDENTIAL,
            subject_id="autotask",
            title="Autotask rejected the credentials",
            message="401 Unauthorized",
            hint="Re-enter the secret.",
            action=IssueAction.REAUTHENTICATE,
            actor="tester",
            provider=Provider.AUTOTASK,
        )
    pane = await filter_pane(dashboard_app, pilot, "issues", "login")
    assert shown_ids(pane) == [issue_id]
    assert "Autotask login" in probe.screen_text(dashboard_app)


# (what is typed, the column the orders pane shows it in)
ORDER_COLUMNS = [
    ("im-77001-zx", "Their order"),
    ("awaiting stock qq", "Their status"),
    ("po-qq-4711", "PO"),
    ("503 service unavailable (qq)", "Error"),
]


@pytest.mark.parametrize(("text", "column"), ORDER_COLUMNS)
async def test_the_orders_filter_matches_what_each_column_shows(
    dashboard_app: ProcdeskApp, text: str, column: str
) -> None:
    """Values written after an order was queued (the distributor's number and status, the
    Autotask PO number, the last error) find it, as typed or as shown."""
    ledger = dashboard_app.context.ledger
    async with ledger.write() as conn:
        await order_work.set_fields(
            conn,
            ORDER_ID,
            distributor_order_id="IM-77001-ZX",
            distributor_status="Awaiting stock QQ",
            last_error="Ingram answered 503 Service Unavailable (QQ)",
        )
        await purchase_orders.ensure(conn, ORDER_ID, now=FIXED_NOW)
        await purchase_orders.set_fields(conn, ORDER_ID, now=FIXED_NOW, po_number="PO-QQ-4711")
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        pane = await filter_pane(dashboard_app, pilot, "orders", text.upper())
        assert shown_ids(pane) == [ORDER_ID], column


@pytest.mark.parametrize(
    ("typed", "status"),
    [("approval", "awaiting_approval"), ("backorder", "backordered"), ("on hold", "on_hold")],
)
async def test_the_orders_filter_matches_the_status_word_the_pane_shows(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any], typed: str, status: str
) -> None:
    async with dashboard_app.context.ledger.read() as conn:
        expected = await order_ids_where(conn, orders.c.status == status)
    pane = await filter_pane(dashboard_app, pilot, "orders", typed)
    assert expected, f"the seeded ledger has no {status} order"
    assert set(shown_ids(pane)) >= set(expected)
    assert typed in probe.screen_text(dashboard_app)


async def test_the_orders_filter_finds_an_order_by_its_id(
    dashboard_app: ProcdeskApp, pilot: Pilot[Any]
) -> None:
    pane = await filter_pane(dashboard_app, pilot, "orders", str(ORDER_ID))
    assert ORDER_ID in shown_ids(pane)
