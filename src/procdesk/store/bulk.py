"""Bulk loading for demo and benchmark ledgers (millions of rows in seconds): secondary
indexes and text triggers suspended while the rows go in (`seed_sql` makes them in SQL),
built again once at the end instead of row by row, fast-load pragmas, id sequences moved
past the rows written. Only for freshly created ledgers; normal writes go through the
table modules.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

FTS_TABLES = ("charges", "orders", "issues")


async def rebuild_text_indexes(conn: AsyncConnection) -> None:
    if conn.dialect.name == "sqlite":
        for table in FTS_TABLES:
            await conn.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


async def suspend_indexes(conn: AsyncConnection, tables: Sequence[str]) -> list[str]:
    """Drop secondary indexes for a bulk load (building them once after is far cheaper);
    returns the SQL that recreates them. SQLite only: elsewhere a no-op."""
    if conn.dialect.name != "sqlite":
        return []
    marks = ", ".join("?" * len(tables))
    rows = (
        await conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            tuple(tables),
        )
    ).mappings()
    named = [(str(row["name"]), str(row["sql"])) for row in rows]
    for name, _ in named:
        await conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in named]


async def fast_load_pragmas(conn: AsyncConnection, *, on: bool) -> None:
    """A larger page cache while a fresh ledger is filled, back to the default after."""
    if conn.dialect.name == "sqlite":
        await conn.exec_driver_sql(f"PRAGMA cache_size={-262_144 if on else -2_000}")


async def advance_id_sequences(conn: AsyncConnection, tables: Sequence[str]) -> None:
    """After rows were inserted with explicit ids: let new rows continue after them
    (PostgreSQL sequences do not see explicit ids; SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        await conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


async def analyze(conn: AsyncConnection) -> None:
    """Fresh statistics so the planner picks the dashboard's indexes (sampled on SQLite)."""
    if conn.dialect.name == "sqlite":
        await conn.exec_driver_sql("PRAGMA analysis_limit=1000")
    await conn.exec_driver_sql("ANALYZE")


async def suspend_text_triggers(conn: AsyncConnection) -> list[str]:
    """Drop the FTS insert triggers for a bulk load; returns SQL that recreates them."""
    if conn.dialect.name != "sqlite":
        return []
    restore = []
    for table in FTS_TABLES:
        name = f"{table}_fts_ai"
        row = (
            await conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type='trigger' AND name=?", (name,)
            )
        ).first()
        if row is not None:
            restore.append(row[0])
            await conn.exec_driver_sql(f"DROP TRIGGER {name}")
    return restore
