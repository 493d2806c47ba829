"""A dashboard on PostgreSQL sees another connection's change through LISTEN/NOTIFY.

Polling is off (the interval is an hour, and on PostgreSQL the app does not poll at all),
so the only way the change can reach the screen is the notification the events trigger
sends at commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from procdesk.config import Settings
from procdesk.secrets import SecretStore
from procdesk.store import events
from procdesk.store.ledger import Ledger
from procdesk.tui import probe
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context
from tests.support.charges import add_quote, line
from tests.support.settle import settle

SIZE = (160, 48)


@pytest.fixture
async def pg_ledgers(pg_ledger_url: str) -> AsyncIterator[tuple[Ledger, Ledger]]:
    """The dashboard's ledger and a worker's: two engines, two sets of connections."""
    dashboard, worker = await Ledger.open(pg_ledger_url), await Ledger.open(pg_ledger_url)
    yield dashboard, worker
    await worker.close()
    await dashboard.close()


async def until(condition: Callable[[], bool]) -> None:
    while True:
        if condition():
            return
        await asyncio.sleep(0.01)


async def test_a_workers_change_reaches_the_dashboard_by_notify(
    pg_ledgers: tuple[Ledger, Ledger], secrets: SecretStore
) -> None:
    dashboard_ledger, worker_ledger = pg_ledgers
    app = make_app(
        Context(Settings(), dashboard_ledger, secrets, "dashboard"),
        DashboardOptions(poll_interval=3600),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.feed_waker is not None
        assert not probe.polls_change_feed(app)  # no polling on PostgreSQL
        charges_pane = app.query_one("#charges", Pane)
        assert charges_pane.table.pages.total == 0
        await add_quote(worker_ledger, "Q-NOTIFY", ticket_id=1, lines=[line(1), line(2)])
        async with worker_ledger.read() as conn:
            newest = await events.last_seq(conn)
        await asyncio.wait_for(until(lambda: app.last_seq == newest), 1.0)
        assert app.notified_refreshes >= 1
        assert app.feed_waker.notifications >= 1
        await settle(app, pilot)
        assert charges_pane.table.pages.total == 2
