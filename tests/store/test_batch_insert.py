"""`TableRows.insert` writes exactly what SQLAlchemy's own insert writes: the columns' own
conversions (exact money, aware times, JSON, booleans) and the Python-side defaults of the
columns a row leaves out, whether the rows are given as mappings or as value tuples."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.store.batch_insert import TableRows
from procdesk.store.ledger import Ledger
from procdesk.store.schema import events, quote_lines, quotes

NOW = datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC)
LATER = NOW.astimezone(UTC) + timedelta(hours=5, microseconds=7)


def _quote(quote_id: str) -> dict[str, Any]:
    return {
        "id": quote_id,
        "title": "Refresh — Zürich office",
        "company_name": "Contoso",
        "ship_to": {"company": "Contoso", "address_lines": ["1 Main St"], "city": "Bern"},
        "ticket_id": 2**62,
        "ticket_number": None,
        "status": "accepted",
        "currency": "CHF",
        "content_hash": "ab" * 32,
        "imported_at": NOW,
        "updated_at": LATER,
    }


def _line(quote_id: str, number: int, quantity: str, cost: str) -> dict[str, Any]:
    return {
        "quote_id": quote_id,
        "line_number": number,
        "sku": "SKU-1",
        "description": "two\nlines",
        "category": "Hardware",
        "distributor": "ingram",
        "distributor_part_number": None,
        "quantity": Decimal(quantity),
        "unit_cost": Decimal(cost),
        "unit_price": Decimal("0"),
        "product_id": None,
        "billing_code_override": 29682801,
    }


# (table, rows for the fast path, the same rows for SQLAlchemy's path, key column)
CASES = [
    pytest.param(
        quotes, [_quote("A-1"), _quote("A-2")], [_quote("B-1"), _quote("B-2")], "id", id="quotes"
    ),
    pytest.param(
        quote_lines,
        [_line("A-1", 1, "1.5", "0.0001"), _line("A-1", 2, "40", "922337203685477.5807")],
        [_line("B-1", 1, "1.5", "0.0001"), _line("B-1", 2, "40", "922337203685477.5807")],
        "quote_id",
        id="quote lines: money at both ends of its range",
    ),
    pytest.param(
        events,
        # no `detail`: the column's default (an empty object) is written
        [{"at": NOW, "actor": "a", "entity_type": "quote", "entity_id": "A", "action": "x"}],
        [{"at": NOW, "actor": "a", "entity_type": "quote", "entity_id": "B", "action": "x"}],
        "entity_id",
        id="events: a default for the column left out",
    ),
]


async def _rows(ledger: Ledger, table: sa.Table, key: str, prefix: str) -> list[tuple[Any, ...]]:
    shown = [c for c in table.columns if c.name not in ("id", "seq", key)]
    async with ledger.read() as conn:
        result = await conn.execute(
            sa.select(*shown)
            .where(table.c[key].startswith(prefix))
            .order_by(*(c for c in table.primary_key.columns))
        )
        return [tuple(row) for row in result]


@pytest.mark.parametrize("as_tuples", [False, True], ids=["mappings", "tuples"])
@pytest.mark.parametrize(("table", "fast", "usual", "key"), CASES)
async def test_rows_read_back_as_sqlalchemy_would_have_written_them(
    ledger: Ledger,
    as_tuples: bool,
    table: sa.Table,
    fast: list[dict[str, Any]],
    usual: list[dict[str, Any]],
    key: str,
) -> None:
    async with ledger.write() as conn:
        if table is quote_lines:
            await conn.execute(quotes.insert(), [_quote("A-1"), _quote("B-1")])
        names = list(fast[0])
        given = (
            TableRows(table, [tuple(row[n] for n in names) for row in fast], names)
            if as_tuples
            else TableRows(table, fast)
        )
        await given.insert(conn)
        await conn.execute(table.insert(), usual)
    written = await _rows(ledger, table, key, "A")
    assert written == await _rows(ledger, table, key, "B")
    assert len(written) == len(fast)
    if table is events:
        assert written[0][-1] == {}  # detail: the default
    if table is quotes:
        assert written[0][2] == fast[0]["ship_to"]
        assert written[0][-1] == LATER


async def test_nothing_to_insert_is_no_statement(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        await TableRows(quotes, []).insert(conn)
    async with ledger.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(quotes))).scalar() == 0
