"""Inserting many rows of one table at driver speed: the rows converted by the columns' own
bind processors (the same values SQLAlchemy would send) and handed to the driver's
`executemany` in one call. SQLAlchemy's per-row parameter handling cost more than SQLite's
work for an import's tens of thousands of rows. Other backends take the usual path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection


def _default(column: sa.Column[Any]) -> Callable[[], Any]:
    """A column's Python-side default, made anew for each row that leaves it out (as an
    INSERT would)."""
    default = column.default
    if not isinstance(default, sa.ColumnDefault):
        raise ValueError(f"no value for {column.table.name}.{column.name}")
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


def _converted(to_db: Callable[[Any], Any], column: list[Any]) -> list[Any]:
    """The column's values as the database takes them. A column holding one object in every
    row (an import's timestamp) is converted once: the same object, the same value."""
    first = column[0]
    if all(value is first for value in column):
        return [to_db(first)] * len(column)
    return list(map(to_db, column))


async def insert_all(
    conn: AsyncConnection, table: sa.Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """`conn.execute(table.insert(), rows)`, without the per-row overhead on SQLite. Every
    row has the same keys; columns with a Python-side default may be left out."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        await conn.execute(table.insert(), list(rows))
        return
    names = list(rows[0])
    # column by column: each conversion mapped over a whole column costs far less per value
    # than a generator per row
    await _insert_columns(conn, table, names, [[row[name] for row in rows] for name in names])


async def insert_rows(
    conn: AsyncConnection,
    table: sa.Table,
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """`insert_all` for rows given as values in the order of `names` (no dict per row)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        await conn.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in rows])
        return
    await _insert_columns(conn, table, names, [list(column) for column in zip(*rows, strict=True)])


async def _insert_columns(
    conn: AsyncConnection, table: sa.Table, given: Sequence[str], columns: list[list[Any]]
) -> None:
    """SQLite: the columns `given` (each a list of values, one per row), with the defaults
    of the columns left out, converted as SQLAlchemy would and sent in one executemany."""
    rows = len(columns[0])
    defaults = [c for c in table.columns if c.name not in given and c.default is not None]
    makers = [_default(column) for column in defaults]
    names = [*given, *(column.name for column in defaults)]
    convert = [table.c[name].type.bind_processor(conn.dialect) for name in names]
    columns += [[make() for _ in range(rows)] for make in makers]
    for index, to_db in enumerate(convert):
        if to_db is not None:
            columns[index] = _converted(to_db, columns[index])
    values = list(zip(*columns, strict=True))
    quote = conn.dialect.identifier_preparer.quote
    listed = ", ".join(quote(name) for name in names)
    marks = ", ".join("?" * len(names))
    await conn.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({listed}) VALUES ({marks})", values
    )
