"""The dashboard benchmarks' ledgers: seeded once per size and kept in the cache folder."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the seed's and the dashboard's clock


async def seed_ledger(path: Path, charges: int) -> float:
    from procdesk.store.ledger import Ledger
    from procdesk.store.seed import SeedPlan, seed

    started = time.perf_counter()
    ledger = await Ledger.open(str(path))
    try:
        async with ledger.write() as conn:
            plan = SeedPlan(charges=charges, orders=charges // 5, issues=charges // 20)
            await seed(conn, plan, now=NOW)
    finally:
        await ledger.close()
    return time.perf_counter() - started
