"""Synced outcomes that arrive together are written together.

While one group of synced charges is being written, the answers that come back meanwhile
queue up; the next writer takes the whole queue and records it in one statement
(`store.charges.mark_synced_many`). No timer and no background task: a charge's outcome
is durable when `add` returns, exactly as with a write of its own, and a worker that keeps
up writes groups of one. Under load (answers arriving faster than the ledger takes them
one by one) the groups grow, and the worker's ledger work per charge shrinks.

Exactly once is untouched: the mark before the create was committed on its own; a crash
before the group is written leaves those charges pending with the mark, and the next try
looks their marker up before anything is created again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.clock import Clock
from procdesk.domain.enums import ChargeStatus
from procdesk.store import charges as charge_store
from procdesk.store.charges import Synced

Writer = Callable[[], AbstractAsyncContextManager[AsyncConnection]]


class SyncedBatch:
    def __init__(self, write: Writer, *, actor: str, clock: Clock) -> None:
        self._write = write
        self._actor = actor
        self._clock = clock
        self._queue: list[tuple[Synced, asyncio.Future[bool]]] = []
        self._lock = asyncio.Lock()

    async def add(self, synced: Synced) -> bool:
        """Record one synced charge (with whatever else is queued); whether its row was
        written (False: its status moved meanwhile, as `mark_synced` would say)."""
        synced.charge.check_move(ChargeStatus.SYNCED)  # an illegal move fails alone
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._queue.append((synced, done))
        try:
            async with self._lock:
                if not done.done():
                    group, self._queue = self._queue, []
                    await self._record(group, done)
            return await done
        except asyncio.CancelledError:
            # Stopped while another writer has this charge in its group: its outcome is
            # written (or not) with the group, and nobody waits for it any more. A failure
            # set on it is taken here, and a future set later is cancelled, not left with
            # an exception that asyncio would report as never retrieved.
            if not done.done():
                done.cancel()
            elif not done.cancelled():
                done.exception()
            raise

    async def _record(
        self, group: list[tuple[Synced, asyncio.Future[bool]]], own: asyncio.Future[bool]
    ) -> None:
        try:
            async with self._write() as conn:
                written = await charge_store.mark_synced_many(
                    conn, [s for s, _ in group], actor=self._actor, now=self._clock()
                )
        except asyncio.CancelledError:
            # this writer was stopped: the others' charges go back to the queue, and the
            # next of them to take the lock writes them
            own.cancel()
            self._queue[:0] = [(s, f) for s, f in group if not f.done()]
            raise
        except Exception as exc:  # each writer meets the failure (a ledger outage) itself
            for _, future in group:
                if not future.done():
                    future.set_exception(exc)
            return
        for synced, future in group:
            if not future.done():
                future.set_result(synced.charge.id in written)
