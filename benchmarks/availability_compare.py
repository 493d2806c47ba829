"""Price and stock of a 50-line order across distributors: requests and wall time.

    python benchmarks/availability_compare.py [--lines 50] [--runs 7] [--latency-ms 80]

Builds one queued Ingram Micro order of N lines, each a different manufacturer part (every
part either sandbox catalog knows, then parts neither carries, which come back "not
found" and still travel in the request), against the sandbox over loopback HTTP with the
given per-request latency. Then, per run: the comparison exactly as `v` and `procdesk
orders availability ID --all` make it (ComparisonService: ledger read, every distributor
at once, the lines matched; its event is written after the answer is shown and is not
timed), and each distributor's own call for the same parts alone. Reports the
requests each distributor served per comparison (goal: 1) and the comparison's median
wall time as a ratio to the slowest single-distributor call's median (goal: <= 1.3).
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import httpx  # noqa: E402
from bench_secrets import demo_secrets  # noqa: E402
from charge_sync_common import sandbox  # noqa: E402

from procdesk.config import Settings  # noqa: E402
from procdesk.domain.enums import Distributor  # noqa: E402
from procdesk.integrations.distributor.protocol import HardwareCatalog  # noqa: E402
from procdesk.sandbox.credentials import DEMO_CREDENTIALS  # noqa: E402
from procdesk.sandbox.ingram.catalog import DEMO_CATALOG  # noqa: E402
from procdesk.sandbox.synnexxml.catalog import DEMO_PARTS  # noqa: E402
from procdesk.sandbox.urls import provider_base_urls  # noqa: E402
from procdesk.services.procurement.comparison import COMPARED, ComparisonService  # noqa: E402
from procdesk.services.procurement.settings import ProcurementSettings  # noqa: E402
from procdesk.store import orders as order_store  # noqa: E402
from procdesk.store import quotes as quote_store  # noqa: E402
from procdesk.store.ledger import Ledger  # noqa: E402
from procdesk.store.schema import quote_lines, quotes  # noqa: E402
from procdesk.wiring import distributor_client  # noqa: E402

PA_ENDPOINTS = {
    Distributor.INGRAM: "priceandavailability",
    Distributor.TDSYNNEX_XML: "synnexxml/priceavailability",
}


def parts(count: int) -> list[str]:
    known = list(
        dict.fromkeys([p.vendor_part_number for p in DEMO_CATALOG] + [p.mfg_pn for p in DEMO_PARTS])
    )
    return (known + [f"BENCH-UNCARRIED-{n:03}" for n in range(count)])[:count]


async def queue_order(ledger: Ledger, mpns: list[str]) -> int:
    now = datetime.now(UTC)
    async with ledger.write() as conn:
        await conn.execute(
            quotes.insert().values(
                id="BENCH-1", title="bench", company_name="Contoso Dental",
                ship_to={"company": "Contoso Dental", "address_lines": ["12 Harbour Road"],
                         "city": "Tacoma", "state": "WA", "postal_code": "98402",
                         "country_code": "US"},
                status="accepted", currency="USD", content_hash="bench",
                imported_at=now, updated_at=now,
            )
        )  # fmt: skip
        for number, mpn in enumerate(mpns, start=1):
            await conn.execute(
                quote_lines.insert().values(
                    quote_id="BENCH-1", line_number=number, sku=mpn, description=mpn,
                    category="Hardware", distributor="ingram", quantity=Decimal(2),
                    unit_cost=Decimal("100.00"), unit_price=Decimal("120.00"),
                )
            )  # fmt: skip
        quote = await quote_store.get(conn, "BENCH-1")
        assert quote is not None
        lines = await quote_store.lines_of(conn, "BENCH-1")
        [order_id] = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="bench", now=now
        )
    return order_id


def served(base: str) -> dict[Distributor, int]:
    state = httpx.get(f"{base}/_sandbox/state").json()
    counts: dict[str, int] = state["requests"]["served_per_endpoint"]
    return {
        d: sum(n for key, n in counts.items() if key.endswith(PA_ENDPOINTS[d])) for d in COMPARED
    }


async def run(line_count: int, runs: int, latency_ms: int) -> bool:
    # the sandbox in its own process, so that serving does not share our interpreter
    with (
        tempfile.TemporaryDirectory() as tmp,
        sandbox(latency_ms=latency_ms) as base,
    ):
        secrets = demo_secrets()
        urls = provider_base_urls(base)
        ingram, xml = DEMO_CREDENTIALS.ingram, DEMO_CREDENTIALS.tdsynnex_xml
        settings = Settings(
            ingram={
                "base_url": urls["ingram"],
                "client_id": ingram.client_id,
                "customer_number": ingram.customer_number,
                "country_code": ingram.country_code,
            },
            tdsynnex_xml={
                "base_url": urls["tdsynnex_xml"],
                "customer_number": xml.customer_number,
                "username": xml.username,
            },
        )
        ledger = await Ledger.open(Path(tmp) / "bench.db")
        try:
            mpns = parts(line_count)
            order_id = await queue_order(ledger, mpns)

            def clients(d: Distributor):  # type: ignore[no-untyped-def]
                return distributor_client(settings, secrets, d)

            service = ComparisonService(
                ledger, ProcurementSettings(), clients, actor="bench",
                clock=lambda: datetime.now(UTC),
            )  # fmt: skip
            await service.compare(order_id)  # warm up: token, connections, imports
            compare_times: list[float] = []
            single_times: dict[Distributor, list[float]] = {d: [] for d in COMPARED}
            requests: list[dict[Distributor, int]] = []
            for _ in range(runs):
                before = served(base)
                started = time.perf_counter()
                result = await service.compare(order_id)
                compare_times.append(time.perf_counter() - started)
                await service.flush()  # its event, written after the answer: not timed,
                # and not left running into the single calls measured next
                after = served(base)
                requests.append({d: after[d] - before[d] for d in COMPARED})
                assert not result.errors, result.errors
                assert len(result.lines) == line_count
                for d in COMPARED:
                    client = clients(d)
                    assert isinstance(client, HardwareCatalog)
                    async with client:
                        await client.availability_by_manufacturer(mpns[:1])  # token, connection
                        started = time.perf_counter()
                        await client.availability_by_manufacturer(mpns)
                        single_times[d].append(time.perf_counter() - started)
        finally:
            await service.aclose()
            await ledger.close()
    compare = statistics.median(compare_times)
    singles = {d: statistics.median(t) for d, t in single_times.items()}
    slowest = max(singles.values())
    ratio = compare / slowest
    worst = {d: max(r[d] for r in requests) for d in COMPARED}
    print(f"{line_count}-line order, {runs} runs, sandbox latency {latency_ms} ms per request")
    for d in COMPARED:
        print(
            f"  {d.value:<13} requests per comparison: {worst[d]}   "
            f"alone: {singles[d] * 1000:7.1f} ms (median)"
        )
    print(f"  comparison (ledger read, all at once, lines): {compare * 1000:7.1f} ms (median)")
    print(f"  ratio to the slowest single call: {ratio:.2f} (goal <= 1.3)")
    ok = all(n == 1 for n in worst.values()) and ratio <= 1.3
    print("OK" if ok else "MISSED")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--latency-ms", type=int, default=80)
    args = parser.parse_args()
    sys.exit(0 if asyncio.run(run(args.lines, args.runs, args.latency_ms)) else 1)


if __name__ == "__main__":
    main()
