"""The worker runner: heartbeats, and a dead worker's leases freed at once on restart."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import asyncpg
import pytest

from procdesk.domain.enums import IssueKind
from procdesk.services.worker.runner import WorkerRunner
from procdesk.store import charges as charge_store
from procdesk.store import workers as worker_store
from tests.support.charges import NOW, TICKET, WORKER_ID, SyncHarness, add_quote, line


class FailingLoop:
    name = "broken"

    async def run_once(self) -> dict[str, int]:
        raise RuntimeError("bug in a loop")

    async def aclose(self) -> None:
        return None


async def test_restart_frees_a_dead_workers_leases_and_keeps_going(harness: SyncHarness) -> None:
    ids = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    async with harness.ledger.write() as conn:
        await worker_store.register(
            conn, worker_id="host:999999:dead", host="host", pid=999999, actor="w", now=NOW
        )
        claimed = await charge_store.claim_due(
            conn, owner="host:999999:dead", now=NOW, lease_for=timedelta(hours=1), limit=5
        )
    assert [c.charge.id for c in claimed] == ids
    runner = WorkerRunner(
        harness.ledger,
        [harness.loop, FailingLoop()],
        worker_id=WORKER_ID,
        actor="worker-test",
        interval_s=1.0,
        clock=harness.clock,
        host="host",
        pid=1234,
        is_alive=lambda pid: pid == 1234,
    )
    await runner.start()
    report = await runner.run_once()
    assert report["charges"]["synced"] == 2
    assert report["broken"] == {"failed": 1}
    issues = await harness.open_issues()
    assert [i.kind for i in issues] == [IssueKind.INTERNAL_ERROR]
    await runner.close()
    async with harness.ledger.read() as conn:
        states = {w.id: w.state for w in await worker_store.list_all(conn)}
    assert states == {"host:999999:dead": "stopped", "test-worker": "stopped"}


class LostLedgerLoop:
    """Fails as a loop does when the ledger's server is gone, a few times, then works."""

    name = "flaky"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.cycles = 0

    async def run_once(self) -> dict[str, int]:
        self.cycles += 1
        if self.failures:
            self.failures -= 1
            raise ConnectionResetError("connection lost")
        return {"done": 1}

    async def aclose(self) -> None:
        return None


class ConflictLoop:
    """Fails once as a loop does when PostgreSQL undid its write for meeting another
    worker's (a deadlock), then works."""

    name = "crossed"

    def __init__(self) -> None:
        self.cycles = 0

    async def run_once(self) -> dict[str, int]:
        self.cycles += 1
        if self.cycles == 1:
            raise asyncpg.exceptions.DeadlockDetectedError("deadlock detected")
        return {"done": 1}

    async def aclose(self) -> None:
        return None


class EndlessLoop:
    name = "endless"

    def __init__(self) -> None:
        self.started = asyncio.Event()

    async def run_once(self) -> dict[str, int]:
        self.started.set()
        await asyncio.Event().wait()  # a request that never answers
        return {}

    async def aclose(self) -> None:
        return None


async def test_a_lost_ledger_is_waited_out_not_recorded(
    harness: SyncHarness, caplog: pytest.LogCaptureFixture
) -> None:
    flaky = LostLedgerLoop(failures=3)
    runner = WorkerRunner(
        harness.ledger,
        [flaky],
        worker_id=WORKER_ID,
        actor="w",
        interval_s=0.01,
        clock=harness.clock,
        reconnect_max_s=0.02,
    )
    runner.watch.first_wait_s = 0.01
    stop = asyncio.Event()
    caplog.set_level(logging.INFO, logger="procdesk")
    task = asyncio.create_task(runner.run(stop))
    while flaky.cycles < 5:  # noqa: ASYNC110 (polling a plain counter)
        await asyncio.sleep(0.01)
    stop.set()
    await task
    await runner.close()
    assert await harness.open_issues() == []  # nothing about the outage in the ledger
    messages = [r.getMessage() for r in caplog.records if r.name == "procdesk.services.outage"]
    assert len(messages) == 2
    assert "ledger unreachable (ConnectionResetError: connection lost)" in messages[0]
    assert "reachable again" in messages[1]
    assert not [r for r in caplog.records if r.exc_info]  # no traceback


async def test_a_write_conflict_is_tried_again_not_recorded(
    harness: SyncHarness, caplog: pytest.LogCaptureFixture
) -> None:
    crossed = ConflictLoop()
    runner = WorkerRunner(
        harness.ledger,
        [crossed],
        worker_id=WORKER_ID,
        actor="w",
        interval_s=1.0,
        clock=harness.clock,
    )
    await runner.start()
    caplog.set_level(logging.INFO, logger="procdesk")
    assert (await runner.run_once())["crossed"] == {"conflict": 1}
    assert (await runner.run_once())["crossed"] == {"done": 1}
    await runner.close()
    assert await harness.open_issues() == []  # not a bug: no internal-error issue
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "undid a write that met another worker's" in warning
    assert "DeadlockDetectedError: deadlock detected" in warning
    assert not [r for r in caplog.records if r.exc_info]  # no traceback


async def test_stop_cancels_the_cycle_in_hand(harness: SyncHarness) -> None:
    endless = EndlessLoop()
    runner = WorkerRunner(
        harness.ledger,
        [endless],
        worker_id=WORKER_ID,
        actor="w",
        interval_s=30,
        clock=harness.clock,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    await endless.started.wait()
    stop.set()
    await asyncio.wait_for(task, 10)  # not the endless request
    await runner.close()
    async with harness.ledger.read() as conn:
        [worker] = await worker_store.list_all(conn)
    assert worker.state == "stopped"
