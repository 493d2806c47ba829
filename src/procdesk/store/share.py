"""A SQLite ledger whose folder may go away: a network share unmounted, a disk detached.

A connection SQLite opened keeps its file handle, so without a check it would go on
reading and writing a file that is no longer the one at the ledger's path (a share that
vanished, a path remounted onto another file) — while every new connection fails. Each
connection therefore remembers which file it opened, and every time the pool hands one out
the path is looked at again: gone or unreadable, the connection is dropped and the caller
sees an outage (`store.outage`), which workers and dashboards ride out; the same file again,
work goes on. One `stat` per checkout.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

_FILE_ID = "procdesk_file_id"


def _file_id(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_dev, found.st_ino


def watch_sqlite_file(engine: AsyncEngine, path: Path) -> None:
    """Drop pooled connections whose ledger file is no longer at `path`."""

    @event.listens_for(engine.sync_engine, "connect")
    def _remember(_dbapi_conn: Any, record: Any) -> None:
        record.info[_FILE_ID] = _file_id(path)

    @event.listens_for(engine.sync_engine, "checkout")
    def _still_there(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        try:
            current = _file_id(path)
        except OSError as exc:
            raise sa.exc.DisconnectionError(f"ledger file {path} is not reachable: {exc}") from exc
        if record.info.get(_FILE_ID) != current:
            raise sa.exc.DisconnectionError(f"ledger file {path} is not the one opened")
