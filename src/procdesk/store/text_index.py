"""Filling SQLite's text indexes once for a batch of new rows instead of row by row.

Each `INSERT` into `charges` or `orders` fires the FTS5 trigger; FTS5 writes the terms it
holds for a table at every statement boundary, so an `executemany` of thousands of rows
leaves thousands of tiny index segments to merge (about 0.3 ms a row with the trigram
tokenizer: most of an import's time went there). Inside one write transaction, the insert
trigger is dropped, the batch written, the new rows indexed by one `INSERT ... SELECT`, and
the trigger put back. A rollback restores the trigger with everything else, so no other
writer ever sees the ledger without it. PostgreSQL (trigram indexes, no triggers): no-op.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.bulk import FTS_TABLES, suspend_text_triggers


async def _last_ids(conn: AsyncConnection) -> dict[str, int]:
    found = {}
    for table in FTS_TABLES:
        row = await conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}")
        found[table] = int(row.scalar_one())
    return found


@asynccontextmanager
async def text_index_after(conn: AsyncConnection) -> AsyncIterator[None]:
    """Rows inserted into the text-indexed tables within the block are indexed when it
    ends, in one statement per table. Only inserts: the update and delete triggers stay."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = await _last_ids(conn)  # new rows get larger ids (rowid = max + 1)
    restore = await suspend_text_triggers(conn)
    try:
        yield
        for table, last in before.items():
            await conn.exec_driver_sql(
                f"INSERT INTO {table}_fts(rowid, search_text) "
                f"SELECT id, search_text FROM {table} WHERE id > ?",
                (last,),
            )
    finally:
        for statement in restore:
            await conn.exec_driver_sql(statement)
