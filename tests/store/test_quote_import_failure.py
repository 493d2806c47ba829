"""A quote import on SQLite makes its next batch while the driver's thread writes the one
before. When making a batch fails meanwhile, the failure is the one raised, the batch
already queued still runs and then rolls back with everything else, and a statement of it
that failed too is seen rather than reported later as an exception nobody retrieved."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.store import quote_import
from procdesk.store.ledger import Ledger
from procdesk.store.new_quote_rows import NewQuote
from procdesk.store.schema import events, quotes

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class RowUnmade(Exception):
    """What making the second batch's first row raises."""


@pytest.fixture
async def sqlite_ledger(tmp_path: Path) -> AsyncIterator[Ledger]:
    ledger = await Ledger.open(tmp_path / "ledger.db")
    try:
        yield ledger
    finally:
        await ledger.close()


def _new(quote_id: str) -> NewQuote:
    def row() -> Mapping[str, Any]:
        return {
            "id": quote_id,
            "title": "Refresh",
            "company_name": "Contoso",
            "ship_to": {"company": "Contoso", "address_lines": ["1 Main St"], "city": "Bern"},
            "ticket_id": 7001,
            "ticket_number": None,
            "status": "declined",
            "currency": "USD",
            "content_hash": "ab" * 32,
            "source_hash": None,
        }

    return NewQuote(quote_id, row, (), accepted=False)


def _unmade() -> Mapping[str, Any]:
    raise RowUnmade("the second batch cannot be made")


async def _count(ledger: Ledger, table: sa.Table) -> int:
    async with ledger.read() as conn:
        return int((await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar())


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
