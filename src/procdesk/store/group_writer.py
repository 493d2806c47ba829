"""Group commit: many concurrent writers share one ledger transaction.

Each `async with writer.write() as conn:` body runs alone (one at a time) and returns only
once the shared transaction has committed: a caller may rely on its write being durable,
exactly as with `Ledger.write()`. Bodies that queue up while one runs are committed
together, so N concurrent outcomes cost about one commit instead of N (SQLite writes one at
a time, and each transaction costs several round trips to its thread).

A failing body undoes only itself: a body that joins others' writes runs inside its own
SAVEPOINT; the first body of a transaction needs none (if it fails, the whole transaction,
which holds nothing else, is rolled back), which saves two statements per write whenever
writes do not overlap, the common case of a worker between bursts. Nor does a body that
says it is one statement, on SQLite: SQLite applies a statement whole or not at all and a
failed one leaves the transaction open, so there is nothing of its own to undo. (On
PostgreSQL a failed statement aborts the whole transaction, so there it keeps its SAVEPOINT.)
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.ledger import Ledger

MAX_GROUP = 50  # commit at least this often under a steady stream of writers


class GroupWriter:
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._body_lock = asyncio.Lock()
        self._queued = 0  # bodies waiting for or running under the lock
        self._tx: AbstractAsyncContextManager[AsyncConnection] | None = None
        self._conn: AsyncConnection | None = None
        self._joined: list[asyncio.Future[None]] = []

    @asynccontextmanager
    async def write(self, *, one_statement: bool = False) -> AsyncIterator[AsyncConnection]:
        """`one_statement`: the body runs a single SQL statement (and nothing after it that
        can fail), so joining others' writes needs no SAVEPOINT on SQLite."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queued += 1
        try:
            async with self._body_lock:
                conn = await self._connection()
                if self._joined and one_statement and self._ledger.dialect == "sqlite":
                    yield conn
                elif self._joined:
                    async with conn.begin_nested():
                        yield conn
                else:
                    try:
                        yield conn
                    except BaseException as exc:
                        await self._rollback(exc)
                        raise
                self._joined.append(done)
        finally:
            self._queued -= 1
            if self._queued == 0 or len(self._joined) >= MAX_GROUP:
                async with self._body_lock:
                    if self._queued == 0 or len(self._joined) >= MAX_GROUP:
                        await self._commit()
        await done

    async def _connection(self) -> AsyncConnection:
        if self._conn is None:
            self._tx = self._ledger.write()
            self._conn = await self._tx.__aenter__()
        return self._conn

    async def _rollback(self, exc: BaseException) -> None:
        """The first body failed: drop its transaction (it holds nothing of anyone else)."""
        tx = self._tx
        self._tx, self._conn = None, None
        if tx is not None:
            await tx.__aexit__(type(exc), exc, exc.__traceback__)

    async def _commit(self) -> None:
        tx, joined = self._tx, self._joined
        self._tx, self._conn, self._joined = None, None, []
        if tx is None:
            return
        try:
            await tx.__aexit__(None, None, None)
        except Exception as exc:
            for future in joined:
                if not future.done():  # a writer cancelled while waiting cancelled its own
                    future.set_exception(exc)
            return
        for future in joined:
            if not future.done():
                future.set_result(None)
