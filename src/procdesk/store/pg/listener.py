"""LISTEN on the change feed's channel: wake dashboards when a change commits.

Migration 0003 makes every transaction that appends events issue
`pg_notify('procdesk_events', '')`; PostgreSQL delivers it at commit, to every listening
session. `FeedListener.wait()` returns once a notification came (True) or the timeout ran
out (False); the caller then reads the events table by sequence number as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import sqlalchemy as sa

from procdesk.store.pg.connect import connect

CHANNEL = "procdesk_events"


class FeedListener:
    def __init__(self, url: sa.URL) -> None:
        self.url = url
        self.notifications = 0  # received since start: how callers know they were woken
        self._conn: asyncpg.Connection | None = None
        self._event = asyncio.Event()

    def _on_notify(self, *_args: Any) -> None:
        self.notifications += 1
        self._event.set()

    async def start(self) -> None:
        self._conn = await connect(self.url, role="listener")
        await self._conn.add_listener(CHANNEL, self._on_notify)

    async def wait(self, seconds: float | None = None) -> bool:
        """Wait for the next notification; False if `seconds` passed first."""
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except TimeoutError:
            return False
        self._event.clear()
        return True

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.is_closed()

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
