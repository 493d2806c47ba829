"""Waking the dashboard when the change feed moves: LISTEN/NOTIFY on PostgreSQL.

SQLite has no notifications, so its dashboards keep polling the events table;
`feed_waker(ledger)` returns None there.
"""

from __future__ import annotations

import asyncio
import logging

from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage, outage_summary
from procdesk.store.pg.listener import FeedListener

log = logging.getLogger(__name__)

RECONNECT_S = 2.0


class FeedWaker:
    """`wait()` returns when another session committed events (a notification arrived)."""

    def __init__(self, ledger: Ledger) -> None:
        self._listener = FeedListener(ledger.engine.url)
        self._ledger_url = ledger.url  # masked, for messages

    @property
    def notifications(self) -> int:
        return self._listener.notifications

    async def start(self) -> None:
        await self._listener.start()

    async def wait(self) -> None:
        """Until the next notification; reconnects (and wakes once) if the session drops."""
        while True:
            if not self._listener.connected:
                await self._reconnect()
                return  # changes may have been missed while disconnected: read the feed
            if await self._listener.wait(RECONNECT_S):
                return

    async def _reconnect(self) -> None:
        """Until the listener is back; one log line when it first fails, none per attempt
        (the dashboard's header says the ledger is unreachable meanwhile)."""
        await self._listener.close()
        failed = False
        while True:
            try:
                await self._listener.start()
                if failed:
                    log.info("change feed listener on %s: connected again", self._ledger_url)
                return
            except Exception as exc:
                if not is_ledger_outage(exc):
                    raise
                if not failed:
                    log.warning(
                        "change feed listener on %s: %s; reconnecting",
                        self._ledger_url,
                        outage_summary(exc),
                    )
                    failed = True
                await asyncio.sleep(RECONNECT_S)

    async def close(self) -> None:
        await self._listener.close()


def feed_waker(ledger: Ledger) -> FeedWaker | None:
    """A waker for PostgreSQL ledgers; None on SQLite (poll the events table instead)."""
    return FeedWaker(ledger) if ledger.dialect == "postgresql" else None
