"""SQLite: statements handed to the driver's thread all at once, so the caller works on
while they run (an import makes its next batch of rows while the driver writes this one).

The driver (aiosqlite) runs what it is given one by one, in order, in its own thread, in
the caller's transaction. Awaiting each statement in turn would leave that thread idle
whenever the caller's event loop is busy; queued all at once, it goes from one to the next
by itself, and a multi-row INSERT runs in `sqlite3_step` without the GIL, in parallel with
the caller's Python.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.batch_insert import Statement


async def _execute(driver: Any, statement: Statement) -> None:
    try:
        async with driver.execute(statement.sql, statement.params):
            pass
    except sqlite3.Error as exc:
        # as SQLAlchemy raises it for a statement it runs (callers tell errors apart by
        # that), named by its start: the full text lists a thousand rows of placeholders
        shown = statement.sql.partition(" VALUES ")[0]
        raise sa.exc.DBAPIError.instance(
            shown, None, exc, sqlite3.Error, hide_parameters=True
        ) from exc


def _retrieved(task: asyncio.Future[None]) -> None:
    if not task.cancelled():
        task.exception()  # seen: the caller is already failing for another reason


class QueuedWrites:
    """Statements the driver's thread is working through. `finished` waits for them all and
    raises the first failure (the caller's transaction then rolls them all back)."""

    def __init__(self, running: Sequence[asyncio.Future[None]] = ()) -> None:
        self._running = list(running)

    @classmethod
    async def queue(cls, conn: AsyncConnection, statements: Sequence[Statement]) -> QueuedWrites:
        """Hand `statements` to the driver's thread, in order, and return without waiting
        for them. SQLite only."""
        assert conn.dialect.name == "sqlite"
        driver = (await conn.get_raw_connection()).driver_connection
        # Tasks start in the order they were made, and each hands its statement to the
        # driver's queue at its first step: one pass of the loop queues them all, in order.
        running = [asyncio.ensure_future(_execute(driver, s)) for s in statements]
        await asyncio.sleep(0)
        return cls(running)

    async def finished(self) -> None:
        """Wait until every statement ran; raise the first failure."""
        running, self._running = self._running, []
        for outcome in await asyncio.gather(*running, return_exceptions=True):
            if isinstance(outcome, BaseException):
                raise outcome

    def abandon(self) -> None:
        """The caller fails for another reason: the statements still run (the driver runs
        its queue in order, so the rollback that follows comes after them); their outcome
        no longer matters."""
        running, self._running = self._running, []
        for task in running:
            task.add_done_callback(_retrieved)
