"""The dashboard over a seeded ledger: panes, filter, sort, status keys, maximise, live rows."""

from __future__ import annotations

import sqlalchemy as sa
from textual.screen import Screen

from procdesk.config import Settings
from procdesk.domain.enums import EntityType, IssueKind
from procdesk.secrets import SecretStore
from procdesk.store import events
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.charges_pane import ChargesPane
from procdesk.tui.widgets.issues_pane import IssuesPane
from procdesk.tui.widgets.orders_pane import OrdersPane
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context
from tests.support.settle import settle

SIZE = (160, 48)


async def test_three_panes_titled_with_counts(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        panes = {p.id: p for p in dashboard_app.query(Pane)}
        assert set(panes) == {"orders", "charges", "issues"}
        async with seeded_ledger.read() as conn:
            n_errors = (
                await conn.execute(sa.select(sa.func.count()).where(charges.c.status == "error"))
            ).scalar_one()
        assert f"✗ error {n_errors:,}" in str(panes["charges"].border_title)
        assert panes["charges"].table.row_count == 400
        assert "40 open" in str(panes["issues"].border_title)


async def test_the_first_frame_on_screen_already_shows_rows_in_every_pane(
    dashboard_app: ProcdeskApp,
) -> None:
    """Rows are read before the first frame; counts and titles follow it."""
    shown: list[bool] = []

    def record(screen: Screen[object]) -> None:  # (frames composed in a batch are not shown)
        panes = list(screen.query(Pane))
        shown.append(len(panes) == 3 and all(p.table.pages.loaded_rows for p in panes))

    probe.watch_frames(dashboard_app, record)
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        assert shown
        assert shown[0] is True
        assert dashboard_app.query_one("#charges", Pane).table.row_count == 400


async def test_closing_during_a_feed_read_records_no_internal_error(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    async def internal_errors() -> list[str]:
        async with seeded_ledger.read() as conn:
            found = await issue_store.list_open(conn, kind=IssueKind.INTERNAL_ERROR)
        return [str(i.dedupe_key) for i in found]

    before = await internal_errors()
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
    await dashboard_app.refresh_header()  # a feed read that finishes after the app closed
    assert await internal_errors() == before


async def test_filter_status_key_and_sort_run_in_the_ledger(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        pane = dashboard_app.query_one("#charges", ChargesPane)
        pane.table.focus()
        await pilot.press("3")  # error
        await settle(dashboard_app, pilot)
        assert pane.table.row_count > 0
        assert {pane.table.pages.row(i).status for i in range(pane.table.row_count)} == {"error"}
        await pilot.press("0", "slash", *"northwind")
        await settle(dashboard_app, pilot)
        rows = [pane.table.pages.row(i) for i in range(pane.table.row_count)]
        assert rows
        assert all(r.company_name == "Northwind Traders" for r in rows)
        await pilot.press("escape")
        await settle(dashboard_app, pilot)
        assert pane.table.query.text == ""
        assert pane.table.row_count == 400
        await pilot.press("o")  # next sort: newest update first
        await settle(dashboard_app, pilot)
        first, second = pane.table.pages.row(0), pane.table.pages.row(1)
        assert pane.table.query.sort == "updated_at"
        assert (first.updated_at, first.id) > (second.updated_at, second.id)


async def test_maximise_and_restore(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        dashboard_app.query_one("#issues", Pane).table.focus()
        await pilot.press("z")
        assert dashboard_app.screen.maximized is dashboard_app.query_one("#issues", Pane)
        await pilot.press("z")
        assert dashboard_app.screen.maximized is None


async def test_tab_cycles_focus_between_panes(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        seen = []
        for _ in range(3):
            focused = dashboard_app.focused
            seen.append(
                next(p.id for p in dashboard_app.query(Pane) if focused in p.walk_children())
            )
            await pilot.press("tab")
        assert sorted(seen) == ["charges", "issues", "orders"]


async def test_a_worker_write_repaints_the_changed_row(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        pane = dashboard_app.query_one("#charges", ChargesPane)
        pane.table.cursor = 1
        selected = pane.table.current_row.id
        async with seeded_ledger.write() as conn:  # what a worker does on another connection
            await conn.execute(
                sa.update(charges)
                .where(charges.c.id == 3)
                .values(status="error", last_error="BillingCode does not exist")
            )
            await events.append(
                conn, actor="worker", entity_type=EntityType.CHARGE, entity_id=3, action="failed"
            )
        await dashboard_app.apply_feed()
        await settle(dashboard_app, pilot)
        row = pane.table.pages.row(pane.table.pages.index_of(3))
        assert (row.status, row.last_error) == ("error", "BillingCode does not exist")
        assert pane.table.current_row.id == selected


async def test_help_lists_the_focused_panes_keys(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        dashboard_app.query_one("#charges", Pane).table.focus()
        await pilot.press("question_mark")
        await settle(dashboard_app, pilot)
        from procdesk.tui.screens.help import HelpScreen

        assert isinstance(dashboard_app.screen, HelpScreen)
        assert "Ticket charges" in dashboard_app.screen.keys or dashboard_app.screen.pane.TITLE
        assert "Filter" in dashboard_app.screen.keys


async def test_change_feed_applies_while_a_modal_screen_is_open(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        await pilot.press("question_mark")
        await settle(dashboard_app, pilot)
        async with seeded_ledger.write() as conn:
            await conn.execute(sa.update(charges).where(charges.c.id == 5).values(sku="NEW-SKU"))
            await events.append(
                conn, actor="worker", entity_type=EntityType.CHARGE, entity_id=5, action="synced"
            )
        await dashboard_app.apply_feed()
        pane = next(p for p in dashboard_app.panes if p.TABLE == "charges")
        assert pane.table.pages.row(pane.table.pages.index_of(5)).sku == "NEW-SKU"
        assert dashboard_app.last_seq == await dashboard_app.dashboard.last_seq()


async def test_empty_panes_say_how_rows_get_there_and_a_filter_that_matches_none_says_so(
    ledger: Ledger, secrets: SecretStore
) -> None:
    app = make_app(
        Context(Settings(), ledger, secrets, "tester"), DashboardOptions(poll_interval=3600)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = probe.screen_text(app)
        for pane in (ChargesPane, OrdersPane, IssuesPane):
            assert pane.EMPTY in text
        app.query_one("#charges", Pane).table.focus()
        await pilot.press("3")  # errors only: still none
        await settle(app, pilot)
        assert "Nothing in this status (0 or Esc shows every status)." in probe.screen_text(app)
