"""Autotask requests per synced charge, without faults and with 10 % of requests faulted.

    python benchmarks/charge_sync_requests.py [--charges 1000]

Counts every request the sandbox served to Autotask (creates, marker look-ups after
uncertain outcomes, the batched status refresh, field metadata) while `worker` cycles run
until every charge is synced. Faults: 5 % of Autotask requests time out after taking
effect and 5 % have their connection reset, so about one request in ten fails.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from charge_sync_common import (
    add_pending,
    autotask_requests,
    charge_loop,
    open_ledger,
    remote_charge_count,
    sandbox,
    status_counts,
)

FAULTS = "autotask:*:*=timeout_after_effect:0.05:2,autotask:*:*=reset:0.05"


async def measure(charges: int, faults: str) -> tuple[int, int, int]:
    with sandbox(faults=faults, seed=11) as base, tempfile.TemporaryDirectory() as tmp:
        ledger = await open_ledger(Path(tmp) / "ledger.db")
        await add_pending(ledger, charges)
        before = autotask_requests(base)
        loop = charge_loop(
            ledger, base, timeout_s=0.5, backoff_base_s=0.01, backoff_max_s=0.05, batch_size=200
        )
        cycles = 0
        while (await status_counts(ledger))["pending"] and cycles < 200:
            await loop.run_once()
            cycles += 1
            await asyncio.sleep(0.05)  # let postponed charges come due
        await loop.aclose()
        synced = (await status_counts(ledger))["synced"]
        await ledger.close()
        requests = autotask_requests(base) - before
        assert remote_charge_count(base) == synced, "a charge was duplicated"
        return synced, requests, cycles


async def main(charges: int) -> None:
    for label, faults in (("no faults", ""), ("10 % faults", FAULTS)):
        synced, requests, cycles = await measure(charges, faults)
        print(
            f"{label:12}  synced {synced}/{charges} in {cycles} cycle(s)  "
            f"requests {requests}  per synced charge {requests / synced:.3f}  "
            "(one Autotask charge per line: checked)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--charges", type=int, default=1000)
    asyncio.run(main(parser.parse_args().charges))
