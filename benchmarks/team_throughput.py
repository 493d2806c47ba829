"""Team mode throughput: 1, 2 and 3 `procdesk worker` processes on one PostgreSQL ledger.

    python benchmarks/team_throughput.py [--charges 600] [--latency-ms 50] [--trace [DIR]]

Autotask allows 3 requests in flight per endpoint for the whole database, so no number of
workers can create charges faster than 3 / latency per second. The workers share that
limit through the ledger (advisory-lock slots), so more workers should reach the bound
sooner, never pass it. Uses PROCDESK_TEST_PG_URL when set, else a throwaway cluster.

The rate is the sync rate: the clock starts once every worker is up and the ledger shows
the run's first synced charge, and stops when it shows the last; charges synced before the
start are left out. A worker's first cycle after start-up spends 0.5-1.5 s (on a loaded
2-core machine) before its first request: its first gate connections, a first claim
through cold statement and validator caches. Paid once per process, not per charge, it
was inside the window until 2026-12-07 and cost 2-5 % of the bound in a 600-charge run
(the printed "warm-up" says how long it was; figures from before that date are lower for
it). Only the first worker's warm-up is left out: one worker can fill all 3 slots.
--workers picks the worker counts; --trace prints where the slots' time went
(benchmarks/team_trace.py) and keeps the traces in DIR when given.

Wall-clock rates move with the machine's load, so each run also prints what moves less:
the server's transactions per synced charge (every ledger and gate round trip outside a
transaction is one), and the CPU per charge of the workers and (with a throwaway cluster)
of the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from charge_sync_common import ROOT, add_pending, remote_charge_count, sandbox, status_counts
from team_trace import report, split

sys.path.insert(0, str(ROOT))

from tests.support.file_keyring import ENV as KEYRING_ENV
from tests.support.file_keyring import seed as seed_keyring
from tests.support.postgres import (
    PG_URL_ENV,
    ThrowawayCluster,
    create_database,
    database_url,
    drop_database,
    pg_bin_dir,
)
from tests.support.workers import keep_draining

from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.store import mappings as mapping_store
from procdesk.store.ledger import Ledger

TRACER = Path(__file__).with_name("team_trace.py")


def worker_env(base: str, ledger_url: str, home: Path, n: int) -> dict[str, str]:
    creds = DEMO_CREDENTIALS.autotask
    keyring_file = home / "keyring.json"
    seed_keyring(
        keyring_file, home / f"home-{n}", {f"autotask:{creds.username}:secret": creds.secret}
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCDESK_")}
    return env | {
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.JsonFileKeyring",
        KEYRING_ENV: str(keyring_file),
        "PROCDESK_HOME": str(home / f"home-{n}"),
        "PROCDESK_LEDGER": ledger_url,
        "PROCDESK_USER__NAME": f"bench-worker-{n}",
        "PROCDESK_AUTOTASK__BASE_URL": f"{base}/autotask/atservicesrest",
        "PROCDESK_AUTOTASK__USERNAME": creds.username,
        "PROCDESK_AUTOTASK__INTEGRATION_CODE": creds.integration_code,
        "PROCDESK_AUTOTASK__TIMEOUT_S": "30",
        "PROCDESK_AUTOTASK__HOURLY_BUDGET": "10000",
        "PROCDESK_SYNC__INTERVAL_S": "0.05",
        "PROCDESK_SYNC__BATCH_SIZE": "100",
    }


async def start_worker(
    env: dict[str, str], cwd: Path, trace: Path | None
) -> asyncio.subprocess.Process:
    """`procdesk worker`, or with `trace` the same traced by team_trace.py into that file."""
    command = ["-m", "procdesk"] if trace is None else [str(TRACER), str(trace)]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *command, "worker", env=env, cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stderr is not None
    while text := await proc.stderr.readline():
        if b" running" in text:
            keep_draining(proc.stderr)  # it logs one line per event: never let the pipe fill
            return proc
    raise RuntimeError("a worker exited before it started")


def stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name: state, ppid, ..."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_s(pid: int, *, children: bool = False) -> float:
    """CPU seconds of a process (with its reaped children's when asked), from /proc."""
    fields = stat(pid)
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime + cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def server_cpu_s(cluster: ThrowawayCluster | None) -> float | None:
    """CPU seconds of the throwaway cluster so far: the postmaster, the backends it reaped
    and those still running. None for a server of PROCDESK_TEST_PG_URL."""
    if cluster is None:
        return None
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    total = cpu_s(postmaster, children=True)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if int(stat(int(pid))[1]) == postmaster:
                total += cpu_s(int(pid))
        except (OSError, IndexError):
            continue  # it ended meanwhile (and is counted as reaped)
    return total


async def transactions(ledger: Ledger) -> int:
    """Transactions the ledger's database has committed or rolled back so far."""
    async with ledger.read() as conn:
        result = await conn.exec_driver_sql(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        )
        return int(result.scalar_one())


@dataclass
class Run:
    rate: float  # charges per second once every worker was up
    transactions: float  # per synced charge, the whole run (start-up included)
    worker_cpu_ms: float  # per charge synced while measured
    server_cpu_ms: float | None
    warm_up: float  # seconds from every worker up to the first charge synced
    split: str | None  # with --trace: where the slots' time went


async def one_run(
    base: str,
    ledger_url: str,
    charges: int,
    workers: int,
    cluster: ThrowawayCluster | None,
    latency_ms: int,
    trace: Path | None,
) -> Run:
    """`workers` processes syncing `charges` pending charges."""
    ledger = await Ledger.open(ledger_url)
    async with ledger.write() as conn:
        await mapping_store.put(
            conn, category="Hardware", billing_code_id=DEMO_CATEGORY_BILLING_CODES["Hardware"],
            billing_code_name=None, actor="bench", now=datetime.now(UTC),
        )  # fmt: skip
    await add_pending(ledger, charges, prefix=f"W{workers}")
    transactions_before = await transactions(ledger)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        before = remote_charge_count(base)
        # The clock starts once every worker is up (start-up imports are not sync time);
        # what the first ones synced meanwhile is left out of the rate.
        where_to = home if trace is None or trace == Path() else trace
        traces = [where_to / f"trace-{workers}-{n}.json" for n in range(1, workers + 1)]
        traces = traces if trace is not None else []
        procs = await asyncio.gather(
            *(
                start_worker(
                    worker_env(base, ledger_url, home, n), home, traces[n - 1] if traces else None
                )
                for n in range(1, workers + 1)
            )
        )
        up = time.perf_counter()
        while True:  # (polled: the run's first synced charge starts the clock)
            if head_start := (await status_counts(ledger))["synced"]:
                break
            await asyncio.sleep(0.05)
        started, window_start = time.perf_counter(), time.monotonic()
        warm_up = started - up
        worker_cpu, server_cpu = sum(cpu_s(p.pid) for p in procs), server_cpu_s(cluster)
        while True:
            if (await status_counts(ledger))["synced"] >= charges:
                break
            await asyncio.sleep(0.05)
        elapsed, window_end = time.perf_counter() - started, time.monotonic()
        worker_cpu = sum(cpu_s(p.pid) for p in procs) - worker_cpu
        server_after = server_cpu_s(cluster)
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            await proc.wait()
        where = None
        if traces:
            where = report(split(traces, window_start, window_end, latency_ms / 1000))
            window = {"start": window_start, "end": window_end, "latency": latency_ms / 1000}
            (where_to / f"window-{workers}.json").write_text(json.dumps(window))
    assert remote_charge_count(base) - before == charges
    # (a backend's counts reach pg_stat_database when it ends: the workers' have)
    spent = await transactions(ledger) - transactions_before
    await ledger.close()
    measured = charges - head_start
    server_ms = None
    if server_cpu is not None and server_after is not None:
        server_ms = 1000 * (server_after - server_cpu) / measured
    return Run(
        measured / elapsed, spent / charges, 1000 * worker_cpu / measured, server_ms, warm_up,
        where,
    )  # fmt: skip


async def main(charges: int, latency_ms: int, trace: Path | None, counts: list[int]) -> None:
    server = os.environ.get(PG_URL_ENV)
    cluster = None
    if server is None:
        bin_dir = pg_bin_dir()
        if bin_dir is None:
            raise SystemExit("no PostgreSQL: set PROCDESK_TEST_PG_URL or install postgresql")
        cluster = ThrowawayCluster(bin_dir)
        server = cluster.start()
    bound = 3 / (latency_ms / 1000)
    print(f"{charges} charges per run, sandbox latency {latency_ms} ms")
    print(f"Autotask bound: 3 in flight / {latency_ms} ms = {bound:.1f} creates/s")
    try:
        with sandbox(latency_ms=latency_ms) as base:
            for workers in counts:
                name = create_database(server)
                try:
                    url = database_url(server, name)
                    run = await one_run(base, url, charges, workers, cluster, latency_ms, trace)
                finally:
                    drop_database(server, name)
                server_ms = "n/a" if run.server_cpu_ms is None else f"{run.server_cpu_ms:.2f}"
                print(
                    f"{workers} worker(s): {run.rate:6.1f} charges/s, "
                    f"{100 * run.rate / bound:5.1f}% of the bound; per charge "
                    f"{run.transactions:.2f} server transactions, CPU {run.worker_cpu_ms:.2f} ms "
                    f"workers, {server_ms} ms server; warm-up {run.warm_up:.2f} s "
                    f"({os.getloadavg()[0]:.1f} load)"
                )
                if run.split is not None:
                    print(run.split)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charges", type=int, default=600)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2, 3], help="worker counts to run"
    )
    parser.add_argument(
        "--trace",
        nargs="?",
        type=Path,
        const=Path(),
        metavar="DIR",
        help="trace the workers and print where slot-time went (keep the traces in DIR)",
    )
    args = parser.parse_args()
    asyncio.run(main(args.charges, args.latency_ms, args.trace, args.workers))
