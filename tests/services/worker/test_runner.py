"""The worker runner: heartbeats, and a dead worker's leases freed at once on restart."""

from __future__ import annotations

from datetime import timedelta

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
