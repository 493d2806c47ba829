"""Inserting many rows of one table at driver speed: the rows converted by the columns' own
bind processors (the same values SQLAlchemy would send) and written on SQLite by multi-row
`INSERT ... VALUES (...), (...)` statements, each holding as many rows as SQLite binds
values in one statement. SQLAlchemy's per-row parameter handling cost more than SQLite's
work for an import's tens of thousands of rows; and one statement for a thousand rows has
its values bound in one pass in C and runs in `sqlite3_step` without the GIL, where
`executemany` takes the GIL back for every row (so the driver's thread could not write
while the importer worked). Other backends take the usual path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import chain
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.types import Money4

Processor = Callable[[Any], Any]
# A column's values (one per row) -> the values the database takes.
Binding = Callable[[list[Any]], list[Any]]

# Values SQLite binds in one statement (SQLITE_MAX_VARIABLE_NUMBER): 32766 since 3.32.0,
# 999 before.
MAX_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999
# Rows per statement: enough that a statement's overhead is small beside its rows. The
# driver keeps the statements it prepared (a hundred or so), each holding its program and
# a slot per value: the rows past the last full statement go in statements of 128, 64, ...
# 1 rows, so a table has a few statement shapes in all, none of them megabytes.
ROWS_PER_STATEMENT = 256


class Statement(NamedTuple):
    """SQL for the driver with its positional parameters."""

    sql: str
    params: tuple[Any, ...]


def _default(column: sa.Column[Any]) -> Callable[[], Any]:
    """A column's Python-side default, made anew for each row that leaves it out (as an
    INSERT would)."""
    default = column.default
    if not isinstance(default, sa.ColumnDefault):
        raise ValueError(f"no value for {column.table.name}.{column.name}")
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


def _bind_processor(column_type: sa.types.TypeEngine[Any], dialect: Dialect) -> Processor | None:
    """The column type's bind processor. For a type decorator whose underlying type has
    none, its `process_bind_param` itself (SQLAlchemy wraps it in a function of its own:
    one Python call more per value, a quarter of a million in a large import)."""
    if (
        isinstance(column_type, sa.TypeDecorator)
        and type(column_type).process_bind_param is not sa.TypeDecorator.process_bind_param
        and column_type.impl_instance.bind_processor(dialect) is None
    ):
        return partial(column_type.process_bind_param, dialect=dialect)
    return column_type.bind_processor(dialect)


def _each(to_db: Processor, values: list[Any]) -> list[Any]:
    return list(map(to_db, values))


def _column_binding(column_type: sa.types.TypeEngine[Any], dialect: Dialect) -> Binding | None:
    """How a column's values become what the database takes, a whole column at a time (an
    amount column in C: `Money4.bind_column`), or None when they go as they are."""
    if isinstance(column_type, Money4):
        return partial(column_type.bind_column, dialect=dialect)
    to_db = _bind_processor(column_type, dialect)
    return None if to_db is None else partial(_each, to_db)


def _converted(bind: Binding, column: list[Any]) -> list[Any]:
    """The column's values as the database takes them. A column holding one object in every
    row (an import's timestamp) is converted once: the same object, the same value."""
    first = column[0]
    if all(value is first for value in column):
        return bind([first]) * len(column)
    return bind(column)


def sqlite_inserts(
    conn: AsyncConnection, table: sa.Table, given: Sequence[str], columns: list[list[Any]]
) -> list[Statement]:
    """SQLite: the statements that insert the columns `given` (each a list of values, one
    per row), with the defaults of the columns left out, converted as SQLAlchemy would."""
    rows = len(columns[0])
    defaults = [c for c in table.columns if c.name not in given and c.default is not None]
    makers = [_default(column) for column in defaults]
    names = [*given, *(column.name for column in defaults)]
    convert = [_column_binding(table.c[name].type, conn.dialect) for name in names]
    columns += [[make() for _ in range(rows)] for make in makers]
    for index, bind in enumerate(convert):
        if bind is not None:
            columns[index] = _converted(bind, columns[index])
    quote = conn.dialect.identifier_preparer.quote
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) VALUES "
    one = f"({', '.join('?' * len(names))})"
    statements, start = [], 0
    for count in _counts(rows, min(ROWS_PER_STATEMENT, MAX_VARIABLES // len(names))):
        chunk = [column[start : start + count] for column in columns]
        values = tuple(chain.from_iterable(zip(*chunk, strict=True)))  # row by row
        statements.append(Statement(head + ", ".join([one] * count), values))
        start += count
    return statements


def _counts(rows: int, per: int) -> list[int]:
    """Rows per statement: `per` while there are as many, then powers of two."""
    counts = [per] * (rows // per)
    rest = rows % per
    counts += [1 << bit for bit in reversed(range(rest.bit_length())) if rest & (1 << bit)]
    return counts


def sqlite_dict_inserts(
    conn: AsyncConnection, table: sa.Table, rows: Sequence[Mapping[str, Any]]
) -> list[Statement]:
    """`sqlite_inserts` for rows that all have the same keys."""
    if not rows:
        return []
    names = list(rows[0])
    # column by column: each conversion mapped over a whole column costs far less per value
    # than a generator per row
    return sqlite_inserts(conn, table, names, [[row[name] for row in rows] for name in names])


def sqlite_tuple_inserts(
    conn: AsyncConnection, table: sa.Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[Statement]:
    """`sqlite_inserts` for rows given as values in the order of `names`."""
    if not rows:
        return []
    return sqlite_inserts(conn, table, names, [list(c) for c in zip(*rows, strict=True)])


class TableRows(NamedTuple):
    """Rows for one table: mappings that all have the same keys, or (with `names`) value
    tuples in the order of `names` (no dict per row). Columns with a Python-side default
    may be left out."""

    table: sa.Table
    rows: Sequence[Any]
    names: Sequence[str] | None = None

    def sqlite_statements(self, conn: AsyncConnection) -> list[Statement]:
        """SQLite: the statements that insert the rows, for a caller that runs or queues
        them itself."""
        if self.names is None:
            return sqlite_dict_inserts(conn, self.table, self.rows)
        return sqlite_tuple_inserts(conn, self.table, self.names, self.rows)

    async def insert(self, conn: AsyncConnection) -> None:
        """`conn.execute(table.insert(), rows)`, without the per-row overhead on SQLite."""
        if not self.rows:
            return
        if conn.dialect.name == "sqlite":
            for statement in self.sqlite_statements(conn):
                await conn.exec_driver_sql(statement.sql, statement.params)
            return
        names = self.names
        rows = (
            list(self.rows)
            if names is None
            else [dict(zip(names, r, strict=True)) for r in self.rows]
        )
        await conn.execute(self.table.insert(), rows)
