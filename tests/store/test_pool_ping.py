"""A pooled PostgreSQL connection is tested on checkout only after it sat idle: a dead one
is then replaced before the query; a recently used one goes straight to the query."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from procdesk.store.ledger import to_async_url
from procdesk.store.pg.pool_ping import ping_when_idle

PID = sa.text("SELECT pg_backend_pid()")


async def pid_of_pooled(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(PID)).scalar_one())


async def kill(engine: AsyncEngine, pid: int) -> None:
    """End backend `pid` from another connection (waiting until it has ended)."""
    other = create_async_engine(engine.url, poolclass=sa.pool.NullPool)
    try:
        async with other.connect() as conn:
            ended = await conn.execute(sa.text(f"SELECT pg_terminate_backend({pid}, 60000)"))
            assert ended.scalar_one()
    finally:
        await other.dispose()


async def test_an_idle_connection_killed_by_the_server_is_replaced_before_the_query(
    pg_ledger_url: str,
) -> None:
    engine = create_async_engine(to_async_url(pg_ledger_url), pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_s=0)  # every checkout counts as idle
    try:
        first = await pid_of_pooled(engine)
        await kill(engine, first)
        second = await pid_of_pooled(engine)  # no error: the test found it dead
    finally:
        await engine.dispose()
    assert second != first


async def test_a_recently_used_connection_is_not_tested(pg_ledger_url: str) -> None:
    engine = create_async_engine(to_async_url(pg_ledger_url), pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_s=3600)  # every checkout counts as recent
    try:
        first = await pid_of_pooled(engine)
        await kill(engine, first)
        with pytest.raises(sa.exc.DBAPIError) as raised:
            await pid_of_pooled(engine)  # the query itself meets the dead connection
        assert raised.value.connection_invalidated
        second = await pid_of_pooled(engine)  # and the pool has replaced it
    finally:
        await engine.dispose()
    assert second != first
