"""A transaction PostgreSQL undoes because it met another (a deadlock) is told apart from
an outage and from a bug, through the exception as SQLAlchemy raises it."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage, is_write_conflict, outage_summary


async def test_a_real_deadlock_is_a_write_conflict(pg_ledger_url: str) -> None:
    first, second = await Ledger.open(pg_ledger_url), await Ledger.open(pg_ledger_url)
    try:
        async with first.write() as conn:
            await conn.execute(sa.text("CREATE TABLE probe (id int PRIMARY KEY, v int)"))
            await conn.execute(sa.text("INSERT INTO probe VALUES (1, 0), (2, 0)"))
        holds = [asyncio.Event(), asyncio.Event()]

        async def crosswise(ledger: Ledger, mine: int) -> None:
            """Lock row `mine`, wait until the other holds its own, then take that one."""
            other = 3 - mine
            async with ledger.write() as conn:
                await conn.execute(sa.text(f"UPDATE probe SET v = 1 WHERE id = {mine}"))
                holds[mine - 1].set()
                await holds[other - 1].wait()
                await conn.execute(sa.text(f"UPDATE probe SET v = 1 WHERE id = {other}"))

        results = await asyncio.gather(
            crosswise(first, 1), crosswise(second, 2), return_exceptions=True
        )
    finally:
        await first.close()
        await second.close()
    failed = [r for r in results if isinstance(r, BaseException)]
    assert len(failed) == 1  # PostgreSQL undid one of the two; the other committed
    [conflict] = failed
    assert is_write_conflict(conflict)
    assert not is_ledger_outage(conflict)
    assert outage_summary(conflict).startswith("DeadlockDetectedError: deadlock detected")
