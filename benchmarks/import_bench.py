"""Quote import speed: a generated quote file (JSON and CSV, realistic quotes of 3-12 lines
with every field) imported through `QuoteImporter`, against a floor measured in the same
run: bare `sqlite3` `executemany` of the very rows the import wrote, into the same tables
of a fresh ledger. Then the same file again (an unchanged re-import is a no-op).

    python benchmarks/import_bench.py               # a 20 MB file of each kind
    python benchmarks/import_bench.py --mb 2        # smaller, for a quick look

Goals (issue 18): under 5 s and at least 15,000 lines/s, within 5x the floor, re-import
under 2 s. Figures are wall-clock on this machine; the ratio is what travels.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import multiprocessing
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from procdesk.services.quotes.files import MAX_FILE_BYTES  # noqa: E402
from procdesk.services.quotes.files.csv_reader import COLUMNS  # noqa: E402
from procdesk.services.quotes.importer import QuoteImporter  # noqa: E402
from procdesk.store.ledger import Ledger  # noqa: E402

TABLES = ("quotes", "quote_lines", "charges", "orders", "order_lines", "events")
FTS_TABLES = ("charges", "orders")  # the tables an import writes that have a text index
CATEGORIES = ("Hardware", "Peripherals", "Networking", "Software", "Cloud", "Services")
DISTRIBUTORS = ("ingram", "tdsynnex", "other")
CITIES = (("Seattle", "WA", "98101"), ("Portland", "OR", "97204"), ("Austin", "TX", "78701"))
STATUSES = ("accepted", "accepted", "accepted", "accepted", "retracted", "declined")


def quote(n: int, rng: random.Random) -> dict[str, Any]:
    city, state, postal = rng.choice(CITIES)
    company = f"Customer {n % 997} Holdings"
    lines = []
    for number in range(1, rng.randint(3, 12) + 1):
        category = rng.choice(CATEGORIES)
        distributor = rng.choice(DISTRIBUTORS)
        lines.append(
            {
                "line_number": number,
                "sku": f"SKU-{rng.randrange(10**6):06d}",
                "description": f"{category} item {number} for {company}, "
                + "with the description a quoting tool exports " * rng.randint(1, 3),
                "category": category,
                "distributor": distributor,
                "distributor_part_number": f"P{rng.randrange(10**7):07d}",
                "quantity": rng.randint(1, 40),
                "unit_cost": f"{rng.randint(5, 3000)}.{rng.randrange(100):02d}",
                "unit_price": f"{rng.randint(3001, 4000)}.{rng.randrange(100):02d}",
                "product_id": rng.randint(1000, 99999),
                "billing_code_override": rng.randint(29682800, 29682899),
            }
        )
        if distributor == "tdsynnex":
            lines[-1]["channel"] = "ion" if category in ("Software", "Cloud") else "xml"
    return {
        "id": f"Q-{n:07d}",
        "title": f"Quote {n}: refresh for {company}",
        "company_name": company,
        "ticket_id": 7000 + n,
        "ticket_number": f"T20261120.{n % 10000:04d}",
        "status": rng.choice(STATUSES),
        "currency": "USD",
        "ship_to": {
            "company": company,
            "contact": "Dana Whitfield",
            "address_lines": [f"{n} Harbor Avenue", "Suite 300"],
            "city": city,
            "state": state,
            "postal_code": postal,
            "country_code": "US",
            "phone": "+1 206 555 0143",
            "email": f"it{n}@customer.example",
        },
        "lines": lines,
    }


def csv_rows(q: dict[str, Any]) -> list[dict[str, Any]]:
    ship = q["ship_to"]
    head = {
        "quote_id": q["id"],
        **{k: q[k] for k in ("title", "company_name", "ticket_id", "ticket_number", "status")},
        "currency": q["currency"],
        **{f"ship_to_{k}": v for k, v in ship.items() if k != "address_lines"},
        **{f"ship_to_address_line_{i + 1}": a for i, a in enumerate(ship["address_lines"])},
    }
    return [{**head, **line} for line in q["lines"]]


def generate(directory: Path, megabytes: float) -> tuple[Path, Path, int]:
    """A JSON and a CSV file of the same quotes, each just under `megabytes`."""
    budget = int(min(megabytes * 1024 * 1024, MAX_FILE_BYTES) * 0.92)
    rng = random.Random(18)
    quotes: list[dict[str, Any]] = []
    size = 0
    while True:
        q = quote(len(quotes) + 1, rng)
        size += len(json.dumps(q, indent=1)) + 2
        if size > budget:
            break
        quotes.append(q)
    json_path = directory / "quotes.json"
    json_path.write_text(json.dumps({"quotes": quotes}, indent=1))
    csv_path = directory / "quotes.csv"
    with csv_path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for q in quotes:
            writer.writerows(csv_rows(q))
    return json_path, csv_path, sum(len(q["lines"]) for q in quotes)


class Timing(NamedTuple):
    """Wall-clock seconds, and CPU seconds of this process (every thread: SQLite works in
    the driver's thread), which a busy shared machine inflates far less; for an import, the
    peak resident memory of the process it ran in (MB)."""

    wall: float
    cpu: float
    peak: float = 0.0


class Clock:
    def __enter__(self) -> Clock:
        self.started = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *_: object) -> None:
        wall, cpu = self.started
        self.timing = Timing(time.perf_counter() - wall, time.process_time() - cpu)


async def run_import(ledger_path: Path, file: Path) -> Timing:
    ledger = await Ledger.open(ledger_path)
    importer = QuoteImporter(ledger, actor="bench", clock=lambda: datetime.now(UTC))
    try:
        with Clock() as clock:
            await importer.import_file(file)
        return clock.timing
    finally:
        await ledger.close()


def import_in_child(ledger_path: Path, file: Path) -> Timing:
    """One import in a fresh process (as `procdesk quotes import` runs), so its peak memory
    is the import's own, not the generator's or an earlier import's."""
    timing = asyncio.run(run_import(ledger_path, file))
    return timing._replace(peak=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def fresh_process(ledger_path: Path, file: Path) -> Timing:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(import_in_child, ledger_path, file).result()


def floor(imported: Path, empty: Path) -> Timing:
    """Bare sqlite3: the rows the import wrote, executemany'd into a fresh ledger's tables in
    one transaction, the text indexes filled the cheap way (as the import fills them: the
    FTS5 insert triggers dropped, one INSERT ... SELECT per index, the triggers put back;
    with the triggers firing row by row, FTS5 flushes a segment per row and the floor itself
    takes about 4x longer)."""
    src = sqlite3.connect(imported)
    rows = {}
    for table in TABLES:
        cursor = src.execute(f"SELECT * FROM {table}")
        rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    src.close()
    dst = sqlite3.connect(empty)
    with Clock() as clock, dst:
        triggers = dst.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_ai'"
        ).fetchall()
        for name, _ in triggers:
            dst.execute(f"DROP TRIGGER {name}")
        for table, (names, values) in rows.items():
            marks = ", ".join("?" * len(names))
            dst.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)
        for table in FTS_TABLES:
            dst.execute(
                f"INSERT INTO {table}_fts(rowid, search_text) SELECT id, search_text FROM {table}"
            )
        for _, sql in triggers:
            dst.execute(sql)
    dst.close()
    return clock.timing


async def empty_ledger(path: Path) -> None:
    ledger = await Ledger.open(path)
    await ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="file size in MB (max 20)")
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        json_path, csv_path, lines = generate(work, args.mb)
        missed = []
        for path in (json_path, csv_path):
            kind = path.suffix[1:].upper()
            ledger = work / f"{path.suffix[1:]}.db"
            first = fresh_process(ledger, path)
            again = fresh_process(ledger, path)
            blank = work / f"{path.suffix[1:]}-floor.db"
            asyncio.run(empty_ledger(blank))
            base = floor(ledger, blank)
            mb = path.stat().st_size / 1024 / 1024
            ratio = first.wall / base.wall
            print(
                f"{kind:4} {mb:5.1f} MB {lines:,} lines: import {first.wall:.2f} s "
                f"({lines / first.wall:,.0f} lines/s; cpu {first.cpu:.2f} s), floor "
                f"{base.wall:.2f} s (cpu {base.cpu:.2f} s), ratio {ratio:.1f}x "
                f"(cpu {first.cpu / base.cpu:.1f}x; goal <= 5x, < 5 s); re-import "
                f"{again.wall:.2f} s (cpu {again.cpu:.2f} s; goal < 2 s); peak memory "
                f"{first.peak:.0f} MB (re-import {again.peak:.0f} MB)"
            )
            if first.wall >= 5 or ratio > 5 or lines / first.wall < 15_000:
                missed.append(f"{kind} import")
            if again.wall >= 2:
                missed.append(f"{kind} re-import")
    if missed:
        sys.exit(f"missed the goal: {', '.join(missed)}")


if __name__ == "__main__":
    main()
