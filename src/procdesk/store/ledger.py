"""Opening the ledger: engine, pragmas, migrations, read and write transactions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from procdesk.domain.ledger_url import SECRET_PARAMETERS, ledger_url_problem, without_secrets
from procdesk.store.files import LedgerPathError, prepare_sqlite_file
from procdesk.store.outage import is_ledger_outage, is_login_refused, outage_summary

# SQLAlchemy, its drivers, the schema and migrations load when a ledger is opened, not when
# this module is imported: a dashboard on an up-to-date SQLite ledger shows its first frame
# (read with the standard library, store.first_read) before any of them is needed.
if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

    from procdesk.store.backup import LedgerCopy
    from procdesk.store.lifecycle import Schema

SQLITE_BUSY_TIMEOUT_MS = 15_000
MigrateMode = Literal["auto", "now", "create", "never"]


class LedgerError(Exception):
    """The ledger cannot be opened or used (bad URL, unreachable server, ...).

    `unreachable` is True when the server or file could not be reached at all (it may come
    back: a worker waits for it), False when it answered and refused (a wrong password).
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


def open_failure(url: sa.URL, exc: BaseException) -> LedgerError:
    """The one-line error for a ledger that could not be opened (URL masked, no password)."""
    where = masked(url)
    if is_login_refused(exc):
        return LedgerError(
            f"cannot open ledger {where}: the server refused the login of "
            f"{url.username or 'the current user'!r} (wrong password, unknown role or a "
            "pg_hba.conf rule); store the right password with `procdesk auth ledger`"
        )
    if is_ledger_outage(exc):
        return LedgerError(
            f"cannot open ledger {where}: not reachable ({outage_summary(exc)})", unreachable=True
        )
    return LedgerError(f"cannot open ledger {where}: {exc.__class__.__name__}: {exc}")


def to_async_url(url_or_path: str | Path) -> sa.URL:
    """Turn a SQLite path or a database URL into an async SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    text = str(url_or_path)
    if "://" not in text:
        return make_url(f"sqlite+aiosqlite:///{Path(text).expanduser()}")
    problem = ledger_url_problem(text)  # (settings and --ledger were checked: this is a net)
    if problem is not None:
        raise LedgerError(problem)
    url = make_url(text)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    unknown = sorted(set(url.query) - driver_parameters())
    if unknown:
        raise LedgerError(
            f"the ledger URL has parameters the PostgreSQL driver does not take: "
            f"{', '.join(unknown)}; expected only {', '.join(sorted(driver_parameters()))}"
        )
    return url.set(drivername="postgresql+asyncpg")


@cache
def driver_parameters() -> frozenset[str]:
    """The query parameters a PostgreSQL ledger URL may carry: asyncpg's connection options
    (SQLAlchemy passes the query to `asyncpg.connect` as keywords, and an unknown one was a
    TypeError at the first connection) and SQLAlchemy's own statement-cache options, less
    those the URL's other parts set and the secrets (`ledger_url` refuses those)."""
    import inspect

    import asyncpg

    taken = set(inspect.signature(asyncpg.connect).parameters)
    taken -= {"dsn", "host", "port", "user", "database", "loop", "connection_class"}
    taken -= {"record_class", "server_settings", *SECRET_PARAMETERS}
    return frozenset(taken | {"prepared_statement_cache_size"})


def sqlite_path(url: sa.URL) -> Path | None:
    """The file of a SQLite ledger; None for PostgreSQL and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


_DAMAGE = ("malformed", "not a database", "no such table", "no such column", "undefinedtable")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def damage(where: str, exc: BaseException) -> str | None:
    """The message for an error that means the ledger's file or schema is damaged."""
    text = _first_line(exc)
    if not any(s in f"{text} {type(getattr(exc, 'orig', exc)).__name__}".lower() for s in _DAMAGE):
        return None
    return (
        f"ledger {where} is damaged ({text}); run `procdesk doctor` to see what is wrong, "
        "and restore a backup with `procdesk ledger restore FILE`"
    )


def unusable(where: str, exc: BaseException) -> str:
    """One line for a ledger that cannot be read or reached: where, what, what to do."""
    damaged = damage(where, exc)
    if damaged is not None:
        return damaged
    text = _first_line(exc)
    lowered = text.lower()
    if any(s in lowered for s in ("unable to open", "readonly", "read-only", "permission")):
        return f"cannot open ledger {where} ({text}): check that the file and its folder are yours"
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, DBAPIError) and not isinstance(exc, OperationalError):
        return f"ledger {where} failed: {text}"
    return f"cannot open ledger {where}: {exc.__class__.__name__}: {text}"


def shown(url: sa.URL) -> str:
    """A SQLite ledger's file path, or a server URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else masked(url)


def masked(url: sa.URL | str) -> str:
    """The URL as it may appear in messages and logs: never with its password (str() of a
    SQLAlchemy URL hides it already; `without_secrets` masks text, and the query's too)."""
    return without_secrets(str(url))


def _configure_sqlite(engine: AsyncEngine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself, so writers take the
        # write lock up front (BEGIN IMMEDIATE) and wait on busy_timeout instead of failing
        # with "database is locked" when a deferred transaction tries to upgrade its lock.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:  # a sqlalchemy.Connection
        mode = "IMMEDIATE" if conn.get_execution_options().get("procdesk_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


class Ledger:
    """The open ledger. Services receive one; they never create engines themselves.

    A ledger from `Ledger.later` has no engine yet: its first read or write opens it (as
    `Ledger.open` would, schema check included), so a dashboard can show its first frame
    from `store.first_read` and load SQLAlchemy after it.
    """

    def __init__(self, engine: AsyncEngine | None) -> None:
        self._engine = engine
        self._later: Path | None = None  # the SQLite file a `later` ledger opens
        self._opening = asyncio.Lock()
        self.last_backup: LedgerCopy | None = None  # taken before a migration on open

    @classmethod
    def later(cls, path: Path) -> Ledger:
        """A SQLite ledger opened on its first use. For a file `store.first_read` found at
        this code's revision, so opening it migrates nothing; if it has changed since, the
        first use raises LedgerError as `Ledger.open` would."""
        ledger = cls(None)
        ledger._later = path
        return ledger

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            raise RuntimeError("the ledger is not open yet: await Ledger.ensure_open() first")
        return self._engine

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def sqlite_file(self) -> Path | None:
        """The file of a SQLite ledger (None for PostgreSQL and in-memory databases)."""
        return self._later if self._engine is None else sqlite_path(self._engine.url)

    @property
    def dialect(self) -> str:
        return "sqlite" if self._engine is None else self._engine.dialect.name

    @property
    def url(self) -> str:
        """Where the ledger is, for messages: a SQLite file's path, else the masked URL."""
        return str(self._later) if self._engine is None else shown(self._engine.url)

    async def ensure_open(self) -> None:
        """Open a `later` ledger now (once, whoever asks first); raises LedgerError."""
        if self._engine is not None:
            return
        async with self._opening:
            if self._engine is not None:
                return
            if self._later is None:
                raise LedgerError(f"ledger {self.url} is closed")
            opened = await Ledger.open(self._later)
            self.last_backup = opened.last_backup
            self._engine = opened.engine

    @classmethod
    async def open(
        cls,
        url_or_path: str | Path,
        *,
        migrate: bool | MigrateMode = "auto",
        password: str | None = None,
        **engine_kw: Any,
    ) -> Ledger:
        """Open the ledger and check its schema; raises LedgerError (URL masked) saying what
        is wrong and what to do.

        `migrate`: "auto" (or True) creates a new ledger and migrates an older SQLite one
        when no other procdesk process uses it (after a backup); "now" migrates whoever
        else uses it (`procdesk ledger migrate`); "create" only creates a new ledger (the
        doctor); "never" (or False) only opens it.
        On PostgreSQL, `password` (from the keyring) is used when the URL carries none; with
        neither, the driver reads libpq's password file (~/.pgpass, or PGPASSFILE).
        """
        import sqlalchemy as sa
        from asyncpg import PostgresError
        from sqlalchemy.ext.asyncio import create_async_engine

        from procdesk.store.backup import BackupError
        from procdesk.store.share import watch_sqlite_file

        mode: MigrateMode = "auto" if migrate is True else "never" if migrate is False else migrate
        url = to_async_url(url_or_path)
        if url.get_backend_name() == "postgresql":
            if password and not url.password:
                url = url.set(password=password)
            engine_kw.setdefault(
                "connect_args", {"server_settings": {"application_name": "procdesk"}}
            )
        path = sqlite_path(url)
        if path is not None:
            try:
                prepare_sqlite_file(path)
            except LedgerPathError as exc:
                raise LedgerError(
                    f"cannot open ledger {path}: {exc}; point `ledger` in the config (or "
                    "PROCDESK_LEDGER, or PROCDESK_HOME) at a folder you can write"
                ) from None
        engine = create_async_engine(url, **engine_kw)
        if engine.dialect.name == "postgresql" and "pool_pre_ping" not in engine_kw:
            from procdesk.store.pg.pool_ping import ping_when_idle

            # After a server restart every pooled connection is dead: one idle for a
            # while is tested as it is checked out, so the first query after an outage
            # does not fail on a stale one.
            ping_when_idle(engine)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
            if path is not None:
                watch_sqlite_file(engine, path)
        ledger = cls(engine)
        try:
            await ledger._check_schema(mode)
        except LedgerError:
            await engine.dispose()
            raise
        except (OSError, sa.exc.DBAPIError, PostgresError, BackupError) as exc:
            await engine.dispose()
            if url.get_backend_name() == "postgresql":  # refused login, server unreachable
                raise open_failure(url, exc) from None
            raise LedgerError(unusable(shown(url), exc)) from None
        return ledger

    async def _check_schema(self, mode: MigrateMode) -> None:
        from procdesk.store.lifecycle import SchemaState, read_schema
        from procdesk.store.migrate import upgrade_to_head

        async with self.read() as conn:
            schema = await read_schema(conn)
        if schema.state is SchemaState.BEHIND and mode in ("auto", "now"):
            await self._migrate(schema, explicit=mode == "now")
            return
        problem = schema.problem()
        if problem is not None:
            raise LedgerError(f"cannot use ledger {self.url}: {problem}")
        if schema.state is SchemaState.FRESH and mode != "never":
            async with self.write() as conn:
                await upgrade_to_head(conn)

    async def _migrate(self, schema: Schema, *, explicit: bool) -> None:
        """Bring an older schema to this code's revision, a backup first (SQLite)."""
        from procdesk.domain.clock import utc_now
        from procdesk.store.backup import backup, default_backup_path
        from procdesk.store.lifecycle import others_using
        from procdesk.store.migrate import HEAD_REVISION, upgrade_to_head

        needs = (
            f"ledger {self.url} is at schema revision {schema.revision}; this procdesk needs "
            f"{HEAD_REVISION}"
        )
        if not explicit:
            if self.dialect != "sqlite":
                raise LedgerError(
                    f"{needs}: back it up with pg_dump, then run `procdesk ledger migrate`"
                )
            async with self.read() as conn:
                others = await others_using(conn)
            if others:
                raise LedgerError(
                    f"{needs}, and other procdesk processes use it ({'; '.join(others)}): "
                    "stop them (or upgrade them first), then run `procdesk ledger migrate`"
                )
        path = sqlite_path(self.engine.url)
        if path is not None:
            self.last_backup = await asyncio.to_thread(
                backup, path, default_backup_path(path, utc_now(), before=HEAD_REVISION)
            )
        async with self.write() as conn:
            await upgrade_to_head(conn)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that will write: committed on success, rolled back on error."""
        from sqlalchemy.exc import DatabaseError

        await self.ensure_open()
        try:
            async with self.engine.connect() as conn:
                conn = await conn.execution_options(procdesk_write=True)
                async with conn.begin():
                    yield conn
        except DatabaseError as exc:
            self._raise_if_damaged(exc)
            raise

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A read-only transaction (a consistent snapshot for one screenful)."""
        from sqlalchemy.exc import DatabaseError

        await self.ensure_open()
        try:
            async with self.engine.connect() as conn, conn.begin():
                yield conn
        except DatabaseError as exc:
            self._raise_if_damaged(exc)
            raise

    def _raise_if_damaged(self, exc: sa.exc.DatabaseError) -> None:
        """A damaged file or a dropped table found mid-command: one clear LedgerError."""
        message = damage(self.url, exc)
        if message is not None:
            raise LedgerError(message) from None

    async def close(self) -> None:
        self._later = None  # a `later` ledger not opened yet stays closed
        if self._engine is not None:
            await self._engine.dispose()
