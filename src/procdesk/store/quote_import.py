"""Storing new quotes: a handful of multi-row statements per table for a whole batch of
quotes, instead of a dozen round trips per quote (an import of a large file is thousands).

The charges and orders written are what `charges.create_pending` and
`orders.queue_quote_lines` write for a quote accepted later (they share their row
builders), with every event, in the order one quote at a time would record them. The
caller validated the quotes and checked that none of them is in the ledger yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, QuoteStatus
from procdesk.domain.quote import LineFacts, Quote, ShipTo
from procdesk.store import events
from procdesk.store.batch_insert import insert_all, insert_rows
from procdesk.store.charges.writes import pending_values
from procdesk.store.order_rows import (
    new_order_values,
    order_line_values,
    reference_prefix,
)
from procdesk.store.quotes import LINE_COLUMNS, line_cells
from procdesk.store.schema import charges, order_lines, orders, quote_lines, quotes
from procdesk.store.text_index import text_index_after

# Rows per IN (...) list: far below every backend's limit on bound parameters.
ID_CHUNK = 500
LAST_ROWID = 2**63 - 1  # SQLite's largest


@dataclass(frozen=True)
class NewQuote:
    """A validated quote that is not in the ledger: its row, its lines as validated (their
    rows, charges and order lines are made straight from them), and whether it is accepted
    (then its charges are made and its orderable lines queued)."""

    values: Mapping[str, Any]
    lines: Sequence[LineFacts]
    accepted: bool


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + ID_CHUNK] for i in range(0, len(items), ID_CHUNK)]


class StoredQuote(NamedTuple):
    """What an import compares a quote of its file with: the stored quote's content hash,
    the fingerprint of the record it was imported from (None: unknown) and its status."""

    content_hash: str
    source_hash: str | None
    status: QuoteStatus


async def stored_quotes(conn: AsyncConnection, quote_ids: Sequence[str]) -> dict[str, StoredQuote]:
    """quote id -> its stored hashes and status, for those of `quote_ids` in the ledger."""
    found: dict[str, StoredQuote] = {}
    columns = (quotes.c.id, quotes.c.content_hash, quotes.c.source_hash, quotes.c.status)
    for chunk in _chunks(quote_ids):
        rows = await conn.execute(sa.select(*columns).where(quotes.c.id.in_(chunk)))
        found.update(
            {
                str(quote_id): StoredQuote(str(digest), source, QuoteStatus(status))
                for quote_id, digest, source, status in rows
            }
        )
    return found


async def remember_sources(conn: AsyncConnection, source_hashes: Mapping[str, str]) -> None:
    """Store the fingerprints of records found unchanged by content (imported before the
    ledger kept fingerprints, or written differently): the next import skips them. No
    event: nothing a person would see changed."""
    if source_hashes:
        await conn.execute(
            quotes.update()
            .where(quotes.c.id == sa.bindparam("quote_id"))
            .values(source_hash=sa.bindparam("source_hash")),
            [{"quote_id": q, "source_hash": h} for q, h in source_hashes.items()],
        )


async def _next_id(conn: AsyncConnection, table: sa.Table, count: int) -> int | None:
    """SQLite: the id the first of `count` rows inserted next will get. A row inserted
    without an id gets the largest id so far plus one (the tables have no AUTOINCREMENT),
    and in a write transaction nobody else inserts, so one executemany of `count` rows
    takes the ids from here on, in order. None elsewhere, or when the ids would run out
    (SQLite would then pick unused ids at random)."""
    if conn.dialect.name != "sqlite":
        return None
    found = await conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))
    first = int(found.scalar_one()) + 1
    return first if first + count <= LAST_ROWID else None


async def _insert_then_ids(
    conn: AsyncConnection,
    table: sa.Table,
    rows: Sequence[Mapping[str, Any]],
    key: str,
) -> list[int]:
    """Insert the rows (one executemany); their ids in the order of `rows`: on SQLite as
    `_next_id` says, elsewhere read back by a column unique among them (`key`). RETURNING in
    an executemany would do it in one step, but keeping the rows' order makes SQLAlchemy
    run it a row at a time on SQLite."""
    if not rows:
        return []
    first = await _next_id(conn, table, len(rows))
    await insert_all(conn, table, rows)
    if first is not None:
        return list(range(first, first + len(rows)))
    keys = [row[key] for row in rows]
    found: dict[Any, int] = {}
    for start in range(0, len(keys), ID_CHUNK):
        chunk = keys[start : start + ID_CHUNK]
        result = await conn.execute(
            sa.select(table.c[key], table.c.id).where(table.c[key].in_(chunk))
        )
        found.update({value: int(row_id) for value, row_id in result})
    return [found[value] for value in keys]


async def _line_ids(conn: AsyncConnection, new_quotes: Sequence[NewQuote]) -> list[int]:
    """Insert the lines of new quotes; their ids, quote by quote in the order of the lines
    (on SQLite as `_next_id` says, elsewhere read back by quote and line number)."""
    rows = [(q.values["id"], *line_cells(line)) for q in new_quotes for line in q.lines]
    if not rows:
        return []
    first = await _next_id(conn, quote_lines, len(rows))
    await insert_rows(conn, quote_lines, ("quote_id", *LINE_COLUMNS), rows)
    if first is not None:
        return list(range(first, first + len(rows)))
    quote_ids = [str(q.values["id"]) for q in new_quotes]
    found: dict[tuple[str, int], int] = {}
    for chunk in _chunks(quote_ids):
        result = await conn.execute(
            sa.select(quote_lines.c.quote_id, quote_lines.c.line_number, quote_lines.c.id).where(
                quote_lines.c.quote_id.in_(chunk)
            )
        )
        found.update({(str(q), int(n)): int(i) for q, n, i in result})
    return [found[(str(row[0]), int(row[1]))] for row in rows]


async def _references_taken(conn: AsyncConnection, prefixes: Sequence[str]) -> dict[str, int]:
    """How many orders already carry each reference prefix (ids that differ only in
    punctuation, or long ids hashed, can share one)."""
    taken = dict.fromkeys(prefixes, 0)
    for chunk in _chunks(prefixes):
        for reference in await _references_starting(conn, chunk):
            prefix = reference.rsplit("-", 1)[0] + "-"
            if prefix in taken:
                taken[prefix] += 1
    return taken


async def _references_starting(conn: AsyncConnection, prefixes: Sequence[str]) -> list[str]:
    """The order references that start with any of `prefixes` (each ends with '-').

    On SQLite, a range per prefix on the unique index, in SQL text: LIKE cannot use the
    index (with hundreds of LIKEs a query scanned every order, seconds for a large import),
    and building hundreds of SQLAlchemy expressions cost as much again. Elsewhere LIKE, as a
    range would follow the database's collation rather than the characters."""
    if conn.dialect.name != "sqlite":
        rows = await conn.execute(
            sa.select(orders.c.reference).where(
                sa.or_(*(orders.c.reference.like(f"{prefix}%") for prefix in prefixes))
            )
        )
        return [str(reference) for reference in rows.scalars()]
    ranges = " OR ".join(["(reference >= ? AND reference < ?)"] * len(prefixes))
    bounds = tuple(b for p in prefixes for b in (p, p[:-1] + chr(ord(p[-1]) + 1)))
    rows = await conn.exec_driver_sql(f"SELECT reference FROM orders WHERE {ranges}", bounds)
    return [str(reference) for (reference,) in rows]


def _quote(new: NewQuote, now: datetime) -> Quote:
    values = new.values
    return Quote.model_construct(
        **{
            **values,
            "status": QuoteStatus(values["status"]),
            "ship_to": ShipTo.model_construct(**values["ship_to"]),
        },
        imported_at=now,
        updated_at=now,
    )


# A stored line of a new quote: its id and what it says.
_Line = tuple[int, LineFacts]


async def insert_new(
    conn: AsyncConnection,
    new_quotes: Sequence[NewQuote],
    *,
    actor: str,
    now: datetime,
) -> None:
    """Store the quotes, their lines, and for accepted ones a pending charge per line and a
    queued order per (quote, distributor) that supports ordering, with every event."""
    if not new_quotes:
        return
    async with text_index_after(conn):
        await _insert_new(conn, new_quotes, actor=actor, now=now)


async def _insert_new(
    conn: AsyncConnection,
    new_quotes: Sequence[NewQuote],
    *,
    actor: str,
    now: datetime,
) -> None:
    await insert_all(
        conn, quotes, [{**q.values, "imported_at": now, "updated_at": now} for q in new_quotes]
    )
    ids = iter(await _line_ids(conn, new_quotes))
    lines_of = [[(next(ids), line) for line in q.lines] for q in new_quotes]
    # domain records only of accepted quotes (one per quote): their charges and orders
    accepted = [
        (_quote(q, now), lines) for q, lines in zip(new_quotes, lines_of, strict=True) if q.accepted
    ]
    charge_ids = iter(
        await _insert_then_ids(
            conn,
            charges,
            [
                pending_values(quote, line_id, line, now)
                for quote, lines in accepted
                for line_id, line in lines
            ],
            "quote_line_id",  # a new line has exactly one charge
        )
    )
    charges_of = {
        quote.id: [(next(charge_ids), line_id) for line_id, _ in lines] for quote, lines in accepted
    }

    planned: list[tuple[Quote, Distributor, list[_Line]]] = []
    for quote, lines in accepted:
        by_distributor: dict[Distributor, list[_Line]] = {}
        for line_id, line in lines:
            if line.distributor.supports_ordering:
                by_distributor.setdefault(line.distributor, []).append((line_id, line))
        planned += [(quote, d, queued) for d, queued in by_distributor.items()]
    prefixes = [reference_prefix(quote.id, d) for quote, d, _ in planned]
    taken = await _references_taken(conn, sorted(set(prefixes)))
    order_rows = []
    for (quote, distributor, queued), prefix in zip(planned, prefixes, strict=True):
        taken[prefix] += 1
        reference = f"{prefix}{taken[prefix]}"
        on_order = [line for _, line in queued]
        order_rows.append(new_order_values(quote, distributor, reference, on_order, now))
    order_ids = await _insert_then_ids(conn, orders, order_rows, "reference")
    line_rows = [
        order_line_values(order_id, line_id, line, now)
        for order_id, (_, _, queued) in zip(order_ids, planned, strict=True)
        for line_id, line in queued
    ]
    if line_rows:
        await insert_all(conn, order_lines, line_rows)

    orders_of: dict[str, list[tuple[int, Distributor, list[int], Decimal]]] = {}
    for order_id, (quote, distributor, queued), row in zip(
        order_ids, planned, order_rows, strict=True
    ):
        queued_ids = [line_id for line_id, _ in queued]
        orders_of.setdefault(quote.id, []).append(
            (order_id, distributor, queued_ids, row["total_value"])
        )
    rows = _events(new_quotes, charges_of, orders_of, actor, now)
    await events.append_rows(conn, rows)


def _events(
    new_quotes: Sequence[NewQuote],
    charges_of: Mapping[str, list[tuple[int, int]]],
    orders_of: Mapping[str, list[tuple[int, Distributor, list[int], Decimal]]],
    actor: str,
    now: datetime,
) -> list[events.EventRow]:
    """Per quote, as one quote at a time would record it: imported, each charge created,
    each order queued."""
    rows: list[events.EventRow] = []
    quote_kind, charge_kind, order_kind = EntityType.QUOTE, EntityType.CHARGE, EntityType.ORDER
    for q in new_quotes:
        quote_id = str(q.values["id"])
        detail: dict[str, Any] = {
            "status": q.values["status"],
            "lines": [line.line_number for line in q.lines],
        }
        rows.append((now, actor, quote_kind, quote_id, "imported", detail))
        rows += [
            (
                now,
                actor,
                charge_kind,
                str(charge_id),
                "created",
                {"quote_id": quote_id, "quote_line_id": line_id},
            )
            for charge_id, line_id in charges_of.get(quote_id, [])
        ]
        for order_id, distributor, line_ids, value in orders_of.get(quote_id, []):
            detail = {
                "quote_id": quote_id,
                "distributor": distributor.value,
                "quote_line_ids": line_ids,
                "value": str(value),
            }
            rows.append((now, actor, order_kind, str(order_id), "queued", detail))
    return rows
