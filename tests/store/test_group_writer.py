"""Group commit: concurrent writes share transactions; a failing body undoes only itself."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from procdesk.domain.enums import EntityType
from procdesk.store import events
from procdesk.store.group_writer import GroupWriter
from procdesk.store.ledger import Ledger


async def test_concurrent_writes_commit_together_and_are_durable_on_return(
    ledger: Ledger,
) -> None:
    writer = GroupWriter(ledger)
    seen_after_return: list[bool] = []

    async def write(n: int) -> None:
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=n, action="x"
            )
            if n == 3:
                raise ValueError("this body fails")
        async with ledger.read() as conn:  # another connection sees it: committed
            history = await events.history(conn, EntityType.CHARGE, n)
        seen_after_return.append(len(history) == 1)

    results = await asyncio.gather(*(write(n) for n in range(10)), return_exceptions=True)
    assert [type(r) for r in results].count(ValueError) == 1
    assert seen_after_return == [True] * 9
    async with ledger.read() as conn:
        feed = await events.since(conn, 0)
    assert sorted(int(e.entity_id) for e in feed) == [0, 1, 2, 4, 5, 6, 7, 8, 9]


async def test_a_cancelled_waiter_does_not_strand_the_others(ledger: Ledger) -> None:
    writer = GroupWriter(ledger)
    release = asyncio.Event()

    async def slow() -> None:
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=1, action="x"
            )
            await release.wait()

    async def waiter() -> None:
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=2, action="x"
            )

    first = asyncio.create_task(slow())
    await asyncio.sleep(0)
    second = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    second.cancel()
    release.set()
    await asyncio.wait_for(first, timeout=5)
    with pytest.raises(asyncio.CancelledError):
        await second
    async with ledger.read() as conn:
        assert [e.entity_id for e in await events.since(conn, 0)] == ["1"]


async def test_a_writer_cancelled_after_its_body_does_not_break_the_commit(
    ledger: Ledger,
) -> None:
    """The first writer's body is done and waits for the group's commit; it is cancelled
    (its task stopped) before the second writer commits the group. The commit must still
    succeed for the second writer, and both writes are kept (the first one's body ran)."""
    writer = GroupWriter(ledger)
    first_joined = asyncio.Event()
    release = asyncio.Event()

    async def first() -> None:
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=1, action="x"
            )
        first_joined.set()  # not reached: the body returned, the commit is awaited

    async def second() -> None:
        async with writer.write() as conn:
            await release.wait()
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=2, action="x"
            )

    one = asyncio.create_task(first())
    two = asyncio.create_task(second())
    while not writer._joined:  # noqa: ASYNC110 (the first body has run and joined the group)
        await asyncio.sleep(0)
    one.cancel()
    with pytest.raises(asyncio.CancelledError):
        await one
    release.set()
    await asyncio.wait_for(two, timeout=5)
    assert not first_joined.is_set()
    async with ledger.read() as conn:
        assert sorted(e.entity_id for e in await events.since(conn, 0)) == ["1", "2"]


async def test_a_lone_write_needs_no_savepoint_and_a_failing_one_leaves_nothing(
    ledger: Ledger,
) -> None:
    """A body alone in its transaction runs without a SAVEPOINT (two statements fewer per
    write); when it fails, its transaction is rolled back whole and the next write works."""
    writer = GroupWriter(ledger)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    sa.event.listen(ledger.engine.sync_engine, "before_cursor_execute", record)
    try:
        with pytest.raises(ValueError, match="half-written"):
            async with writer.write() as conn:
                await events.append(
                    conn, actor="t", entity_type=EntityType.CHARGE, entity_id=1, action="x"
                )
                raise ValueError("half-written")
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=2, action="x"
            )
    finally:
        sa.event.remove(ledger.engine.sync_engine, "before_cursor_execute", record)
    assert not [s for s in statements if "SAVEPOINT" in s.upper()]
    async with ledger.read() as conn:
        assert [e.entity_id for e in await events.since(conn, 0)] == ["2"]


async def test_a_failing_one_statement_body_undoes_only_itself_without_a_savepoint(
    ledger: Ledger,
) -> None:
    """A body of one statement joins the others' transaction without a SAVEPOINT on SQLite
    (which undoes a failed statement by itself); its failure leaves the others' writes
    committed. PostgreSQL aborts a transaction on any failed statement: there it keeps one."""
    writer = GroupWriter(ledger)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    async def append(n: int) -> None:
        async with writer.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=n, action="x"
            )

    async def copy_every_event_twice() -> None:  # the first copies go in, then one fails
        columns = "at, actor, entity_type, entity_id, action"
        async with writer.write(one_statement=True) as conn:
            await conn.execute(
                sa.text(
                    f"INSERT INTO events (seq, {columns}) SELECT seq + 1000, {columns} FROM events"
                    f" UNION ALL SELECT seq, {columns} FROM events"
                )
            )

    sa.event.listen(ledger.engine.sync_engine, "before_cursor_execute", record)
    try:
        results = await asyncio.gather(
            append(1), copy_every_event_twice(), append(3), return_exceptions=True
        )
    finally:
        sa.event.remove(ledger.engine.sync_engine, "before_cursor_execute", record)
    assert results[0] is None
    assert results[2] is None
    assert isinstance(results[1], sa.exc.IntegrityError)
    savepoints = [s for s in statements if s.upper().startswith("SAVEPOINT")]
    assert len(savepoints) == (1 if ledger.dialect == "sqlite" else 2)  # append(3) joined too
    async with ledger.read() as conn:
        assert sorted(e.entity_id for e in await events.since(conn, 0)) == ["1", "3"]
