"""Synced outcomes that arrive together are written in one statement, each durable when its
writer returns; a failed write reaches every writer of the group."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ChargeStatus
from procdesk.services.charges.synced_batch import SyncedBatch
from procdesk.store import charges as charge_store
from procdesk.store.group_writer import GroupWriter
from procdesk.store.ledger import Ledger
from tests.support.charges import NOW, add_quote, line
from tests.support.settle import until


async def test_outcomes_arriving_together_share_one_update(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(n) for n in range(1, 7)])
    async with ledger.read() as conn:
        pending = await charge_store.get_many(conn, ids)
    batch = SyncedBatch(GroupWriter(ledger).write, actor="w", clock=lambda: NOW)
    updates: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE CHARGES"):
            updates.append(statement)

    async def add(n: int) -> bool:
        written = await batch.add(charge_store.Synced(pending[n], 100 + n, None, adopted=False))
        async with ledger.read() as conn:  # durable on return: another connection sees it
            charge = await charge_store.get(conn, ids[n])
        assert charge is not None
        assert charge.status is ChargeStatus.SYNCED
        return written

    sa.event.listen(ledger.engine.sync_engine, "before_cursor_execute", record)
    try:
        results = await asyncio.gather(*(add(n) for n in range(6)))
    finally:
        sa.event.remove(ledger.engine.sync_engine, "before_cursor_execute", record)
    assert results == [True] * 6
    # the first is written alone; the five that queued meanwhile go together
    assert len(updates) == 2
    async with ledger.read() as conn:
        assert [c.autotask_id for c in await charge_store.get_many(conn, ids)] == [
            100 + n for n in range(6)
        ]


async def test_a_failed_write_reaches_every_writer_and_leaves_nothing_half_written(
    ledger: Ledger,
) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(1), line(2), line(3)])
    async with ledger.read() as conn:
        pending = await charge_store.get_many(conn, ids)
    async with ledger.write() as conn:  # the events' insert fails after the charges' update
        cascade = " CASCADE" if ledger.dialect == "postgresql" else ""
        await conn.execute(sa.text(f"DROP TABLE events{cascade}"))
    batch = SyncedBatch(GroupWriter(ledger).write, actor="w", clock=lambda: NOW)
    results = await asyncio.gather(
        *(
            batch.add(charge_store.Synced(c, 1 + n, None, adopted=False))
            for n, c in enumerate(pending)
        ),
        return_exceptions=True,
    )
    assert [type(r) for r in results] == [type(results[0])] * 3
    assert "events" in str(results[0])  # the missing table, named
    async with ledger.read() as conn:
        rows = (await conn.execute(sa.text("SELECT status FROM charges"))).scalars().all()
    assert rows == [ChargeStatus.PENDING.value] * 3


async def test_a_writer_stopped_while_its_group_fails_leaves_no_unread_failure(
    ledger: Ledger,
) -> None:
    """A writes alone and fails; B takes the lock and writes B and C together; C is stopped
    while it waits for the lock (its worker is shutting down), then B's write fails too.
    The failure set for C must not be left for asyncio to report as never retrieved (in a
    worker that is a traceback in the log during a ledger outage)."""
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(1), line(2), line(3)])
    async with ledger.read() as conn:
        pending = await charge_store.get_many(conn, ids)
    async with ledger.write() as conn:  # every write of the charges fails
        cascade = " CASCADE" if ledger.dialect == "postgresql" else ""
        await conn.execute(sa.text(f"DROP TABLE events{cascade}"))
    real = GroupWriter(ledger).write
    calls, go = 0, asyncio.Event()

    @asynccontextmanager
    async def write() -> AsyncIterator[AsyncConnection]:
        nonlocal calls
        calls += 1
        if calls == 2:  # B's group: held until C has been stopped
            await go.wait()
        async with real() as conn:
            yield conn

    batch = SyncedBatch(write, actor="w", clock=lambda: NOW)
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[object]] = []  # every future made meanwhile, to look at

    def create_future() -> asyncio.Future[object]:
        future: asyncio.Future[object] = asyncio.Future(loop=loop)
        futures.append(future)
        return future

    loop.create_future = create_future  # type: ignore[method-assign]
    try:
        a, b, c = (
            asyncio.create_task(batch.add(charge_store.Synced(p, 1 + n, None, adopted=False)))
            for n, p in enumerate(pending)
        )
        await until(lambda: calls == 2, "B's group to be written")
        c.cancel()
        await asyncio.sleep(0)  # (C handles its cancellation)
        go.set()
        results = await asyncio.gather(a, b, c, return_exceptions=True)
    finally:
        del loop.create_future
    assert "events" in str(results[0])
    assert "events" in str(results[1])
    assert isinstance(results[2], asyncio.CancelledError)
    # asyncio reports a future whose failure nobody read when it is collected
    unread = [f for f in futures if f.done() and not f.cancelled() and f._log_traceback]
    assert unread == []
