"""Exactly once under SIGKILL: a worker process killed at random points while Autotask
answers creates with "timeout after effect" still leaves one charge per quote line."""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

import pytest

from procdesk.domain.enums import ChargeStatus
from procdesk.domain.ticket_charge import find_marker
from procdesk.sandbox.autotask.demo_data import DEMO_TICKETS
from procdesk.sandbox.server import SandboxServer
from procdesk.store import charges as charge_store
from procdesk.store import events
from procdesk.store import mappings as mapping_store
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger
from tests.support.charges import HARDWARE_CODE, NOW, add_quote, line, remote_charges, set_faults
from tests.support.workers import kill_env, spawn_worker, until_running

LINES = 60
SEED = 20261123
MAX_RUNS = 40


async def seed_ledger(path: Path) -> None:
    ledger = await Ledger.open(path)
    try:
        async with ledger.write() as conn:
            await mapping_store.put(
                conn,
                category="Hardware",
                billing_code_id=HARDWARE_CODE,
                billing_code_name=None,
                actor="test",
                now=NOW,
            )
        for q in range(6):
            await add_quote(
                ledger,
                f"Q-{q}",
                ticket_id=DEMO_TICKETS[q].id,
                lines=[line(n) for n in range(1, LINES // 6 + 1)],
            )
    finally:
        await ledger.close()


async def adopted_count(path: Path) -> int:
    ledger = await Ledger.open(path)
    try:
        async with ledger.read() as conn:
            feed = await events.since(conn, 0, limit=100_000)
    finally:
        await ledger.close()
    return sum(1 for e in feed if e.action == "adopted")


async def ledger_charges(path: Path) -> list[dict[str, object]]:
    ledger = await Ledger.open(path)
    try:
        async with ledger.read() as conn:
            return await charge_store.get_many(conn, list(range(1, LINES + 1)))
    finally:
        await ledger.close()


async def test_sigkilled_worker_never_duplicates_a_charge(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    await seed_ledger(tmp_path / "ledger.db")
    set_faults(
        sandbox,
        "autotask:POST:*/charges=timeout_after_effect:0.3:5,"
        "autotask:POST:*/ticketcharges/query=timeout_after_effect:0.1:5",
    )
    env = kill_env(sandbox, tmp_path, PROCDESK_SYNC__BATCH_SIZE="10")
    rng = random.Random(SEED)
    kills = 0
    for _ in range(MAX_RUNS):
        proc = await spawn_worker(env, tmp_path)
        await asyncio.wait_for(until_running(proc), timeout=30)
        await asyncio.sleep(rng.uniform(0.05, 1.0))  # somewhere in the middle of its work
        proc.send_signal(signal.SIGKILL)
        assert await proc.wait() == -signal.SIGKILL
        kills += 1
        rows = await ledger_charges(tmp_path / "ledger.db")
        if all(r.status == ChargeStatus.SYNCED for r in rows):
            break
    else:
        pytest.fail(f"not all charges synced after {MAX_RUNS} runs")
    assert kills >= 3
    assert await adopted_count(tmp_path / "ledger.db") > 0  # timeouts after effect happened

    remote = remote_charges(sandbox)
    by_marker: dict[str, list[int]] = {}
    for charge in remote:
        marker = find_marker(charge["notes"])
        assert marker is not None
        by_marker.setdefault(marker, []).append(charge["id"])
    assert len(remote) == LINES
    assert all(len(ids) == 1 for ids in by_marker.values())
    assert {str(r.marker): r.autotask_id for r in rows} == {
        m: ids[0] for m, ids in by_marker.items()
    }


async def test_sigterm_stops_the_worker_cleanly(sandbox: SandboxServer, tmp_path: Path) -> None:
    await seed_ledger(tmp_path / "ledger.db")
    proc = await spawn_worker(kill_env(sandbox, tmp_path, PROCDESK_SYNC__BATCH_SIZE="10"), tmp_path)
    await asyncio.wait_for(until_running(proc), timeout=30)
    proc.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(proc.wait(), timeout=30) == 0
    ledger = await Ledger.open(tmp_path / "ledger.db")
    try:
        async with ledger.read() as conn:
            [worker] = await worker_store.list_all(conn)
    finally:
        await ledger.close()
    assert (worker.state, worker.pid) == (worker_store.STOPPED, proc.pid)
