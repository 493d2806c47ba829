"""A request gate coordinated through PostgreSQL, for every worker on one ledger together.

Implements the `RequestGate` protocol of integrations/autotask/gate.py (`slot(entity)`):
at most `max_in_flight` requests per endpoint across all processes (advisory-lock slots,
store/pg/slots.py) and one hourly budget drawn from the `api_budget` table
(store/pg/budget.py). Each request in flight holds one pooled asyncpg connection, because a
session advisory lock belongs to the connection that took it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import asyncpg
import sqlalchemy as sa

from procdesk.store.pg import budget, slots
from procdesk.store.pg.connect import create_pool

POLL_S = 0.005  # first wait when every slot is busy; doubles up to MAX_POLL_S
MAX_POLL_S = 0.05


class DatabaseRequestGate:
    """Per-endpoint slots and an hourly budget shared through the ledger's server."""

    def __init__(
        self,
        url: sa.URL,
        *,
        provider: str,
        max_in_flight: int,
        hourly_budget: int,
        pool_size: int = 12,
        poll_s: float = POLL_S,
    ) -> None:
        """`poll_s`: the first wait for a slot when all are busy (doubling up to
        MAX_POLL_S, and cut short when one is given back)."""
        if max_in_flight < 1 or hourly_budget < 1:
            raise ValueError("max_in_flight and hourly_budget must be at least 1")
        self.url = url
        self.provider = provider
        self.max_in_flight = max_in_flight
        self.hourly_budget = hourly_budget
        self.pool_size = pool_size
        self.poll_s = poll_s
        self._pool: asyncpg.Pool | None = None
        self._pool_lock = asyncio.Lock()
        self._local: dict[str, asyncio.Semaphore] = {}
        self.waits = 0  # times a request found every slot of its endpoint busy

    async def _get_pool(self) -> asyncpg.Pool:
        async with self._pool_lock:
            if self._pool is None:
                self._pool = await create_pool(self.url, role="gate", max_size=self.pool_size)
            return self._pool

    def _semaphore(self, entity: str) -> asyncio.Semaphore:
        # No more waiters per endpoint in this process than could ever hold a slot.
        key = entity.lower()
        if key not in self._local:
            self._local[key] = asyncio.Semaphore(self.max_in_flight)
        return self._local[key]

    async def _take_slot(self, conn: asyncpg.Connection, key: int) -> int:
        slot = await slots.try_take(conn, key, self.max_in_flight)
        if slot is not None:
            return slot
        # Every slot is busy: wait for one to be given back (its notification), polling as
        # well in case a notification is missed (a worker killed while holding one).
        freed = asyncio.Event()

        def on_given_back(*args: object) -> None:
            if args[-1] == str(key):  # (connection, pid, channel, payload)
                freed.set()

        await conn.add_listener(slots.CHANNEL, on_given_back)
        try:
            delay = self.poll_s
            while True:
                freed.clear()
                if (slot := await slots.try_take(conn, key, self.max_in_flight)) is not None:
                    return slot
                self.waits += 1
                try:
                    await asyncio.wait_for(freed.wait(), delay * (0.5 + random.random()))
                except TimeoutError:
                    delay = min(delay * 2, max(MAX_POLL_S, self.poll_s))
        finally:
            await conn.remove_listener(slots.CHANNEL, on_given_back)

    async def _take_budget(self, conn: asyncpg.Connection) -> None:
        while True:
            wait = await budget.take(conn, self.provider, self.hourly_budget)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    @asynccontextmanager
    async def _slot(self, entity: str) -> AsyncIterator[None]:
        key = slots.endpoint_key(self.provider, entity)
        async with self._semaphore(entity):
            pool = await self._get_pool()
            async with pool.acquire() as conn:
                # the budget first: its round trip to the server then holds no slot
                await self._take_budget(conn)
                slot = await self._take_slot(conn, key)
                try:
                    yield
                finally:
                    await slots.give_back(conn, key, slot)

    def slot(self, entity: str) -> AbstractAsyncContextManager[None]:
        return self._slot(entity)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
