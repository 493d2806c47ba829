"""Telling a lost ledger (server down, network gone, share unmounted) from a bug.

Workers and dashboards ride out an outage: they back off and try again, log one line when
the ledger goes and one when it comes back, and record nothing about it in the ledger (it
cannot be written). Anything else is a bug and is handled as one. The test is on the
exception and its causes, so a driver error wrapped by SQLAlchemy (or raised while
handling another) is recognised wherever it surfaces.

The drivers are looked up among the loaded modules, never imported here: an exception of a
driver that was never loaded cannot be in the chain, and the dashboard's start (which needs
this module before its first frame) does not pay for SQLAlchemy, asyncpg and httpx.
"""

from __future__ import annotations

import sqlite3
import sys
from types import ModuleType

# PostgreSQL SQLSTATE classes and codes that mean "the server is not there right now":
# connection exceptions (08), operator intervention (57P01-57P03: admin/crash shutdown,
# cannot connect now) and insufficient resources such as too many connections (53).
_OUTAGE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53")

# SQLite messages that mean the file is not reachable (a network share gone) or busy.
_SQLITE_OUTAGE_WORDS = ("unable to open database file", "disk i/o error", "database is locked")

# PostgreSQL refused the login itself: a configuration error, not an outage.
_LOGIN_SQLSTATES = ("28",)

# PostgreSQL undid a transaction that met another one: a serialization failure (40001) or
# a deadlock (40P01). Its writes are gone whole; the same work done again may succeed.
_CONFLICT_SQLSTATES = ("40001", "40P01")


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc`, its causes and contexts, and every leaf of an exception group (no cycles)."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 50:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        for linked in (current.__cause__, current.__context__, getattr(current, "orig", None)):
            if isinstance(linked, BaseException):
                todo.append(linked)
    return seen


def _sqlstate(exc: BaseException) -> str:
    return str(getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None) or "")


def _loaded(name: str) -> ModuleType | None:
    """A driver's module if this process has loaded it (its exceptions exist only then)."""
    return sys.modules.get(name)


def _is_outage_one(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return True
    if (sa_exc := _loaded("sqlalchemy.exc")) is not None:
        if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
            return True
        if isinstance(exc, sa_exc.DisconnectionError):  # a SQLite ledger's file went away
            return True
    if (pg := _loaded("asyncpg.exceptions")) is not None:
        if isinstance(exc, pg.ConnectionDoesNotExistError):
            return True
        if isinstance(exc, pg.InterfaceError) and "connection" in str(exc).lower():
            return True  # "cannot call ...: connection is closed" and the like
    state = _sqlstate(exc)
    if state and state.startswith(_OUTAGE_SQLSTATES):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return str(exc).lower().startswith(_SQLITE_OUTAGE_WORDS)
    return False


def is_ledger_outage(exc: BaseException) -> bool:
    """Did this fail because the ledger could not be reached (and may come back)?

    A network error under an HTTP client's error is a provider's, not the ledger's."""
    chain = _chain(exc)
    httpx = _loaded("httpx")
    if httpx is not None and any(isinstance(e, httpx.HTTPError) for e in chain):
        chain = [e for e in chain if not isinstance(e, OSError)]
    return any(_is_outage_one(e) for e in chain)


def is_write_conflict(exc: BaseException) -> bool:
    """Did PostgreSQL undo the transaction because it met another's (two workers writing
    the same rows in different orders, e.g. after a lease ran out mid-request)?"""
    return any(_sqlstate(e) in _CONFLICT_SQLSTATES for e in _chain(exc))


def is_login_refused(exc: BaseException) -> bool:
    """Did the server refuse the login (wrong password, no such role, pg_hba rule)?"""
    return any(_sqlstate(e).startswith(_LOGIN_SQLSTATES) for e in _chain(exc))


def outage_summary(exc: BaseException) -> str:
    """A one-line reason for logs and the header: the innermost driver or OS error (of
    an outage or a write conflict)."""
    leaves = [
        e for e in _chain(exc) if _is_outage_one(e) or _sqlstate(e) in _CONFLICT_SQLSTATES
    ] or [exc]
    leaf = leaves[-1]
    text = " ".join(str(leaf).split())[:160]
    return f"{type(leaf).__name__}: {text}" if text else type(leaf).__name__
