"""Three `procdesk worker` processes on one PostgreSQL ledger sync 3,000 charges together.

Faults are on (500s and timeouts after the charge was created) and one worker is SIGKILLed
mid-run; its claims come free when its lease runs out. Afterwards every quote line has
exactly one charge in the sandbox, the sandbox never saw more than 3 requests at once on an
endpoint (no "Thread Threshold Exceeded"), and every worker synced a share of the charges.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from procdesk.domain.enums import ChargeStatus, EntityType
from procdesk.domain.ticket_charge import find_marker
from procdesk.sandbox.autotask.demo_data import DEMO_TICKETS
from procdesk.sandbox.server import SandboxServer
from procdesk.store import mappings as mapping_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, events
from tests.support.charges import (
    HARDWARE_CODE,
    NOW,
    add_quote,
    line,
    remote_charges,
    sandbox_state,
    set_faults,
)
from tests.support.workers import spawn_worker, until_running, worker_env

CHARGES = 3_000
PER_QUOTE = 50
WORKERS = 3
KILL_AFTER = 600  # synced charges before one worker is SIGKILLed
LEASE_S = 10  # the smallest lease the config allows: the dead worker's claims free soon
# A stalled team fails the test; a slow (loaded) machine only makes it longer.
STALL_S = 90


def team_env(sandbox: SandboxServer, tmp_path: Path, ledger_url: str, n: int) -> dict[str, str]:
    return worker_env(
        sandbox,
        tmp_path,
        ledger_url,
        f"team-worker-{n}",
        PROCDESK_AUTOTASK__TIMEOUT_S="1.0",
        PROCDESK_AUTOTASK__HOURLY_BUDGET="10000",
        PROCDESK_SYNC__BACKOFF_BASE_S="0.05",
        PROCDESK_SYNC__BACKOFF_MAX_S="0.5",
        PROCDESK_SYNC__INTERVAL_S="0.05",
        PROCDESK_SYNC__BATCH_SIZE="50",
        PROCDESK_SYNC__LEASE_S=str(LEASE_S),
    )


async def seed(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        await mapping_store.put(
            conn,
            category="Hardware",
            billing_code_id=HARDWARE_CODE,
            billing_code_name=None,
            actor="test",
            now=NOW,
        )
    for q in range(CHARGES // PER_QUOTE):
        await add_quote(
            ledger,
            f"T-{q}",
            ticket_id=DEMO_TICKETS[q % len(DEMO_TICKETS)].id,
            lines=[line(n) for n in range(1, PER_QUOTE + 1)],
        )


async def synced(ledger: Ledger) -> int:
    async with ledger.read() as conn:
        query = sa.select(sa.func.count()).where(charges.c.status == ChargeStatus.SYNCED.value)
        return int((await conn.execute(query)).scalar_one())


async def start_worker(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    proc = await spawn_worker(env, cwd)
    await until_running(proc)
    return proc


async def run_until_synced(ledger: Ledger, procs: list[asyncio.subprocess.Process]) -> bool:
    """Poll the ledger; SIGKILL the second worker once KILL_AFTER charges are synced.

    Fails if no charge is synced for STALL_S seconds (the dead worker's leases last only
    LEASE_S), never for being slow."""
    killed = False
    loop = asyncio.get_running_loop()
    last, progressed_at = -1, loop.time()
    while (done := await synced(ledger)) < CHARGES:
        if done != last:
            last, progressed_at = done, loop.time()
        elif loop.time() - progressed_at > STALL_S:
            raise AssertionError(f"no charge synced for {STALL_S} s, at {done}/{CHARGES}")
        if not killed and done >= KILL_AFTER:
            procs[1].send_signal(signal.SIGKILL)
            assert await procs[1].wait() == -signal.SIGKILL
            killed = True
        await asyncio.sleep(0.25)
    return killed


async def test_three_workers_share_3000_charges_exactly_once(
    sandbox: SandboxServer, tmp_path: Path, pg_ledger_url: str
) -> None:
    ledger = await Ledger.open(pg_ledger_url)
    procs: list[asyncio.subprocess.Process] = []
    try:
        await seed(ledger)
        set_faults(
            sandbox,
            "autotask:POST:*/ticketcharges=500:0.02,"
            "autotask:POST:*/charges=timeout_after_effect:0.01:2",
        )
        procs = [
            await start_worker(team_env(sandbox, tmp_path, pg_ledger_url, n), tmp_path)
            for n in range(1, WORKERS + 1)
        ]
        killed = await run_until_synced(ledger, procs)
        async with ledger.read() as conn:
            actors = Counter(
                (
                    await conn.execute(
                        sa.select(events.c.actor).where(
                            events.c.entity_type == EntityType.CHARGE.value,
                            events.c.action.in_(["synced", "adopted"]),
                        )
                    )
                ).scalars()
            )
            rows = [dict(r._mapping) for r in await conn.execute(sa.select(charges))]
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            await asyncio.wait_for(proc.wait(), 30)
        await ledger.close()
        set_faults(sandbox, "")

    assert killed
    remote = remote_charges(sandbox)
    by_marker = Counter(find_marker(c["notes"]) for c in remote)
    assert len(remote) == CHARGES
    assert set(by_marker.values()) == {1}
    assert {str(r["marker"]): r["autotask_id"] for r in rows} == {
        find_marker(c["notes"]): c["id"] for c in remote
    }
    autotask = sandbox_state(sandbox)["autotask"]
    assert max(autotask["max_concurrent_per_endpoint"].values()) <= 3
    assert sum(autotask["thread_threshold_rejections"].values()) == 0
    assert set(actors) == {f"team-worker-{n}" for n in range(1, WORKERS + 1)}
    assert sum(actors.values()) == CHARGES
