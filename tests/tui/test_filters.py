"""Filters, Tab and marks in the panes: Esc clears a filter (the box, then the maximised
pane), what an empty view says is true, Tab goes from pane to pane and never into a filter
box, a marked row shows its mark under the cursor as well."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, Provider
from procdesk.store.issues import open_issue
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.virtual_table import MARK, VirtualTable
from tests.support.settle import settle

SIZE = (160, 48)


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """Keys and screens, not the database: one SQLite ledger is enough."""
    return str(tmp_path / "ledger.db")


async def test_esc_clears_a_text_filter_and_the_empty_view_says_how(
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        pane = dashboard_app.query_one("#charges", Pane)
        pane.table.focus()
        box = pane.query_one(Input)
        assert "Esc clears it" in str(box.placeholder)
        await pilot.press("slash", *"zzqq", "enter")  # kept: the cursor back in the table
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
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
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
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
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
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
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
    dashboard_app: ProcdeskApp,
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
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        pane = dashboard_app.query_one("#issues", Pane)
        pane.table.focus()
        await pilot.press("slash", *"login")
        await settle(dashboard_app, pilot)
        assert pane.table.row_count == 1
        row = pane.table.pages.row(0)
        assert row is not None
        assert row.id == issue_id
        assert "Autotask login" in probe.screen_text(dashboard_app)
