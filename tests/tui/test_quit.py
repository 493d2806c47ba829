"""Quitting at any moment stops the in-process workers before the app returns, so the
ledger can be closed (and the demo's directory removed) with nothing writing to it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from textual.widgets import Input

from procdesk.domain.enums import IssueKind
from procdesk.store import issues as issue_store
from procdesk.store.schema import workers
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.widgets.header_bar import HeaderBar
from tests.support.dashboard import SIZE, reconfigured


@pytest.mark.parametrize(
    "moment", ["during start", "during a sync", "with a modal open", "while a filter is typed"]
)
async def test_quitting_stops_the_workers_first(dashboard_app: ProcdeskApp, moment: str) -> None:
    background = dashboard_app.context.background_worker()
    app = reconfigured(dashboard_app, background=[background.run], sync_now=background.sync_now)
    async with app.run_test(size=SIZE) as pilot:
        # (no `settle`: it waits for every worker, and these never end by themselves)
        if moment == "during a sync":
            await pilot.pause()
            await pilot.press("s")
        elif moment == "with a modal open":
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert len(app.screen_stack) > 1
        elif moment == "while a filter is typed":  # its query still running in a worker
            await pilot.pause()
            await pilot.press("tab", "slash", *"north")
            assert isinstance(app.focused, Input)
        typing = moment in ("with a modal open", "while a filter is typed")
        await pilot.press("ctrl+q" if typing else "q")
        await pilot.pause()
    assert app.return_code == 0
    assert not [w for w in app.workers if w.group == "background" and not w.is_finished]
    async with dashboard_app.context.ledger.read() as conn:
        states = list((await conn.execute(sa.select(workers.c.state))).scalars())
    assert all(state == "stopped" for state in states), states


async def test_work_that_finishes_while_the_app_closes_records_no_issue(
    dashboard_app: ProcdeskApp,
) -> None:
    """A header read or a ledger that comes back, finishing as the app closes (its screen's
    widgets already removed), has nowhere to show: it is dropped, not an internal error.
    (A team test saw the change feed fail on the missing header as the app shut down.)"""
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await dashboard_app.screen_stack[0].query_one(HeaderBar).remove()
        await dashboard_app.guarded("header", dashboard_app.refresh_header())
        dashboard_app.ledger_watch.lost(OSError("the server went away"))
        await dashboard_app.guarded("change feed", dashboard_app.apply_feed())
    async with dashboard_app.context.ledger.read() as conn:
        failed = [
            issue.subject_id
            for issue in await issue_store.list_open(conn)
            if issue.kind is IssueKind.INTERNAL_ERROR
        ]
    assert not [where for where in failed if where.endswith((":header", ":change feed"))]
