"""A request gate coordinated through PostgreSQL, for every worker on one ledger together.

Implements the `RequestGate` protocol of integrations/autotask/gate.py (`slot(entity)`):
at most `max_in_flight` requests per endpoint across all processes (advisory-lock slots,
store/pg/slots.py) and one hourly budget drawn from the `api_budget` table
(store/pg/budget.py). Each request in flight holds one pooled asyncpg connection, because a
session advisory lock belongs to the connection that took it.

A slot held by this process goes from a request that is done with it straight to the next
request of this process waiting for one, without the two round trips of giving it back and
taking it again (at 50 ms latency they were 2-3 % of every slot's time); at least every
HOLD_S seconds it goes back to the server instead, so the other workers get their turn.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

import asyncpg
import sqlalchemy as sa

from procdesk.store.pg import budget, slots
from procdesk.store.pg.connect import create_pool

POLL_S = 0.005  # first wait when every slot is busy; doubles up to MAX_POLL_S
MAX_POLL_S = 0.05
HOLD_S = 1.0  # a slot passed on within this process goes back to the server this often


class _Held(NamedTuple):
    """A slot this process holds: the pooled connection whose session holds its lock (and
    its pool), the slot's number, and when it was taken from the server."""

    pool: asyncpg.Pool
    conn: asyncpg.Connection
    slot: int
    taken_at: float


def _gone(conn: asyncpg.Connection) -> bool:
    """Whether a slot's connection is gone, and its lock with it: closed, or already taken
    back by its pool (asyncpg releases a pooled connection whose link to the server broke,
    and its proxy then refuses every call, `is_closed` included)."""
    try:
        return bool(conn.is_closed())
    except asyncpg.InterfaceError:
        return True


@dataclass
class _Endpoint:
    """This process's share of one endpoint: how many of its requests hold a slot or are
    taking one (at most max_in_flight), and the requests waiting their turn, each to be
    handed a held slot, or None to take one from the server."""

    turns: int = 0
    waiting: deque[asyncio.Future[_Held | None]] = field(default_factory=deque)


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
        hold_s: float = HOLD_S,
    ) -> None:
        """`poll_s`: the first wait for a slot when all are busy (doubling up to
        MAX_POLL_S, and cut short when one is given back). `hold_s`: how long a slot may
        pass from request to request of this process before it goes back to the server."""
        if max_in_flight < 1 or hourly_budget < 1:
            raise ValueError("max_in_flight and hourly_budget must be at least 1")
        self.url = url
        self.provider = provider
        self.max_in_flight = max_in_flight
        self.hourly_budget = hourly_budget
        self.pool_size = pool_size
        self.poll_s = poll_s
        self.hold_s = hold_s
        self._pool: asyncpg.Pool | None = None
        self._pool_lock = asyncio.Lock()
        self._endpoints: dict[int, _Endpoint] = {}
        self.waits = 0  # times a request found every slot of its endpoint busy
        self.taken = 0  # slots taken from the server (the others were passed on)

    async def _get_pool(self) -> asyncpg.Pool:
        async with self._pool_lock:
            if self._pool is None:
                self._pool = await create_pool(self.url, role="gate", max_size=self.pool_size)
            return self._pool

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

    async def _turn(self, key: int) -> _Held | None:
        """Wait for this process's turn at `key`: a slot handed on by a request done with
        it, or None when this request is to take one from the server."""
        endpoint = self._endpoints.setdefault(key, _Endpoint())
        if endpoint.turns < self.max_in_flight and not endpoint.waiting:
            endpoint.turns += 1
            return None
        turn: asyncio.Future[_Held | None] = asyncio.get_running_loop().create_future()
        endpoint.waiting.append(turn)
        try:
            return await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # handed a turn as it was cancelled
                await self._pass_on(key, turn.result())
            elif turn in endpoint.waiting:
                endpoint.waiting.remove(turn)
            raise

    async def _pass_on(self, key: int, held: _Held | None) -> None:
        """End a turn at `key`: hand it to the next request waiting, with `held` unless
        that was taken HOLD_S ago or its connection is gone; give back what is not handed
        on. (The turn is handed on before any wait, so no waiter is ever left behind.)"""
        endpoint = self._endpoints[key]
        returning = None
        if held is not None and (
            _gone(held.conn) or time.monotonic() - held.taken_at >= self.hold_s
        ):
            returning, held = held, None
        while endpoint.waiting:
            turn = endpoint.waiting.popleft()
            if not turn.done():  # (done: cancelled while waiting)
                turn.set_result(held)
                break
        else:
            endpoint.turns -= 1
            if returning is None:
                returning = held
        if returning is not None:
            await self._give_back(key, returning)

    async def _give_back(self, key: int, held: _Held) -> None:
        try:
            if not _gone(held.conn):
                await slots.give_back(held.conn, key, held.slot)
        finally:
            await held.pool.release(held.conn)

    async def _take_fresh(self, pool: asyncpg.Pool, key: int) -> _Held:
        conn = await pool.acquire()
        try:
            slot = await self._take_slot(conn, key)
        except BaseException:
            await pool.release(conn)
            raise
        self.taken += 1
        return _Held(pool, conn, slot, time.monotonic())

    @asynccontextmanager
    async def _slot(self, entity: str) -> AsyncIterator[None]:
        key = slots.endpoint_key(self.provider, entity)
        pool = await self._get_pool()
        async with pool.acquire() as conn:  # the budget first: its round trip holds no slot
            await self._take_budget(conn)
        held = await self._turn(key)
        try:
            if held is None:
                held = await self._take_fresh(pool, key)
            yield
        finally:
            await self._pass_on(key, held)

    def slot(self, entity: str) -> AbstractAsyncContextManager[None]:
        return self._slot(entity)

    def waiting(self, entity: str) -> int:
        """How many requests of this process wait for their turn at `entity`'s endpoint
        (beside `waits` and `taken`: what the gate is doing, for tests and diagnostics)."""
        endpoint = self._endpoints.get(slots.endpoint_key(self.provider, entity))
        return 0 if endpoint is None else sum(not turn.done() for turn in endpoint.waiting)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
