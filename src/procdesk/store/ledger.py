"""Opening the ledger: engine, pragmas, migrations, read and write transactions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from procdesk.store.migrate import upgrade_to_head
from procdesk.store.outage import is_ledger_outage, is_login_refused, outage_summary

SQLITE_BUSY_TIMEOUT_MS = 15_000


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
    text = str(url_or_path)
    if "://" not in text:
        return make_url(f"sqlite+aiosqlite:///{Path(text).expanduser()}")
    url = make_url(text)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+asyncpg")
    raise LedgerError(
        f"unsupported ledger URL scheme {url.drivername!r}: use a SQLite path or postgresql://"
    )


def masked(url: sa.URL | str) -> str:
    """The URL as it may appear in messages and logs: never with its password."""
    return (
        make_url(str(url)).render_as_string(hide_password=True) if "://" in str(url) else str(url)
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
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
    def _on_begin(conn: sa.Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("procdesk_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


class Ledger:
    """The open ledger. Services receive one; they never create engines themselves."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return masked(self.engine.url)

    @classmethod
    async def open(
        cls,
        url_or_path: str | Path,
        *,
        migrate: bool = True,
        password: str | None = None,
        **engine_kw: Any,
    ) -> Ledger:
        """Open (and migrate) the ledger.

        On PostgreSQL, `password` (from the keyring) is used when the URL carries none; with
        neither, the driver reads libpq's password file (~/.pgpass, or PGPASSFILE).
        """
        url = to_async_url(url_or_path)
        if url.get_backend_name() == "postgresql":
            if password and not url.password:
                url = url.set(password=password)
            engine_kw.setdefault(
                "connect_args", {"server_settings": {"application_name": "procdesk"}}
            )
            # After a server restart every pooled connection is dead: test each one as it
            # is checked out, so the first query after an outage does not fail on a stale one.
            engine_kw.setdefault("pool_pre_ping", True)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, **engine_kw)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        ledger = cls(engine)
        if migrate:
            try:
                async with ledger.write() as conn:
                    await upgrade_to_head(conn)
            except (OSError, sa.exc.DBAPIError, asyncpg.PostgresError) as exc:
                await engine.dispose()
                raise open_failure(url, exc) from None
        return ledger

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that will write: committed on success, rolled back on error."""
        async with self.engine.connect() as conn:
            conn = await conn.execution_options(procdesk_write=True)
            async with conn.begin():
                yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A read-only transaction (a consistent snapshot for one screenful)."""
        async with self.engine.connect() as conn, conn.begin():
            yield conn

    async def close(self) -> None:
        await self.engine.dispose()
