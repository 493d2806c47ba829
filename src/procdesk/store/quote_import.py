"""What an import reads of the quotes it was given, and storing its new quotes: one
multi-row statement per table for a whole batch of quotes, instead of a dozen round trips
per quote (an import of a large file is thousands). The rows are made by `new_quote_rows`;
the caller validated the quotes and checked that none of them is in the ledger yet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import QuoteStatus
from procdesk.store.new_quote_rows import (
    NewQuote,
    Plan,
    batch_rows,
    order_distributors,
    take_ids,
)
from procdesk.store.order_rows import reference_prefix
from procdesk.store.queued_writes import QueuedWrites
from procdesk.store.schema import charges, orders, quote_lines, quotes
from procdesk.store.text_index import text_index_after

# Rows per IN (...) list: far below every backend's limit on bound parameters.
ID_CHUNK = 500
# New quotes written per batch: a few statements per table for each, and no statement
# carries an unbounded parameter list.
BATCH_QUOTES = 1000


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


async def refresh_hashes(
    conn: AsyncConnection, quote_id: str, content_hash: str, source_hash: str
) -> None:
    """A stored quote its record matches field for field, though it hashes differently
    (read by this procdesk's rules: a blank now absent): the hashes move on, so the next
    import takes it as unchanged at once. No event: nothing a person would see changed."""
    await conn.execute(
        quotes.update()
        .where(quotes.c.id == quote_id)
        .values(content_hash=content_hash, source_hash=source_hash)
    )


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


async def _plan(conn: AsyncConnection, new_quotes: Sequence[NewQuote]) -> Plan:
    """The ids of every row the import writes and the order references already taken."""
    accepted = [q for q in new_quotes if q.accepted]
    ordered = [(q.quote_id, order_distributors(q.lines)) for q in accepted]
    prefixes = {reference_prefix(q, d) for q, at in ordered for d in at}
    return Plan(
        await take_ids(conn, quote_lines, sum(len(q.lines) for q in new_quotes)),
        await take_ids(conn, charges, sum(len(q.lines) for q in accepted)),
        await take_ids(conn, orders, sum(len(at) for _, at in ordered)),
        await _references_taken(conn, sorted(prefixes)),
    )


async def insert_new(
    conn: AsyncConnection,
    new_quotes: Sequence[NewQuote],
    *,
    actor: str,
    now: datetime,
    stored: Callable[[int], None] | None = None,
) -> None:
    """Store the quotes, their lines, and for accepted ones a pending charge per line and a
    queued order per (quote, distributor) that supports ordering, with every event.

    BATCH_QUOTES at a time: the rows of a whole file at once would double the memory.
    `stored` hears how many quotes are written after each batch. On SQLite a batch is made
    while the driver's thread writes the one before (`QueuedWrites`)."""
    if not new_quotes:
        return
    plan = await _plan(conn, new_quotes)
    batches = [new_quotes[i : i + BATCH_QUOTES] for i in range(0, len(new_quotes), BATCH_QUOTES)]
    async with text_index_after(conn):
        if conn.dialect.name != "sqlite":
            done = 0
            for batch in batches:
                for inserts in batch_rows(batch, plan, actor=actor, now=now).inserts():
                    await inserts.insert(conn)
                done += len(batch)
                if stored is not None:
                    stored(done)
            return
        writing, done = QueuedWrites(), 0
        try:
            for batch in batches:
                statements = [
                    statement
                    for inserts in batch_rows(batch, plan, actor=actor, now=now).inserts()
                    for statement in inserts.sqlite_statements(conn)
                ]
                await writing.finished()  # the batch before
                if done and stored is not None:
                    stored(done)
                writing = await QueuedWrites.queue(conn, statements)
                done += len(batch)
            await writing.finished()
        except BaseException:
            writing.abandon()
            raise
        if stored is not None:
            stored(done)
