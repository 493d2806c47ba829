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
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, QuoteStatus
from procdesk.domain.money import round4
from procdesk.domain.quote import Quote, QuoteLine, ShipTo
from procdesk.store import events
from procdesk.store.batch_insert import insert_all
from procdesk.store.charges.writes import pending_values
from procdesk.store.order_rows import (
    lines_cost,
    new_order_values,
    order_line_values,
    reference_prefix,
)
from procdesk.store.schema import charges, order_lines, orders, quote_lines, quotes
from procdesk.store.text_index import text_index_after

# Rows per IN (...) list: far below every backend's limit on bound parameters.
ID_CHUNK = 500


@dataclass(frozen=True)
class NewQuote:
    """A validated quote that is not in the ledger: its row, its lines' rows, and whether it
    is accepted (then its charges are made and its orderable lines queued)."""

    values: Mapping[str, Any]
    lines: Sequence[Mapping[str, Any]]
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


async def _insert_then_ids(
    conn: AsyncConnection,
    table: sa.Table,
    rows: Sequence[Mapping[str, Any]],
    key: str,
) -> list[int]:
    """Insert the rows (one executemany); their ids in the order of `rows`, read back by a
    column unique among them (`key`). RETURNING in an executemany would do it in one step,
    but keeping the rows' order makes SQLAlchemy run it a row at a time on SQLite."""
    if not rows:
        return []
    await insert_all(conn, table, rows)
    keys = [row[key] for row in rows]
    found: dict[Any, int] = {}
    for start in range(0, len(keys), ID_CHUNK):
        chunk = keys[start : start + ID_CHUNK]
        result = await conn.execute(
            sa.select(table.c[key], table.c.id).where(table.c[key].in_(chunk))
        )
        found.update({value: int(row_id) for value, row_id in result})
    return [found[value] for value in keys]


async def _line_ids(conn: AsyncConnection, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert quote lines of new quotes; their ids in the order of `rows`."""
    if not rows:
        return []
    await insert_all(conn, quote_lines, rows)
    quote_ids = list(dict.fromkeys(str(row["quote_id"]) for row in rows))
    found: dict[tuple[str, int], int] = {}
    for chunk in _chunks(quote_ids):
        result = await conn.execute(
            sa.select(quote_lines.c.quote_id, quote_lines.c.line_number, quote_lines.c.id).where(
                quote_lines.c.quote_id.in_(chunk)
            )
        )
        found.update({(str(q), int(n)): int(i) for q, n, i in result})
    return [found[(str(row["quote_id"]), int(row["line_number"]))] for row in rows]


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


def _line(quote_id: str, line_id: int, values: Mapping[str, Any]) -> QuoteLine:
    return QuoteLine.model_construct(
        **{**values, "distributor": Distributor(values["distributor"])},
        id=line_id,
        quote_id=quote_id,
    )


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
    line_ids = await _line_ids(
        conn, [{**line, "quote_id": q.values["id"]} for q in new_quotes for line in q.lines]
    )
    stored: list[tuple[Quote, list[QuoteLine]]] = []
    ids = iter(line_ids)
    for q in new_quotes:
        quote = _quote(q, now)
        stored.append((quote, [_line(quote.id, next(ids), line) for line in q.lines]))

    pairs = zip(stored, new_quotes, strict=True)
    accepted = [(quote, lines) for (quote, lines), q in pairs if q.accepted]
    charge_ids = iter(
        await _insert_then_ids(
            conn,
            charges,
            [pending_values(quote, line, now) for quote, lines in accepted for line in lines],
            "quote_line_id",  # a new line has exactly one charge
        )
    )
    charges_of = {
        quote.id: [(next(charge_ids), line) for line in lines] for quote, lines in accepted
    }

    planned: list[tuple[Quote, Distributor, list[QuoteLine]]] = []
    for quote, lines in accepted:
        by_distributor: dict[Distributor, list[QuoteLine]] = {}
        for line in lines:
            if line.distributor.supports_ordering:
                by_distributor.setdefault(line.distributor, []).append(line)
        planned += [(quote, d, queued) for d, queued in by_distributor.items()]
    prefixes = [reference_prefix(quote.id, d) for quote, d, _ in planned]
    taken = await _references_taken(conn, sorted(set(prefixes)))
    order_rows = []
    for (quote, distributor, queued), prefix in zip(planned, prefixes, strict=True):
        taken[prefix] += 1
        order_rows.append(
            new_order_values(quote, distributor, f"{prefix}{taken[prefix]}", queued, now)
        )
    order_ids = await _insert_then_ids(conn, orders, order_rows, "reference")
    line_rows = [
        order_line_values(order_id, line, now)
        for order_id, (_, _, queued) in zip(order_ids, planned, strict=True)
        for line in queued
    ]
    if line_rows:
        await insert_all(conn, order_lines, line_rows)

    orders_of: dict[str, list[tuple[int, Distributor, list[QuoteLine]]]] = {}
    for order_id, (quote, distributor, queued) in zip(order_ids, planned, strict=True):
        orders_of.setdefault(quote.id, []).append((order_id, distributor, queued))
    await events.append_many(conn, _events(stored, charges_of, orders_of, actor, now))


def _events(
    stored: Sequence[tuple[Quote, list[QuoteLine]]],
    charges_of: Mapping[str, list[tuple[int, QuoteLine]]],
    orders_of: Mapping[str, list[tuple[int, Distributor, list[QuoteLine]]]],
    actor: str,
    now: datetime,
) -> list[dict[str, Any]]:
    """Per quote, as one quote at a time would record it: imported, each charge created,
    each order queued."""
    rows: list[dict[str, Any]] = []

    def event(entity_type: EntityType, entity_id: str | int, action: str, detail: Any) -> None:
        rows.append(
            {
                "at": now,
                "actor": actor,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "action": action,
                "detail": detail,
            }
        )

    for quote, lines in stored:
        detail: dict[str, Any] = {
            "status": quote.status.value,
            "lines": [line.line_number for line in lines],
        }
        event(EntityType.QUOTE, quote.id, "imported", detail)
        for charge_id, line in charges_of.get(quote.id, []):
            detail = {"quote_id": quote.id, "quote_line_id": line.id}
            event(EntityType.CHARGE, charge_id, "created", detail)
        for order_id, distributor, queued in orders_of.get(quote.id, []):
            detail = {
                "quote_id": quote.id,
                "distributor": distributor.value,
                "quote_line_ids": [line.id for line in queued],
                "value": str(round4(lines_cost(queued))),
            }
            event(EntityType.ORDER, order_id, "queued", detail)
    return rows
