"""Statements queued on SQLite's driver thread run in the order given, in the caller's
transaction; a failure among them is raised as SQLAlchemy raises it, and the transaction
rolls back everything queued, including what ran after the failure. Rows spread over
several multi-row statements land whole and in order. A quote import makes its next batch
while the driver's thread writes the one before: when making a batch fails meanwhile, that
failure is the one raised, the queued batch runs and rolls back with everything else, and
a statement of it that failed too is retrieved, not reported later as an exception nobody
retrieved."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.store import events as event_store
from procdesk.store import quote_import
from procdesk.store.batch_insert import (
    MAX_VARIABLES,
    ROWS_PER_STATEMENT,
    sqlite_dict_inserts,
    sqlite_tuple_inserts,
)
from procdesk.store.events import NewEvent
from procdesk.store.ledger import Ledger
from procdesk.store.new_quote_rows import LINE_NAMES, NewQuote
from procdesk.store.queued_writes import QueuedWrites
from procdesk.store.schema import events, quote_lines, quotes

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
async def sqlite_ledger(tmp_path: Path) -> AsyncIterator[Ledger]:
    ledger = await Ledger.open(tmp_path / "ledger.db")
    try:
        yield ledger
    finally:
        await ledger.close()


def _quote(quote_id: str) -> dict[str, object]:
    return {
        "id": quote_id,
        "title": "Refresh",
        "company_name": "Contoso",
        "ship_to": {"company": "Contoso", "address_lines": ["1 Main St"], "city": "Bern"},
        "ticket_id": 7001,
        "ticket_number": None,
        "status": "accepted",
        "currency": "USD",
        "content_hash": "ab" * 32,
        "imported_at": NOW,
        "updated_at": NOW,
    }


def _lines(quote_id: str, first_id: int, count: int) -> list[tuple[object, ...]]:
    return [
        (
            first_id + n,
            quote_id,
            n + 1,
            "SKU",
            "Item",
            "Hardware",
            "other",
            None,
            1,
            2,
            3,
            None,
            None,
        )
        for n in range(count)
    ]


async def _count(ledger: Ledger, table: sa.Table) -> int:
    async with ledger.read() as conn:
        return int((await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar())


async def test_queued_statements_run_in_order_in_the_callers_transaction(
    sqlite_ledger: Ledger,
) -> None:
    async with sqlite_ledger.write() as conn:
        # the lines refer to the quotes (foreign keys are on): only the given order works
        statements = [
            *sqlite_dict_inserts(conn, quotes, [_quote("Q-1"), _quote("Q-2")]),
            *sqlite_tuple_inserts(conn, quote_lines, LINE_NAMES, _lines("Q-1", 1, 3)),
            *sqlite_tuple_inserts(conn, quote_lines, LINE_NAMES, _lines("Q-2", 10, 2)),
        ]
        writing = await QueuedWrites.queue(conn, statements)
        await writing.finished()
        # the same transaction: SQLAlchemy's own reads see the rows before the commit
        seen = await conn.execute(sa.select(quote_lines.c.id).order_by(quote_lines.c.id))
        assert list(seen.scalars()) == [1, 2, 3, 10, 11]
    assert await _count(sqlite_ledger, quote_lines) == 5


async def test_a_failure_is_raised_as_sqlalchemy_raises_it_and_nothing_stays(
    sqlite_ledger: Ledger,
) -> None:
    with pytest.raises(sa.exc.IntegrityError) as raised:
        async with sqlite_ledger.write() as conn:
            statements = [
                *sqlite_dict_inserts(conn, quotes, [_quote("Q-1")]),
                *sqlite_tuple_inserts(conn, quote_lines, LINE_NAMES, _lines("Q-1", 1, 2)),
                *sqlite_tuple_inserts(conn, quote_lines, LINE_NAMES, _lines("Q-1", 2, 1)),
                *sqlite_dict_inserts(conn, quotes, [_quote("Q-2")]),  # runs after the failure
            ]
            writing = await QueuedWrites.queue(conn, statements)
            await writing.finished()
    # named by the statement's start, without its thousand placeholders or its values
    assert "INSERT INTO quote_lines" in str(raised.value)
    assert "?, ?" not in str(raised.value)
    assert await _count(sqlite_ledger, quotes) == 0
    assert await _count(sqlite_ledger, quote_lines) == 0


async def test_rows_beyond_one_statement_are_split_and_land_in_order(
    sqlite_ledger: Ledger,
) -> None:
    per_statement = min(ROWS_PER_STATEMENT, MAX_VARIABLES // len(NewEvent._fields))
    rows = [
        NewEvent(NOW, "import", "quote", f"Q-{n}", "imported", {"n": n})
        for n in range(per_statement * 2 + 7)
    ]
    async with sqlite_ledger.write() as conn:
        statements = event_store.table_rows(rows).sqlite_statements(conn)
        # two full statements, then the 7 left in statements of 4, 2 and 1 rows (a few
        # shapes in all for the driver to keep prepared, whatever the batch)
        per_row = len(NewEvent._fields)
        assert [len(s.params) // per_row for s in statements] == [per_statement] * 2 + [4, 2, 1]
        await event_store.append_many(conn, rows)
    async with sqlite_ledger.read() as conn:
        found = await conn.execute(sa.select(events.c.entity_id, events.c.detail))
        assert [tuple(row) for row in found] == [(f"Q-{n}", {"n": n}) for n in range(len(rows))]


class RowUnmade(Exception):
    """What making the second batch's first row raises."""


def _new(quote_id: str) -> NewQuote:
    """A new quote without lines, as the importer hands it over (the import stamps its
    times)."""
    row = {k: v for k, v in _quote(quote_id).items() if k not in ("imported_at", "updated_at")}
    return NewQuote(quote_id, lambda: row, (), accepted=True)


def _unmade() -> Mapping[str, Any]:
    raise RowUnmade("the second batch cannot be made")


@pytest.mark.parametrize("first_batch_fails", [False, True], ids=["writes", "write-fails"])
async def test_a_batch_unmade_while_the_one_before_is_written_leaves_nothing(
    sqlite_ledger: Ledger, first_batch_fails: bool
) -> None:
    first = [_new(f"Q-{n}") for n in range(quote_import.BATCH_QUOTES)]
    if first_batch_fails:  # the same quote twice: its second insert fails on the key
        first[-1] = _new("Q-0")
    unheard: list[Mapping[str, Any]] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: unheard.append(context))
    written: list[int] = []
    try:
        with pytest.raises(RowUnmade):
            async with sqlite_ledger.write() as conn:
                await quote_import.insert_new(
                    conn,
                    [*first, NewQuote("Q-x", _unmade, (), accepted=False)],
                    actor="test",
                    now=NOW,
                    stored=written.append,
                )
        gc.collect()  # a task whose exception nobody retrieved says so when collected
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert written == []  # the first batch was queued, never reported stored
    assert unheard == []
    assert await _count(sqlite_ledger, quotes) == 0
    assert await _count(sqlite_ledger, events) == 0
