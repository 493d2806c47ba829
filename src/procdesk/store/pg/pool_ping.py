"""Test a pooled PostgreSQL connection on checkout only when it has sat idle a while.

After a server restart every pooled connection is dead. SQLAlchemy's `pool_pre_ping` tests
each one on every checkout, which on asyncpg is BEGIN, an empty query and ROLLBACK: three
round trips before every transaction, about 2 ms of a team worker's CPU per synced charge.
A connection that was given back to the pool less than `IDLE_S` ago worked then, so only
those idle longer are tested. A server lost in between is met by the query itself, as one
lost between ping and query always was: callers treat it as an outage, and SQLAlchemy
discards the pool's older connections when it sees one.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

IDLE_S = 1.0
_SINCE = "procdesk_idle_since"


def ping_when_idle(engine: AsyncEngine, idle_s: float = IDLE_S) -> None:
    """Test a connection on checkout when it has been idle `idle_s` or more (a failed test
    makes the pool open a new connection instead, as `pool_pre_ping` does)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _connected(_dbapi_conn: Any, record: Any) -> None:
        record.info[_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkin")
    def _given_back(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info[_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _taken(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_SINCE)
        if since is not None and time.monotonic() - since < idle_s:
            return
        try:
            dbapi_conn.ping()
        except Exception as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc
