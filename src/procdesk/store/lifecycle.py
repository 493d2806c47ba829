"""What an opening ledger's schema says, and who else is using it.

The rule for upgrades: code older than the ledger's schema refuses to touch it; code newer
than the schema migrates a SQLite ledger by itself only when no other procdesk process is
using it (a backup is taken first), and otherwise only when asked (`procdesk ledger
migrate`). A PostgreSQL ledger is only migrated when asked, after a pg_dump.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.worker import STOPPED, WorkerRecord
from procdesk.store.bulk import FTS_TABLES
from procdesk.store.migrate import HEAD_REVISION, known_revisions, upgrade_to
from procdesk.store.schema import is_ledger_table, metadata

ALIVE_WITHIN = timedelta(minutes=5)  # a worker on another host heartbeats every cycle
EXPECTED_TABLES = frozenset(name for name in metadata.tables if is_ledger_table(name))

# A SQLite file's tables and their columns, one (table, column) row each.
LAYOUT_SQL = (
    "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
    "WHERE m.type = 'table'"
)
Layout = Mapping[str, frozenset[str]]  # table -> its columns; a text index: no columns


class SchemaState(StrEnum):
    FRESH = "fresh"  # no tables yet: a new ledger
    CURRENT = "current"  # at this code's newest revision
    BEHIND = "behind"  # an older revision this code can migrate
    AHEAD = "ahead"  # written by a newer procdesk
    UNKNOWN = "unknown"  # a revision no procdesk wrote, or none on a non-empty database


@dataclass(frozen=True)
class Schema:
    revision: str | None
    state: SchemaState
    missing_tables: tuple[str, ...]  # of this code's tables, when CURRENT

    def problem(self) -> str | None:
        """What is wrong with this schema, in words with the fix; None when usable."""
        if self.state is SchemaState.AHEAD:
            return (
                f"its schema is at revision {self.revision}, newer than this procdesk knows "
                f"(up to {HEAD_REVISION}): it was upgraded by a newer procdesk; upgrade "
                "procdesk on this machine to use it"
            )
        if self.state is SchemaState.UNKNOWN:
            what = f"revision {self.revision!r}" if self.revision else "no schema revision"
            return (
                f"it records {what}, which no procdesk wrote: the ledger is damaged or is "
                "another program's database; run `procdesk doctor`, and restore a backup "
                "with `procdesk ledger restore FILE`"
            )
        if self.missing_tables:
            return (
                f"tables missing: {', '.join(self.missing_tables)}: the ledger is damaged; "
                "restore a backup with `procdesk ledger restore FILE`"
            )
        return None


def schema_state(revision: str | None, tables: set[str]) -> SchemaState:
    """Where a schema stands for this code, from its recorded revision and its tables."""
    if revision is None:
        return SchemaState.FRESH if not (tables & EXPECTED_TABLES) else SchemaState.UNKNOWN
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in known_revisions():
        return SchemaState.BEHIND
    if revision.isdigit() and len(revision) == len(HEAD_REVISION) and revision > HEAD_REVISION:
        return SchemaState.AHEAD
    return SchemaState.UNKNOWN


def _text_index(name: str) -> bool:
    """An FTS5 table a migration made (its shadow tables, `<name>_data` etc., excluded)."""
    return name.endswith("_fts")


def layout_of(rows: Iterable[tuple[str, str]]) -> Layout:
    """The ledger's tables and their columns, from LAYOUT_SQL's rows; text indexes by name
    only, SQLite's and alembic's own tables left out."""
    found: dict[str, set[str]] = {}
    for table, column in rows:
        if _text_index(table):
            found.setdefault(table, set())
        elif is_ledger_table(table) and not table.startswith(("sqlite_", "alembic_")):
            found.setdefault(table, set()).add(column)
    return {table: frozenset(columns) for table, columns in found.items()}


def _head_layout() -> Layout:
    """The newest schema's, from the SQLAlchemy metadata (a test holds it equal to what the
    migrations make)."""
    layout = {
        name: frozenset(column.name for column in metadata.tables[name].columns)
        for name in EXPECTED_TABLES
    }
    return {**layout, **dict.fromkeys((f"{table}_fts" for table in FTS_TABLES), frozenset())}


def _migrated_layout(revision: str) -> Layout:
    """An older revision's, made by its migrations in an empty in-memory SQLite database."""
    engine = sa.create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            upgrade_to(conn, revision)
            rows = conn.exec_driver_sql(LAYOUT_SQL).all()
    finally:
        engine.dispose()
    return layout_of((str(table), str(column)) for table, column in rows)


@cache
def expected_layout(revision: str) -> Layout | None:
    """Every table, with its columns, of a SQLite ledger at `revision`; None for a revision
    this code does not know."""
    if revision == HEAD_REVISION:
        return _head_layout()
    if revision not in known_revisions():
        return None
    return _migrated_layout(revision)


def _named(kind: str, names: list[str]) -> str:
    return f"{kind}{'s' if len(names) > 1 else ''} {', '.join(names)}"


def missing_from(revision: str | None, found: Layout) -> str | None:
    """What a SQLite ledger at `revision` lacks of that revision's tables and columns, in
    words; None when it lacks nothing or its revision is not one this code knows."""
    expected = expected_layout(revision) if revision else None
    if expected is None:
        return None
    tables = sorted(set(expected) - set(found))
    columns = sorted(
        f"{table}.{column}"
        for table, wanted in expected.items()
        if table in found
        for column in wanted - found[table]
    )
    if not tables and not columns:
        return None
    lacks = " and ".join(
        _named(kind, names) for kind, names in (("table", tables), ("column", columns)) if names
    )
    return f"it lacks {lacks}, which every ledger at schema revision {revision} has"


def _read_schema(conn: sa.Connection) -> Schema:
    tables = set(sa.inspect(conn).get_table_names())
    revision = None
    if "alembic_version" in tables:
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
        revision = str(found[0]) if found else None
    state = schema_state(revision, tables)
    missing = tuple(sorted(EXPECTED_TABLES - tables)) if state is SchemaState.CURRENT else ()
    return Schema(revision, state, missing)


async def read_schema(conn: AsyncConnection) -> Schema:
    return await conn.run_sync(_read_schema)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _seems_alive(worker: WorkerRecord, now: datetime, host: str) -> bool:
    if worker.state == STOPPED:
        return False
    if worker.host == host:
        return worker.pid != os.getpid() and _pid_alive(worker.pid)
    return worker.alive(now, ALIVE_WITHIN)


def _live_workers(conn: sa.Connection) -> list[str]:
    if not sa.inspect(conn).has_table("workers"):
        return []
    rows = conn.execute(sa.select(metadata.tables["workers"])).mappings()
    now, host = datetime.now(UTC), socket.gethostname()
    found = []
    for row in rows:
        record = WorkerRecord.model_validate(dict(row))
        if _seems_alive(record, now, host):
            found.append(f"worker {record.id} ({record.actor})")
    return found


async def others_using(conn: AsyncConnection) -> list[str]:
    """Other procdesk processes using this ledger: live workers, and on PostgreSQL every
    other procdesk session."""
    found = await conn.run_sync(_live_workers)
    if conn.dialect.name == "postgresql":
        others = (
            await conn.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name LIKE 'procdesk%' AND pid <> pg_backend_pid()"
                )
            )
        ).scalar_one()
        if others:
            found.append(f"{others} other procdesk session(s) on the server")
    return found
