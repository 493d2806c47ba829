"""Large imports: new quotes stored in batches write what the one-quote rules write, every
event included; re-importing is a no-op; a refusal anywhere leaves nothing; progress is
reported."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.quote_import import BATCH_QUOTES
from procdesk.store.schema import charges, events, order_lines, orders, quote_lines, quotes
from procdesk.store.views import CHARGES, ORDERS, ViewQuery
from tests.support.quotes import FIXED_NOW, base_quote, snapshot

CHARGE_COLUMNS = ("quote_id", "ticket_id", "ticket_number", "status", "is_billed",
                  "company_name", "sku", "description", "category", "quantity", "unit_cost",
                  "unit_price", "billable_amount", "attempts", "next_attempt_at",
                  "search_text", "created_at")  # fmt: skip
ORDER_COLUMNS = ("quote_id", "distributor", "status", "reference", "company_name", "ship_to",
                 "ship_to_key", "total_value", "currency", "attempts", "search_text")  # fmt: skip
ORDER_LINE_COLUMNS = ("line_number", "sku", "part_number", "description", "quantity",
                      "unit_price", "status", "tracking_numbers")  # fmt: skip


def _kit(quote_id: str, **changes: Any) -> dict[str, Any]:
    """A quote with lines at Ingram, both TD SYNNEX doors and a distributor we cannot order
    from."""
    quote = base_quote(id=quote_id, **changes)
    lines = quote["lines"]
    first = lines[0]
    hardware = {"distributor": "tdsynnex", "category": "Hardware", "sku": "AP-1"}
    cloud = {"distributor": "tdsynnex", "category": "Software", "channel": "ion", "sku": "M365"}
    lines.append({**copy.deepcopy(first), "line_number": 3, **hardware})
    lines.append({**copy.deepcopy(first), "line_number": 4, **cloud})
    lines.append({**copy.deepcopy(first), "line_number": 5, "sku": "CABLE-2"})
    return quote


async def _table(ledger: Ledger, table: sa.Table, columns: tuple[str, ...]) -> list[tuple]:
    async with ledger.read() as conn:
        rows = await conn.execute(
            sa.select(*(table.c[c] for c in columns)).order_by(*(table.c[c] for c in columns))
        )
        return [tuple(r) for r in rows]


async def _events(ledger: Ledger) -> list[tuple[str, str]]:
    async with ledger.read() as conn:
        rows = await conn.execute(
            sa.select(events.c.entity_type, events.c.action, events.c.detail).order_by(events.c.seq)
        )
        return [(str(t), str(a)) for t, a, _ in rows]


async def test_a_new_accepted_quote_is_written_as_accepting_it_later_writes_it(
    tmp_path: Path, quote_file: Callable[..., Path]
) -> None:
    """The batch writer against the one-quote writer (`_start`, used when a retracted quote
    is accepted again): the same charges, orders and order lines."""
    written = []
    for name, steps in (("batch", ["accepted"]), ("one by one", ["retracted", "accepted"])):
        ledger = await Ledger.open(tmp_path / f"{name}.db")
        importer = QuoteImporter(ledger, actor="tester", clock=lambda: FIXED_NOW)
        for status in steps:
            await importer.import_file(quote_file(_kit("Q-1", status=status)))
        written.append(
            (
                await _table(ledger, charges, CHARGE_COLUMNS),
                await _table(ledger, orders, ORDER_COLUMNS),
                await _table(ledger, order_lines, ORDER_LINE_COLUMNS),
            )
        )
        await ledger.close()
    assert written[0] == written[1]
    charge_rows, order_rows, line_rows = written[0]
    assert len(charge_rows) == 5  # one per line
    assert sorted(r[1] for r in order_rows) == ["ingram", "tdsynnex", "tdsynnex_xml"]
    assert len(line_rows) == 4  # Harbor Cable Supply is not orderable


async def test_many_quotes_across_batches_each_get_their_rows_and_events(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    count = BATCH_QUOTES + 3
    statuses = ["accepted", "retracted", "declined"]
    # ids that differ only in punctuation share an order reference prefix
    ids = ["Q-1", "Q1", "Q.1"] + [f"Q-{n:05d}" for n in range(count - 3)]
    file = quote_file(*(base_quote(id=i, status=statuses[n % 3]) for n, i in enumerate(ids)))

    report = await importer.import_file(file)

    accepted = [i for n, i in enumerate(ids) if n % 3 == 0]
    assert report.count("created") == count
    assert [o.quote_id for o in report.outcomes] == ids
    async with ledger.read() as conn:
        assert (
            await conn.execute(sa.select(sa.func.count()).select_from(quotes))
        ).scalar() == count
        line_count = sa.select(sa.func.count()).select_from(quote_lines)
        assert (await conn.execute(line_count)).scalar() == 2 * count
        per_quote = await conn.execute(
            sa.select(charges.c.quote_id, sa.func.count()).group_by(charges.c.quote_id)
        )
        assert dict(per_quote.all()) == dict.fromkeys(accepted, 2)
        references = (await conn.execute(sa.select(orders.c.reference))).scalars().all()
    assert len(references) == len(accepted) == len(set(references))
    assert {r for r in references if r.startswith("PD-Q1-IM-")} == {"PD-Q1-IM-1"}
    assert "PD-Q1-IM-1" in references
    # Q-1, Q1, Q.1: only Q-1 is accepted in this file; the prefixes still stay unique
    kinds = await _events(ledger)
    assert kinds.count(("quote", "imported")) == count
    assert kinds.count(("charge", "created")) == 2 * len(accepted)
    assert kinds.count(("order", "queued")) == len(accepted)
    # per quote as one quote at a time records it: imported, then its charges, its order
    assert kinds[:4] == [("quote", "imported"), ("charge", "created"), ("charge", "created"),
                         ("order", "queued")]  # fmt: skip


async def test_colliding_reference_prefixes_in_one_batch_are_numbered_on(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file(base_quote(id="Q-9")))
    await importer.import_file(quote_file(base_quote(id="Q9"), base_quote(id="Q.9")))
    async with ledger.read() as conn:
        references = (await conn.execute(sa.select(orders.c.reference))).scalars().all()
    assert sorted(references) == ["PD-Q9-IM-1", "PD-Q9-IM-2", "PD-Q9-IM-3"]


async def test_reimporting_a_large_file_changes_nothing(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    file = quote_file(*(base_quote(id=f"Q-{n}") for n in range(300)))
    await importer.import_file(file)
    before = await snapshot(ledger)
    report = await importer.import_file(file)
    assert report.count("unchanged") == 300
    assert await snapshot(ledger) == before


async def test_a_refused_change_leaves_the_new_quotes_of_the_file_out_too(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file(base_quote(id="Q-1")))
    before = await snapshot(ledger)
    shortened = base_quote(id="Q-1")
    shortened["lines"] = shortened["lines"][:1]  # lines cannot be removed
    new = [base_quote(id=f"Q-new-{n}") for n in range(50)]
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(quote_file(*new, shortened))
    assert [p.location for p in refused.value.problems] == ["/quotes/50"]
    assert "missing from the file" in refused.value.problems[0].message
    assert await snapshot(ledger) == before


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def read(self, done: int, total: int) -> None:
        self.calls.append(("read", done, total))

    def stored(self, done: int, total: int) -> None:
        self.calls.append(("stored", done, total))


async def test_progress_is_reported_while_reading_and_storing(
    importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    recorder = Recorder()
    await importer.import_file(quote_file(*(base_quote(id=f"Q-{n}") for n in range(600))), recorder)
    reads = [c for c in recorder.calls if c[0] == "read"]
    stores = [c for c in recorder.calls if c[0] == "stored"]
    assert [done for _, done, _ in reads] == [250, 500, 600]
    assert stores[-1] == ("stored", 600, 600)
    assert recorder.calls.index(reads[-1]) < recorder.calls.index(stores[0])


async def _text_index_problems(ledger: Ledger) -> list[str]:
    """FTS5's own check that each text index holds exactly its table's rows (PostgreSQL's
    trigram indexes are maintained by the server itself)."""
    broken: list[str] = []
    if ledger.engine.dialect.name != "sqlite":
        return broken
    async with ledger.read() as conn:
        for table in ("charges", "orders"):
            try:
                await conn.exec_driver_sql(
                    f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)"
                )
            except sa.exc.DatabaseError as exc:
                broken.append(f"{table}: {exc}")
    return broken


async def _filtered(ledger: Ledger, view: object, text: str) -> list[int]:
    async with ledger.read() as conn:
        rows = await view.page_after(conn, ViewQuery(text=text), None, 100)  # type: ignore[attr-defined]
    return [row.id for row in rows]


async def test_imported_charges_and_orders_are_in_the_text_index_and_later_writes_too(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    """The batch writer indexes its rows once at the end; the panes' filter finds them,
    and the index keeps following rows written after it (or after a refused import)."""
    first = base_quote(id="Q-ZEBRA")
    for line in first["lines"]:
        line["sku"] = f"ZEBRA-{line['line_number']}"
    await importer.import_file(quote_file(first))
    shortened = base_quote(id="Q-ZEBRA")
    shortened["lines"] = shortened["lines"][:1]
    with pytest.raises(ImportRejected):
        await importer.import_file(quote_file(base_quote(id="Q-GONE"), shortened))
    later = base_quote(id="Q-OKAPI", status="retracted")
    for line in later["lines"]:
        line["sku"] = f"OKAPI-{line['line_number']}"
    await importer.import_file(quote_file(later))
    later["status"] = "accepted"  # accepted on re-import: charges made one quote at a time
    await importer.import_file(quote_file(later))

    async with ledger.read() as conn:
        rows = await conn.execute(sa.select(charges.c.sku, charges.c.id))
        ids = {str(sku): int(charge_id) for sku, charge_id in rows}
        order_ids = list(
            (await conn.execute(sa.select(orders.c.id).order_by(orders.c.id))).scalars()
        )
    assert await _filtered(ledger, CHARGES, "zebra-2") == [ids["ZEBRA-2"]]
    assert await _filtered(ledger, CHARGES, "okapi-2") == [ids["OKAPI-2"]]
    assert await _filtered(ledger, CHARGES, "q-gone") == []
    assert await _filtered(ledger, ORDERS, "q-zebra") == order_ids[:1]
    assert await _filtered(ledger, ORDERS, "q-okapi") == order_ids[1:]
    assert await _text_index_problems(ledger) == []


async def _broken_links(ledger: Ledger) -> list[str]:
    """Rows of the import that point at the wrong row: a charge or an order line at a quote
    line of another quote or SKU, an event naming other rows than its entity's."""
    async with ledger.read() as conn:
        lines = {
            int(i): (str(q), str(s))
            for i, q, s in await conn.execute(
                sa.select(quote_lines.c.id, quote_lines.c.quote_id, quote_lines.c.sku)
            )
        }
        charged = {
            int(i): (int(line), str(q), str(s))
            for i, line, q, s in await conn.execute(
                sa.select(charges.c.id, charges.c.quote_line_id, charges.c.quote_id, charges.c.sku)
            )
        }
        ordered = await conn.execute(
            sa.select(orders.c.id, orders.c.quote_id, order_lines.c.quote_line_id)
            .add_columns(order_lines.c.sku)
            .join(order_lines, order_lines.c.order_id == orders.c.id)
        )
        on_order: dict[int, set[int]] = {}
        broken = []
        for order_id, quote_id, line_id, sku in ordered:
            on_order.setdefault(int(order_id), set()).add(int(line_id))
            if lines[int(line_id)] != (str(quote_id), str(sku)):
                broken.append(f"order {order_id} line {line_id}")
        broken += [f"charge {i}" for i, (line, q, s) in charged.items() if lines[line] != (q, s)]
        logged = await conn.execute(
            sa.select(events.c.entity_type, events.c.entity_id, events.c.action, events.c.detail)
        )
        for kind, entity_id, action, detail in logged:
            named = {
                ("charge", "created"): lambda i, d: charged[i][0] == d["quote_line_id"],
                ("order", "queued"): lambda i, d: on_order[i] == set(d["quote_line_ids"]),
            }.get((kind, action))
            if named is not None and not named(int(entity_id), detail):
                broken.append(f"event of {kind} {entity_id}")
    return broken


async def test_every_row_an_import_writes_points_at_its_own_lines(
    ledger: Ledger, importer: QuoteImporter, quote_file: Callable[..., Path]
) -> None:
    """The batch writer links charges, order lines and events to the ids of the rows it
    just wrote, also after earlier imports and after a refused one."""
    await importer.import_file(quote_file(*(_kit(f"Q-{n}") for n in range(3))))
    shortened = _kit("Q-0")
    shortened["lines"] = shortened["lines"][:1]
    with pytest.raises(ImportRejected):
        await importer.import_file(quote_file(_kit("Q-gone"), shortened))
    await importer.import_file(quote_file(*(_kit(f"Q-{n}") for n in range(3, BATCH_QUOTES + 9))))
    async with ledger.read() as conn:
        counted = await conn.execute(sa.select(sa.func.count()).select_from(order_lines))
        assert counted.scalar() == 4 * (BATCH_QUOTES + 9)
    assert await _broken_links(ledger) == []
