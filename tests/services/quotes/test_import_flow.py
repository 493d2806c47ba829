"""Happy paths and the rules for quotes that change between imports."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.domain.enums import CancelReason, ChargeStatus, OrderStatus
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import events
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, order_lines, orders, quote_lines, quotes
from tests.support.quotes import EXAMPLES, FIXED_NOW, base_quote, snapshot

QUOTE_COLUMNS = ("id", "title", "company_name", "ship_to", "ticket_id", "ticket_number",
                 "status", "currency", "content_hash")  # fmt: skip
LINE_COLUMNS = ("quote_id", "line_number", "sku", "description", "category", "distributor",
                "distributor_part_number", "quantity", "unit_cost", "unit_price", "product_id",
                "billing_code_override")  # fmt: skip
CHARGE_COLUMNS = ("quote_id", "status", "sku", "quantity", "unit_price", "billable_amount",
                  "ticket_id", "ticket_number", "company_name")  # fmt: skip
ORDER_COLUMNS = ("quote_id", "distributor", "status", "reference", "total_value")


async def _rows(ledger: Ledger, table: sa.Table, columns: tuple[str, ...]) -> list[tuple]:
    async with ledger.read() as conn:
        result = await conn.execute(
            sa.select(*(table.c[c] for c in columns)).order_by(table.c[columns[0]], *table.c)
        )
        return [tuple(r) for r in result]


async def _state(ledger: Ledger) -> dict[str, list[tuple]]:
    return {
        "quotes": await _rows(ledger, quotes, QUOTE_COLUMNS),
        "lines": await _rows(ledger, quote_lines, LINE_COLUMNS),
        "charges": await _rows(ledger, charges, CHARGE_COLUMNS),
        "orders": await _rows(ledger, orders, ORDER_COLUMNS),
    }


async def _charges(ledger: Ledger, quote_id: str) -> list[dict[str, Any]]:
    async with ledger.read() as conn:
        rows = await conn.execute(
            sa.select(charges, quote_lines.c.line_number)
            .join(quote_lines, quote_lines.c.id == charges.c.quote_line_id)
            .where(charges.c.quote_id == quote_id)
            .order_by(charges.c.id)
        )
        return [dict(r._mapping) for r in rows]


async def _mark_synced(ledger: Ledger, charge_id: int) -> None:
    async with ledger.write() as conn:
        await conn.execute(
            charges.update()
            .where(charges.c.id == charge_id)
            .values(status=ChargeStatus.SYNCED.value, autotask_id=900001)
        )


async def test_examples_json_and_csv_give_the_same_ledger(tmp_path: Path) -> None:
    states = []
    for name in ("quotes.json", "quotes.csv"):
        ledger = await Ledger.open(tmp_path / f"{name}.db")
        try:
            report = await QuoteImporter(ledger, actor="t", clock=lambda: FIXED_NOW).import_file(
                EXAMPLES / name
            )
            assert [o.result for o in report.outcomes] == ["created"] * 5
            states.append(await _state(ledger))
        finally:
            await ledger.close()
    assert states[0] == states[1]
    # one pending charge per line of the accepted quotes (Q-1004 is retracted: none)
    assert len(states[0]["charges"]) == 11
    assert {row[1] for row in states[0]["charges"]} == {"pending"}
    # one order per (quote, orderable distributor); the local-supplier lines are not queued
    assert [(r[0], r[1]) for r in states[0]["orders"]] == [
        ("Q-1001", "ingram"),
        ("Q-1002", "ingram"),
        ("Q-1002", "tdsynnex"),  # Microsoft 365 through StreamOne ION
        ("Q-1002", "tdsynnex_xml"),  # the access point through the XML interface
        ("Q-1003", "ingram"),
        ("Q-1006", "ingram"),  # the NAS that ships in two parts
    ]


async def test_reimport_changes_nothing(importer: QuoteImporter, ledger: Ledger) -> None:
    await importer.import_file(EXAMPLES / "quotes.json")
    before = await snapshot(ledger)
    report = await importer.import_file(EXAMPLES / "quotes.csv")
    assert [o.result for o in report.outcomes] == ["unchanged"] * 5
    assert await snapshot(ledger) == before


async def test_utf8_bom_is_accepted(tmp_path: Path, importer: QuoteImporter) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (EXAMPLES / "quotes.csv").read_bytes())
    report = await importer.import_file(path)
    assert report.count("created") == 5


async def test_import_appends_events_with_the_actor(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    async with ledger.read() as conn:
        feed = await events.since(conn, 0)
    assert ("quote", "Q-7001", "imported") in {(e.entity_type, e.entity_id, e.action) for e in feed}
    assert {e.actor for e in feed} == {"tester"}
    assert sum(1 for e in feed if e.entity_type == "charge") == 2


async def test_accepted_quote_gets_charges_and_orders(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    rows = await _charges(ledger, "Q-7001")
    assert [(r["line_number"], r["status"], r["billable_amount"]) for r in rows] == [
        (1, "pending", Decimal("578.0000")),
        (2, "pending", Decimal("45.0000")),
    ]
    async with ledger.read() as conn:
        queued = (
            await conn.execute(
                sa.select(orders.c.distributor, order_lines.c.part_number).join(
                    order_lines, order_lines.c.order_id == orders.c.id
                )
            )
        ).all()
    assert [tuple(r) for r in queued] == [("ingram", "5QW330")]


@pytest.mark.parametrize("new_status", ["retracted", "declined"])
async def test_withdrawn_quote_cancels_charges_and_orders(
    new_status: str, importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    first = (await _charges(ledger, "Q-7001"))[0]
    await _mark_synced(ledger, first["id"])
    report = await importer.import_file(quote_file(base_quote(status=new_status)))
    (outcome,) = report.outcomes
    assert outcome.result == "updated"
    assert outcome.changes == [f"status accepted -> {new_status}"]
    rows = {r["line_number"]: r for r in await _charges(ledger, "Q-7001")}
    # the synced charge is flagged for the charge worker to delete in Autotask first
    assert rows[1]["status"] == "synced"
    assert rows[1]["cancel_reason"] == CancelReason.QUOTE_WITHDRAWN.value
    # the never-sent charge is cancelled at once
    assert rows[2]["status"] == "cancelled"
    assert rows[2]["cancel_reason"] == CancelReason.QUOTE_WITHDRAWN.value
    async with ledger.read() as conn:
        statuses = (await conn.execute(sa.select(orders.c.status))).scalars().all()
        quote_status = (await conn.execute(sa.select(quotes.c.status))).scalar_one()
    assert statuses == [OrderStatus.CANCELLED.value]
    assert quote_status == new_status


async def test_reaccepted_quote_gets_fresh_charges(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file(base_quote(status="declined")))
    assert await _charges(ledger, "Q-7001") == []
    await importer.import_file(quote_file())
    assert [r["status"] for r in await _charges(ledger, "Q-7001")] == ["pending", "pending"]


@pytest.mark.parametrize("between", ["retracted", "declined"])
async def test_reaccepted_quote_queues_its_lines_on_a_new_order(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path], between: str
) -> None:
    """Withdrawing the quote cancelled its order; accepting it again queues the orderable
    line on a fresh order, as a first import does (before, the line counted as queued
    because of the cancelled order: on no live order and in no list)."""
    await importer.import_file(quote_file())
    await importer.import_file(quote_file(base_quote(status=between)))
    await importer.import_file(quote_file())
    async with ledger.read() as conn:
        made = await conn.execute(
            sa.select(orders.c.distributor, orders.c.status, orders.c.reference).order_by(
                orders.c.id
            )
        )
        assert [tuple(r) for r in made] == [
            ("ingram", "cancelled", "PD-Q7001-IM-1"),
            ("ingram", "queued", "PD-Q7001-IM-2"),
        ]
        queued = await conn.execute(
            sa.select(order_lines.c.status, quote_lines.c.line_number)
            .join(orders, orders.c.id == order_lines.c.order_id)
            .join(quote_lines, quote_lines.c.id == order_lines.c.quote_line_id)
            .where(orders.c.status == OrderStatus.QUEUED.value)
        )
        assert [tuple(r) for r in queued] == [("queued", 1)]
        unqueued = await quote_store.lines_not_queued(conn)
    assert [line.line_number for line in unqueued] == [2]  # the line of another supplier
    edited = base_quote()
    edited["lines"][0]["quantity"] = "3"
    await importer.import_file(quote_file(edited))  # the live order follows an edit
    async with ledger.read() as conn:
        found = await conn.execute(
            sa.select(order_lines.c.quantity)
            .join(orders, orders.c.id == order_lines.c.order_id)
            .where(orders.c.status == OrderStatus.QUEUED.value)
        )
        assert found.scalars().all() == [Decimal("3.0000")]


async def test_line_change_after_sync_is_refused(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    first = (await _charges(ledger, "Q-7001"))[0]
    await _mark_synced(ledger, first["id"])
    before = await snapshot(ledger)
    changed = base_quote()
    changed["lines"][0]["quantity"] = "5"
    path = quote_file(changed)
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(path)
    (problem,) = caught.value.problems
    assert problem.location == "/quotes/0"
    assert "quote Q-7001: line 1 changed (quantity)" in problem.message
    assert "charges of line(s) 1 already synced to Autotask" in problem.message
    assert await snapshot(ledger) == before


async def test_queued_line_change_updates_the_unsent_order(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    changed = base_quote()
    changed["lines"][0]["quantity"] = "3"
    report = await importer.import_file(quote_file(changed))
    assert report.outcomes[0].changes == ["line 1: quantity"]
    charged = await _charges(ledger, "Q-7001")
    assert [(r["line_number"], r["status"], r["quantity"]) for r in charged] == [
        (1, "cancelled", Decimal("2.0000")),
        (2, "pending", Decimal("10.0000")),
        (1, "pending", Decimal("3.0000")),
    ]
    async with ledger.read() as conn:
        ordered = (await conn.execute(sa.select(order_lines.c.quantity))).scalars().all()
    assert ordered == [Decimal("3.0000")]


async def test_change_of_a_line_whose_order_was_sent_is_refused(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    async with ledger.write() as conn:
        await conn.execute(orders.update().values(status=OrderStatus.PROCESSING.value))
    before = await snapshot(ledger)
    changed = base_quote()
    changed["lines"][0]["unit_price"] = "299.00"
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(quote_file(changed))
    message = str(caught.value)
    assert "line 1 changed (unit_price)" in message
    assert "left the procurement queue (order PD-Q7001-IM-1, processing)" in message
    assert await snapshot(ledger) == before


async def test_removed_line_is_refused(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    before = await snapshot(ledger)
    shorter = base_quote()
    shorter["lines"] = shorter["lines"][:1]
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(quote_file(shorter))
    assert "line(s) 2 missing from the file; lines cannot be removed" in str(caught.value)
    assert await snapshot(ledger) == before


async def test_unsent_line_change_replaces_its_charge(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    changed = base_quote()
    changed["lines"][1]["quantity"] = "12"  # the local-supplier line: not on any order
    changed["lines"].append(dict(changed["lines"][0], line_number=3, sku="DELL-P2723D"))
    report = await importer.import_file(quote_file(changed))
    assert report.outcomes[0].changes == ["line 2: quantity", "line 3 added"]
    rows = [
        (r["line_number"], r["status"], r["quantity"]) for r in await _charges(ledger, "Q-7001")
    ]
    assert rows == [
        (1, "pending", Decimal("2.0000")),
        (2, "cancelled", Decimal("10.0000")),
        (2, "pending", Decimal("12.0000")),
        (3, "pending", Decimal("2.0000")),
    ]
    async with ledger.read() as conn:
        parts = (await conn.execute(sa.select(order_lines.c.sku))).scalars().all()
    assert sorted(parts) == ["DELL-P2423D", "DELL-P2723D"]


async def test_file_is_all_or_nothing(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    first = (await _charges(ledger, "Q-7001"))[0]
    await _mark_synced(ledger, first["id"])
    before = await snapshot(ledger)
    refused = base_quote()
    refused["lines"][0]["quantity"] = "9"
    fresh = base_quote(id="Q-7002")
    with pytest.raises(ImportRejected):
        await importer.import_file(quote_file(fresh, refused))
    assert await snapshot(ledger) == before


async def test_detail_change_keeps_an_admin_cancelled_charge_cancelled(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    second = (await _charges(ledger, "Q-7001"))[1]
    async with ledger.write() as conn:
        await conn.execute(
            charges.update()
            .where(charges.c.id == second["id"])
            .values(status=ChargeStatus.CANCELLED.value, cancel_reason=CancelReason.ADMIN.value)
        )
    report = await importer.import_file(quote_file(base_quote(title="Front desk kit (rev 2)")))
    assert report.outcomes[0].changes == ["title changed"]
    assert [r["status"] for r in await _charges(ledger, "Q-7001")] == ["pending", "cancelled"]
    async with ledger.read() as conn:
        title = (await conn.execute(sa.select(quotes.c.title))).scalar_one()
    assert title == "Front desk kit (rev 2)"
