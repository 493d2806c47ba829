"""A SQLite ledger on a share that disappears: its folder is moved away while a `procdesk
worker` process and a dashboard run, then put back. Nothing exits; the dashboard says
"ledger unreachable since …" and recovers by itself; the worker goes on syncing; every
charge reaches Autotask exactly once; the worker's log has one line per state change and no
traceback."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from procdesk.config import Settings
from procdesk.domain.enums import ChargeStatus, IssueKind
from procdesk.domain.ticket_charge import find_marker
from procdesk.sandbox.autotask.demo_data import DEMO_TICKETS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.wiring import Context
from tests.support.charges import add_quote, line, map_hardware, remote_charges
from tests.support.settle import until
from tests.support.workers import start_worker, worker_env

pytestmark = pytest.mark.slow

PER_QUOTE = 10
DEADLINE_S = 120


async def synced(ledger: Ledger) -> int:
    query = sa.select(sa.func.count()).where(charges.c.status == ChargeStatus.SYNCED.value)
    async with ledger.read() as conn:
        return int((await conn.execute(query.select_from(charges))).scalar_one())


async def until_synced(ledger: Ledger, at_least: int) -> None:
    give_up = time.monotonic() + DEADLINE_S
    while await synced(ledger) < at_least:
        if time.monotonic() > give_up:
            raise AssertionError(f"fewer than {at_least} charges synced in {DEADLINE_S} s")
        await asyncio.sleep(0.2)


async def seed(ledger: Ledger, first: int, quotes: int) -> None:
    for q in range(first, first + quotes):
        await add_quote(
            ledger,
            f"SHARE-{q}",
            ticket_id=DEMO_TICKETS[q % len(DEMO_TICKETS)].id,
            lines=[line(n) for n in range(1, PER_QUOTE + 1)],
        )


def header_text(app: object) -> str:
    """The header's words ("" while the dashboard is still starting up)."""
    headers = list(app.query(HeaderBar))  # type: ignore[attr-defined]
    return str(headers[0].content) if headers else ""


async def test_a_worker_and_a_dashboard_ride_out_a_vanished_share(
    sandbox: SandboxServer, tmp_path: Path, secrets: SecretStore
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    away = tmp_path / "share-gone"
    path = share / "ledger.db"
    ledger = await Ledger.open(path)
    await map_hardware(ledger)
    await seed(ledger, 0, 2)
    env = worker_env(
        sandbox,
        tmp_path,
        str(path),
        "w1",
        PROCDESK_SYNC__INTERVAL_S="0.2",
        PROCDESK_SYNC__LEASE_S="10",
        PROCDESK_SYNC__RECONNECT_MAX_S="1",
    )
    worker = await start_worker(env, tmp_path / "w1.log")
    dashboard_ledger = await Ledger.open(path, migrate=False)
    app = make_app(
        Context(Settings(), dashboard_ledger, secrets, "dashboard"),
        DashboardOptions(poll_interval=0.5),
    )
    try:
        async with app.run_test(size=(160, 40)):
            await until(lambda: "workers 1" in header_text(app), "the header to count 1")
            await until_synced(ledger, 2 * PER_QUOTE)

            os.rename(share, away)  # the share is gone
            await until(lambda: "ledger unreachable since" in header_text(app), "the header")
            await until(
                lambda: any("ledger unreachable" in x for x in worker.lines()), "the worker log"
            )
            assert worker.running
            os.rename(away, share)  # and back
            await until(lambda: "ledger unreachable" not in header_text(app), "the recovery")
            await until(
                lambda: any("reachable again" in x for x in worker.lines()), "the worker back"
            )

            await seed(ledger, 2, 2)  # new work after the outage is done as usual
            await until_synced(ledger, 4 * PER_QUOTE)
            await until(lambda: "workers 1" in header_text(app), "the worker counted again")
            assert worker.running
    finally:
        if worker.running:
            worker.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(worker.process.wait(), 30)
        await dashboard_ledger.close()

    assert code == 0  # SIGTERM: a clean stop
    async with ledger.read() as conn:
        markers = {str(m) for m in (await conn.execute(sa.select(charges.c.marker))).scalars()}
        open_issues = await issue_store.list_open(conn)
    await ledger.close()
    assert len(markers) == 4 * PER_QUOTE
    ours = Counter(m for c in remote_charges(sandbox) if (m := find_marker(c["notes"])) in markers)
    assert len(ours) == 4 * PER_QUOTE  # none lost
    assert set(ours.values()) == {1}  # none twice
    assert [i for i in open_issues if i.kind == IssueKind.INTERNAL_ERROR] == []
    log = worker.lines()
    assert not [x for x in log if "Traceback" in x], "\n".join(log)
    assert len([x for x in log if "ledger unreachable" in x]) == 1, "\n".join(log)
    assert len([x for x in log if "reachable again" in x]) == 1, "\n".join(log)
