"""Charge sync throughput against the sandbox with added latency, vs. the thread bound.

    python benchmarks/charge_sync_throughput.py [--charges 2000] [--latency-ms 50 100]

Autotask allows 3 concurrent requests per endpoint, so no client can create charges faster
than 3 / latency per second. This syncs N pending charges with one `worker --once` cycle
(creates, then the batched status refresh) and reports charges per second against that
bound, with the bare client's rate measured in the same run. Wall-clock rates move with the
machine's load, so it also prints what does not: SQL statements, worker CPU time and
Autotask requests per synced charge.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from charge_sync_common import (
    BARE_CHARGE,
    add_pending,
    autotask_requests,
    bare_client,
    charge_loop,
    open_ledger,
    sandbox,
    status_counts,
)
from sqlalchemy import event


def sandbox_cpu_s() -> float | None:
    """CPU seconds used so far by our child processes (the sandbox), from /proc (Linux)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid():  # ppid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


@dataclass
class Bare:
    rate: float  # creates per second
    client_cpu_ms: float  # per request, this process
    sandbox_cpu_ms: float | None  # per request, the sandbox's process


async def bare_creates(base: str, count: int) -> Bare:
    """Creates per second of the bare client (3 in flight, no ledger): what the client and
    the sandbox allow at this latency, with each one's CPU per request. Timed once the
    client is warm (its three connections open, as the worker's are for all but its first
    few of thousands): the bound is a rate per request slot, not a start-up."""
    client = bare_client(base)
    async with client:
        await asyncio.gather(*(client.create_ticket_charge(BARE_CHARGE) for _ in range(3)))
        sandbox_before, cpu_before = sandbox_cpu_s(), time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(client.create_ticket_charge(BARE_CHARGE) for _ in range(count)))
        elapsed = time.perf_counter() - started
        cpu, sandbox_after = time.process_time() - cpu_before, sandbox_cpu_s()
    sandbox_ms = None
    if sandbox_before is not None and sandbox_after is not None:
        sandbox_ms = 1000 * (sandbox_after - sandbox_before) / count
    return Bare(count / elapsed, 1000 * cpu / count, sandbox_ms)


async def measure(charges: int, latency_ms: int) -> None:
    with sandbox(latency_ms=latency_ms) as base, tempfile.TemporaryDirectory() as tmp:
        bare = await bare_creates(base, min(charges, 300))
        ledger = await open_ledger(Path(tmp) / "ledger.db")
        await add_pending(ledger, charges)
        statements = 0

        def count(*_: object) -> None:
            nonlocal statements
            statements += 1

        event.listen(ledger.engine.sync_engine, "before_cursor_execute", count)
        requests_before = autotask_requests(base)
        loop = charge_loop(ledger, base, batch_size=500)
        started, cpu_started = time.perf_counter(), time.process_time()
        report = await loop.run_once()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        await loop.aclose()
        requests = autotask_requests(base) - requests_before
        counts = await status_counts(ledger)
        await ledger.close()
    synced = counts["synced"]
    bound = 3 / (latency_ms / 1000)
    rate = synced / elapsed
    print(f"latency               {latency_ms} ms, {os.getloadavg()[0]:.1f} load (1 min)")
    print(f"charges synced        {synced} of {charges} ({dict(report)})")
    print(f"elapsed               {elapsed:.2f} s (creates + status refresh)")
    print(f"throughput            {rate:.1f} charges/s")
    print(f"bound 3/latency       {bound:.1f} charges/s at {latency_ms} ms")
    print(f"share of the bound    {rate / bound:.1%}")
    sandbox_ms = "n/a" if bare.sandbox_cpu_ms is None else f"{bare.sandbox_cpu_ms:.2f} ms"
    print(f"bare client creates   {bare.rate:.1f}/s ({bare.rate / bound:.1%} of the bound)")
    print(f"  CPU per request     {bare.client_cpu_ms:.2f} ms client, {sandbox_ms} sandbox")
    print(f"the worker reaches    {rate / bare.rate:.1%} of the bare client")
    print(f"per synced charge     {statements / synced:.2f} SQL statements, ", end="")
    print(f"{1000 * cpu / synced:.2f} ms worker CPU, {requests / synced:.3f} Autotask requests")


async def main(charges: int, latencies: list[int]) -> None:
    for latency_ms in latencies:
        await measure(charges, latency_ms)
        print()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--charges", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, nargs="+", default=[50, 100])
    args = parser.parse_args()
    asyncio.run(main(args.charges, args.latency_ms))
