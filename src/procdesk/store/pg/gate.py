"""A request gate coordinated through PostgreSQL, for every worker on one ledger together.

Implements the `RequestGate` protocol of integrations/autotask/gate.py (`slot(entity)`):
at most `max_in_flight` requests per endpoint across all processes (advisory-lock slots,
store/pg/slots.py) and one hourly budget drawn from the `api_budget` table
(store/pg/budget.py). A slot is a session lock, so a request in flight holds the asyncpg
connection that took it; the gate keeps its own connections (an asyncpg pool would reset
each one, one more round trip, every time it is given back).

A slot that comes free while another request of this process waits for the same endpoint
is handed to that request directly, still locked: no round trip stands between one answer
and the next request. After `handoff_limit` such hand-offs in a row the slot goes back to
the server, so every worker's waiting requests get their turn.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

import asyncpg
import sqlalchemy as sa

from procdesk.store.pg import budget, slots
from procdesk.store.pg.connect import connect

POLL_S = 0.005  # first wait when every slot is busy; doubles up to MAX_POLL_S
MAX_POLL_S = 0.05
HANDOFF_LIMIT = 10  # requests in a row one slot serves in one process before it goes back


@dataclass(eq=False)
class _Held:
    """A slot taken: the connection whose session holds it, the endpoint's key, the slot's
    number, and how often it was handed on."""

    conn: asyncpg.Connection
    key: int
    slot: int
    handoffs: int = 0


@dataclass(eq=False)
class _Parked:
    """A request of this process waiting for a slot: its own connection (which it gives up
    if a slot is handed to it) and what wakes it: a slot, or None (try the server again)."""

    conn: asyncpg.Connection
    woken: asyncio.Future[_Held | None]


class DatabaseRequestGate:
    """Per-endpoint slots and an hourly budget shared through the ledger's server."""

    def __init__(
        self,
        url: sa.URL,
        *,
        provider: str,
        max_in_flight: int,
        hourly_budget: int,
        poll_s: float = POLL_S,
        handoff_limit: int = HANDOFF_LIMIT,
    ) -> None:
        """`poll_s`: the first wait for a slot when all are busy (doubling up to
        MAX_POLL_S, and cut short when one is given back or handed over)."""
        if max_in_flight < 1 or hourly_budget < 1:
            raise ValueError("max_in_flight and hourly_budget must be at least 1")
        self.url = url
        self.provider = provider
        self.max_in_flight = max_in_flight
        self.hourly_budget = hourly_budget
        self.poll_s = poll_s
        self.handoff_limit = handoff_limit
        self._idle: list[asyncpg.Connection] = []
        self._open: set[asyncpg.Connection] = set()
        self._listener: asyncpg.Connection | None = None
        self._listener_lock = asyncio.Lock()
        self._given_back: Counter[int] = Counter()  # notifications seen, per endpoint key
        self._parked: dict[int, deque[_Parked]] = {}
        self._holding: Counter[int] = Counter()  # slots this process holds, per endpoint key
        self._local: dict[str, asyncio.Semaphore] = {}
        self.waits = 0  # times a request found every slot of its endpoint busy
        self.handoffs = 0  # slots handed from one request of this process to the next

    def _semaphore(self, entity: str) -> asyncio.Semaphore:
        # No more waiters per endpoint in this process than could ever hold a slot.
        key = entity.lower()
        if key not in self._local:
            self._local[key] = asyncio.Semaphore(self.max_in_flight)
        return self._local[key]

    async def _connection(self) -> asyncpg.Connection:
        while self._idle:
            conn = self._idle.pop()
            if not conn.is_closed():
                return conn
            self._open.discard(conn)
        conn = await connect(self.url, role="gate")
        self._open.add(conn)
        return conn

    def _put_back(self, conn: asyncpg.Connection) -> None:
        """An idle connection (holding no slot) for the next request."""
        if conn.is_closed():
            self._open.discard(conn)
        else:
            self._idle.append(conn)

    def _drop(self, conn: asyncpg.Connection) -> None:
        """Close a connection in an unknown state at once: the server frees its slot."""
        conn.terminate()
        self._open.discard(conn)

    async def _listen(self) -> None:
        """One connection per gate listens for slots given back, by any worker."""
        async with self._listener_lock:
            if self._listener is None or self._listener.is_closed():
                listener = await connect(self.url, role="gate-listener")
                await listener.add_listener(slots.CHANNEL, self._on_given_back)
                self._listener = listener

    def _on_given_back(self, *args: object) -> None:
        # (connection, pid, channel, payload): the payload is the endpoint's key
        try:
            key = int(str(args[-1]))
        except ValueError:
            return
        self._given_back[key] += 1
        for parked in self._parked.get(key, ()):
            if not parked.woken.done():
                parked.woken.set_result(None)

    async def _take_slot(self, conn: asyncpg.Connection, key: int) -> _Held:
        """A slot of `key`: taken on `conn`, or handed over (with its own connection, and
        `conn` then belongs to the idle ones). Cleans up after itself when it fails."""
        delay = self.poll_s
        queue = self._parked.setdefault(key, deque())
        while True:
            seen = self._given_back[key]
            try:
                await self._listen()  # first: a slot given back from now on wakes this one
                slot = await slots.try_take(conn, key, self.max_in_flight)
            except BaseException:
                self._drop(conn)
                raise
            if slot is not None:
                self._holding[key] += 1
                return _Held(conn, key, slot)
            self.waits += 1
            if self._given_back[key] != seen:
                continue  # one came back during that round trip: try again at once
            # While this process holds a slot of the endpoint, its hand-over or its
            # notification wakes this request; the poll is only a safety net then.
            # Otherwise it also finds slots freed without notice (a killed worker's).
            timeout = max(MAX_POLL_S, self.poll_s) if self._holding[key] else delay
            parked = _Parked(conn, asyncio.get_running_loop().create_future())
            queue.append(parked)
            try:
                woken, _ = await asyncio.wait(
                    (parked.woken,), timeout=timeout * (0.5 + random.random())
                )
            except BaseException:
                await self._unpark(queue, parked, cancelled=True)
                raise
            held = await self._unpark(queue, parked, cancelled=False)
            if held is not None:
                return held
            if not woken:  # the poll's turn: nobody woke it
                delay = min(delay * 2, max(MAX_POLL_S, self.poll_s))

    async def _unpark(
        self, queue: deque[_Parked], parked: _Parked, *, cancelled: bool
    ) -> _Held | None:
        """Stop waiting; the slot handed over meanwhile, if any (given up when cancelled)."""
        if parked in queue:
            queue.remove(parked)
        woken = parked.woken
        held = woken.result() if woken.done() and not woken.cancelled() else None
        if not woken.done():
            woken.cancel()
        if held is None:
            if cancelled:
                self._put_back(parked.conn)  # idle: no query was running on it
            return None
        if cancelled:
            await self._give_back(held, hand_off=False)
        return held

    async def _give_back(self, held: _Held, *, hand_off: bool) -> None:
        """Hand the slot to a request of this process waiting for it, or free it."""
        queue = self._parked.get(held.key)
        # (a connection the server dropped holds no lock any more: nothing to hand over)
        hand_off = hand_off and held.handoffs < self.handoff_limit and not held.conn.is_closed()
        while queue and hand_off:
            parked = queue.popleft()
            if parked.woken.done():
                continue  # already woken by a notification: it is trying the server
            parked.woken.set_result(_Held(held.conn, held.key, held.slot, held.handoffs + 1))
            self.handoffs += 1
            self._put_back(parked.conn)
            return
        self._holding[held.key] -= 1
        try:
            await slots.give_back(held.conn, held.key, held.slot)
        except BaseException:
            self._drop(held.conn)
            raise
        self._put_back(held.conn)

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
            conn = await self._connection()
            try:
                # the budget first: its round trip to the server then holds no slot
                await self._take_budget(conn)
            except BaseException:
                self._drop(conn)
                raise
            held = await self._take_slot(conn, key)
            try:
                yield
            finally:
                await self._give_back(held, hand_off=True)

    def slot(self, entity: str) -> AbstractAsyncContextManager[None]:
        return self._slot(entity)

    async def close(self) -> None:
        listener, self._listener = self._listener, None
        idle, self._idle = self._idle, []
        busy = self._open.difference(idle)
        self._open.clear()
        for conn in busy:
            conn.terminate()  # a request still running: the server frees its slot
        for conn in [*idle, *([listener] if listener is not None else [])]:
            await conn.close()
