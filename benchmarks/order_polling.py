"""Status polling cost for open distributor orders: requests per refresh and per order.

    python benchmarks/order_polling.py [--orders 1000] [--poll-batch 500]

Places N orders at each distributor in the sandbox (real loopback HTTP), then forces one
full status refresh of all of them and counts the requests the sandbox served, per
endpoint. A second refresh right after shows the backoff: orders polled a moment ago are
not due, so it costs nothing. Ingram Micro answers from its order search (the OPEN orders'
summaries, 100 per page) and reads an order's details only when its summary changed or a
date it knows of has come; TD SYNNEX answers a batch from one paged listing of the
account's orders (100 per page) plus a token exchange when the access token is due.
Target: at most 0.05 requests per open Ingram order per refresh (exit 1 when missed).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "benchmarks")]

from bench_secrets import demo_secrets  # noqa: E402

from procdesk.config import Settings  # noqa: E402
from procdesk.domain.enums import Distributor, OrderStatus  # noqa: E402
from procdesk.domain.state_machines import ORDER_POLLABLE_STATES  # noqa: E402
from procdesk.sandbox.config import SandboxConfig  # noqa: E402
from procdesk.sandbox.credentials import DEMO_CREDENTIALS  # noqa: E402
from procdesk.sandbox.server import SandboxServer  # noqa: E402
from procdesk.services.procurement.loop import ProcurementWorker  # noqa: E402
from procdesk.services.procurement.settings import ProcurementSettings  # noqa: E402
from procdesk.store import order_work  # noqa: E402
from procdesk.store import orders as order_store  # noqa: E402
from procdesk.store import quotes as quote_store  # noqa: E402
from procdesk.store.ledger import Ledger  # noqa: E402
from procdesk.store.schema import quote_lines, quotes  # noqa: E402
from procdesk.wiring import distributor_client  # noqa: E402

PARTS = {Distributor.INGRAM: ("8YR471", "899.00"), Distributor.TDSYNNEX: ("ms365-bp-p1m", "22.00")}
COMPANY = {Distributor.INGRAM: "Contoso Dental", Distributor.TDSYNNEX: "Northwind Dental Group"}
SHIP_TO = {
    "company": "Contoso Dental",
    "address_lines": ["12 Harbour Road"],
    "city": "Portsmouth",
    "postal_code": "PO1 2AB",
    "country_code": "GB",
}


async def queue_orders(ledger: Ledger, distributor: Distributor, count: int) -> None:
    part, cost = PARTS[distributor]
    now = datetime.now(UTC)
    async with ledger.write() as conn:
        for n in range(count):
            quote_id = f"B-{distributor.value[:2]}-{n}"
            quote = {
                "id": quote_id,
                "title": quote_id,
                "company_name": COMPANY[distributor],
                "ship_to": SHIP_TO,
                "status": "accepted",
                "currency": "USD",
                "content_hash": quote_id,
                "imported_at": now,
                "updated_at": now,
            }
            await conn.execute(quotes.insert().values(**quote))
            line_id = (
                await conn.execute(
                    quote_lines.insert()
                    .values(
                        quote_id=quote_id,
                        line_number=1,
                        sku=part,
                        description=part,
                        category="Hardware",
                        distributor=distributor.value,
                        distributor_part_number=part,
                        quantity=Decimal(1),
                        unit_cost=Decimal(cost),
                        unit_price=Decimal(cost),
                    )
                    .returning(quote_lines.c.id)
                )
            ).scalar_one()
            stored_quote = await quote_store.get(conn, quote_id)
            lines = await quote_store.lines_of(conn, quote_id)
            assert stored_quote is not None
            assert lines[0].id == line_id
            await order_store.queue_quote_lines(
                conn, quote=stored_quote, lines=lines, actor="benchmark", now=now
            )


async def make_all_due(ledger: Ledger, distributor: Distributor) -> int:
    now = datetime.now(UTC)
    async with ledger.write() as conn:
        ids = await order_work.ids_in_status(conn, ORDER_POLLABLE_STATES, distributor=distributor)
        for order_id in ids:
            await order_work.set_fields(conn, order_id, next_attempt_at=now)
    return len(ids)


INGRAM_TARGET = 0.05  # requests per open order per refresh


async def run(count: int, poll_batch: int) -> bool:
    """Print the figures; False when Ingram's refresh costs more than the target."""
    met = True
    secrets = demo_secrets()
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(SandboxConfig(port=0)) as server:
        ingram = DEMO_CREDENTIALS.ingram
        settings = Settings(
            ingram={
                "base_url": server.provider_urls["ingram"],
                "client_id": ingram.client_id,
                "customer_number": ingram.customer_number,
                "country_code": ingram.country_code,
            },
            tdsynnex={
                "base_url": server.provider_urls["tdsynnex"],
                "account_id": DEMO_CREDENTIALS.tdsynnex.account_id,
            },
        )
        ledger = await Ledger.open(Path(tmp) / "bench.db")
        procurement = ProcurementSettings(
            approval_threshold=Decimal("1000000"), batch_size=count, poll_batch_size=poll_batch
        )
        print(f"{count} open orders per distributor; poll batch {poll_batch}")
        for distributor in (Distributor.INGRAM, Distributor.TDSYNNEX):
            await queue_orders(ledger, distributor, count)
            worker = ProcurementWorker(
                ledger,
                procurement,
                lambda d: distributor_client(settings, secrets, d),
                owner="bench",
                distributors=[distributor],
            )
            started = time.perf_counter()
            await worker.run_cycle()  # place every order (and poll each once)
            placed = time.perf_counter() - started
            async with ledger.read() as conn:
                open_now = len(
                    await order_work.ids_in_status(
                        conn, [OrderStatus.ORDERED], distributor=distributor
                    )
                )
            due = await make_all_due(ledger, distributor)
            server.runtime.stats.reset()
            started = time.perf_counter()
            await worker.run_cycle()
            refresh_s = time.perf_counter() - started
            per_endpoint = server.runtime.stats.snapshot()["served_per_endpoint"]
            assert isinstance(per_endpoint, dict)
            total = sum(int(v) for v in per_endpoint.values())
            server.runtime.stats.reset()
            await worker.run_cycle()
            again = server.runtime.stats.snapshot()["requests_served"]
            await worker.aclose()
            print(f"\n{distributor.value}: placed {count} in {placed:.1f} s; {open_now} open")
            print(f"  one full refresh of {due} orders: {total} requests, {refresh_s:.2f} s")
            print(f"  requests per order: {total / max(due, 1):.3f}")
            for endpoint, n in sorted(per_endpoint.items()):
                print(f"    {n:6d}  {endpoint}")
            print(f"  refresh right after (nothing due, backoff): {again} requests")
            if distributor is Distributor.INGRAM and total / max(due, 1) > INGRAM_TARGET:
                print(f"  MISSED: target is at most {INGRAM_TARGET} requests per order")
                met = False
        await ledger.close()
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--poll-batch", type=int, default=500)
    args = parser.parse_args()
    if not asyncio.run(run(args.orders, args.poll_batch)):
        sys.exit(1)


if __name__ == "__main__":
    main()
