"""Per-charge cost of a sync cycle as the ledger grows from 1k to 100k charges.

    python benchmarks/charge_sync_ledger_growth.py [--sizes 1000,10000,100000] [--new 300]

For each size, a fresh ledger gets that many old charges (half synced and billed, half
cancelled, with one event each, as history accumulates) plus `--new` pending charges;
one `worker` cycle then syncs the new ones against the sandbox (no added latency). The
figure is wall time per synced charge: flat means claims, writes and look-ups use the
indexes rather than scanning the history.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from charge_sync_common import add_pending, charge_loop, open_ledger, sandbox, status_counts

from procdesk.domain.enums import ChargeStatus, EntityType, QuoteStatus
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, events, quote_lines, quotes

CHUNK = 5000


async def add_history(ledger: Ledger, count: int) -> None:
    now = datetime.now(UTC)
    async with ledger.write() as conn:
        await conn.execute(
            quotes.insert().values(
                id="HIST",
                title="history",
                company_name="Old Co",
                ship_to={},
                ticket_id=7001,
                ticket_number=None,
                status=QuoteStatus.ACCEPTED.value,
                currency="USD",
                content_hash="hist",
                imported_at=now,
                updated_at=now,
            )
        )
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        async with ledger.write() as conn:
            first = (
                (
                    await conn.execute(
                        quote_lines.insert().returning(quote_lines.c.id),
                        [
                            {
                                "quote_id": "HIST",
                                "line_number": start + i,
                                "sku": f"OLD-{start + i}",
                                "description": "old item",
                                "category": "Hardware",
                                "distributor": "other",
                                "quantity": Decimal(1),
                                "unit_cost": Decimal(1),
                                "unit_price": Decimal(2),
                            }
                            for i in range(n)
                        ],
                    )
                )
                .scalars()
                .all()
            )
            await conn.execute(
                charges.insert(),
                [
                    {
                        "quote_line_id": line_id,
                        "quote_id": "HIST",
                        "ticket_id": 7001,
                        "status": (ChargeStatus.SYNCED if i % 2 else ChargeStatus.CANCELLED).value,
                        "marker": f"hist{start + i:08d}",
                        "autotask_id": 10_000_000 + start + i,
                        "is_billed": bool(i % 2),
                        "company_name": "Old Co",
                        "sku": f"OLD-{start + i}",
                        "description": "old item",
                        "category": "Hardware",
                        "quantity": Decimal(1),
                        "unit_cost": Decimal(1),
                        "unit_price": Decimal(2),
                        "billable_amount": Decimal(2),
                        "attempts": 1,
                        "search_text": "old",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i, line_id in enumerate(first)
                ],
            )
            await conn.execute(
                events.insert(),
                [
                    {
                        "at": now,
                        "actor": "history",
                        "entity_type": EntityType.CHARGE.value,
                        "entity_id": str(start + i),
                        "action": "synced",
                        "detail": {},
                    }
                    for i in range(n)
                ],
            )


async def one_size(base: str, size: int, new: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        ledger = await open_ledger(Path(tmp) / "ledger.db")
        await add_history(ledger, size)
        await add_pending(ledger, new, prefix=f"N{size}")
        loop = charge_loop(ledger, base, batch_size=100)
        started = time.perf_counter()
        await loop.run_once()
        elapsed = time.perf_counter() - started
        await loop.aclose()
        counts = await status_counts(ledger)
        await ledger.close()
    assert counts["pending"] == 0, counts
    return elapsed / new


async def main(sizes: list[int], new: int) -> None:
    with sandbox() as base:
        for size in sizes:
            per_charge = await one_size(base, size, new)
            print(f"ledger {size:>7} old charges: {per_charge * 1000:6.2f} ms per synced charge")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--new", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main([int(s) for s in args.sizes.split(",")], args.new))
