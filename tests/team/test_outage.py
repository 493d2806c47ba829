"""PostgreSQL stopped and restarted under two `procdesk worker` processes and a dashboard,
twice (10 s, then 30 s): every worker is alive afterwards, every charge synced exactly once,
no internal-error issue, one log line per state change and no traceback; the dashboard said
"ledger unreachable since …" and recovered by itself; `worker --check` tells alive from
stopped."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
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
from tests.support.postgres import ThrowawayCluster
from tests.support.settle import until
from tests.support.workers import REPO, WorkerProcess, start_worker, worker_env

PER_QUOTE = 20
DEADLINE_S = 180

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


async def seed(ledger: Ledger, first: int, quotes: int) -> None:
    for q in range(first, first + quotes):
        await add_quote(
            ledger,
            f"OUT-{q}",
            ticket_id=DEMO_TICKETS[q % len(DEMO_TICKETS)].id,
            lines=[line(n) for n in range(1, PER_QUOTE + 1)],
        )


async def count(ledger: Ledger, status: ChargeStatus | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(charges)
    if status is not None:
        query = query.where(charges.c.status == status.value)
    async with ledger.read() as conn:
        return int((await conn.execute(query)).scalar_one())


async def until_synced(ledger: Ledger, at_least: int) -> None:
    give_up = time.monotonic() + DEADLINE_S
    while await count(ledger, ChargeStatus.SYNCED) < at_least:
        if time.monotonic() > give_up:
            raise AssertionError(f"fewer than {at_least} charges synced in {DEADLINE_S} s")
        await asyncio.sleep(0.25)


def header_text(app: object) -> str:
    return str(app.query_one(HeaderBar).content)  # type: ignore[attr-defined]


def check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "procdesk", "worker", "--check"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def outage(
    cluster: ThrowawayCluster,
    seconds: float,
    app: object,
    workers: list[WorkerProcess],
) -> None:
    await asyncio.to_thread(cluster.halt)
    started = time.monotonic()
    await until(lambda: "ledger unreachable since" in header_text(app), "the dashboard to say")
    await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))  # the outage itself
    assert all(w.running for w in workers)
    await asyncio.to_thread(cluster.resume)
    await until(lambda: "ledger unreachable" not in header_text(app), "the dashboard to recover")


async def test_workers_and_a_dashboard_ride_out_two_database_outages(
    sandbox: SandboxServer,
    tmp_path: Path,
    own_cluster: ThrowawayCluster,
    own_database: str,
    secrets: SecretStore,
) -> None:
    ledger = await Ledger.open(own_database)
    await map_hardware(ledger)
    await seed(ledger, 0, 3)
    env = {
        "PROCDESK_SYNC__INTERVAL_S": "0.2",
        "PROCDESK_SYNC__LEASE_S": "10",
        "PROCDESK_SYNC__BATCH_SIZE": "10",
        "PROCDESK_SYNC__RECONNECT_MAX_S": "1",
        "PROCDESK_AUTOTASK__TIMEOUT_S": "5",
    }
    envs = [worker_env(sandbox, tmp_path, own_database, f"w{n}", **env) for n in (1, 2)]
    workers = [await start_worker(e, tmp_path / f"w{n}.log") for n, e in enumerate(envs, 1)]
    dashboard_ledger = await Ledger.open(own_database, migrate=False)
    app = make_app(
        Context(Settings(), dashboard_ledger, secrets, "dashboard"),
        DashboardOptions(poll_interval=0.5),
    )
    try:
        async with app.run_test(size=(160, 40)):
            await until(lambda: "workers 2" in header_text(app), "the header to count 2")
            await until_synced(ledger, 10)  # work in flight when the database goes
            await outage(own_cluster, 10, app, workers)
            await until_synced(ledger, 3 * PER_QUOTE)

            await seed(ledger, 3, 3)
            await until_synced(ledger, 3 * PER_QUOTE + 10)
            await outage(own_cluster, 30, app, workers)
            await until_synced(ledger, 6 * PER_QUOTE)
            await until(lambda: "workers 2" in header_text(app), "both workers alive again")

            assert all(w.running for w in workers)
            probe = check(envs[0])
            assert probe.returncode == 0, probe.stdout + probe.stderr
            assert "[ok  ] worker" in probe.stdout
    finally:
        for w in workers:
            if w.running:
                w.process.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(w.process.wait(), 30) for w in workers]
        await dashboard_ledger.close()

    assert codes == [0, 0]  # SIGTERM: a clean stop
    stopped = check(envs[0])
    assert stopped.returncode == 1
    assert "no worker alive" in stopped.stdout

    total = 6 * PER_QUOTE
    assert await count(ledger) == total
    assert await count(ledger, ChargeStatus.SYNCED) == total
    async with ledger.read() as conn:
        markers = {str(m) for m in (await conn.execute(sa.select(charges.c.marker))).scalars()}
        open_issues = await issue_store.list_open(conn)
    await ledger.close()
    ours = Counter(m for c in remote_charges(sandbox) if (m := find_marker(c["notes"])) in markers)
    assert len(ours) == total  # none lost
    assert set(ours.values()) == {1}  # none twice
    assert [i for i in open_issues if i.kind == IssueKind.INTERNAL_ERROR] == []

    for w in workers:
        log = w.lines()
        assert not [x for x in log if "Traceback" in x], "\n".join(log)
        assert len([x for x in log if "ledger unreachable" in x]) == 2, "\n".join(log)
        assert len([x for x in log if "reachable again" in x]) == 2, "\n".join(log)
        assert len("\n".join(log)) < 20_000  # one line per state change, not per attempt
