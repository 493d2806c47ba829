"""Claiming due work with a lease, for any table with `lease_owner` and `lease_until`.

A worker claims rows for a while; another worker (or the same one restarted) never takes a
row whose lease has not run out. The claim is one function so that team mode can swap in
`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL; this portable form selects candidates
and then takes them with an UPDATE that re-checks the lease, so two workers racing for the
same row cannot both win (SQLite serialises writers; PostgreSQL re-evaluates the WHERE).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection


def lease_free(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(table.c.lease_until.is_(None), table.c.lease_until <= now)


async def claim(
    conn: AsyncConnection,
    table: sa.Table,
    *,
    due: sa.ColumnElement[bool],
    order_by: Sequence[sa.ColumnElement[object]],
    owner: str,
    now: datetime,
    lease_for: timedelta,
    limit: int,
) -> list[int]:
    """Lease up to `limit` rows matching `due` (and not leased by anyone) to `owner`.

    Returns the ids actually claimed, in `order_by` order. Call it in a write transaction.
    On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED, so workers racing
    for due rows each take different ones instead of queueing behind each other.
    """
    if conn.dialect.name == "postgresql":
        return await _claim_skip_locked(
            conn,
            table,
            due=due,
            order_by=order_by,
            owner=owner,
            until=now + lease_for,
            now=now,
            limit=limit,
        )
    candidates = [
        int(i)
        for i in (
            await conn.execute(
                sa.select(table.c.id)
                .where(due, lease_free(table, now))
                .order_by(*order_by)
                .limit(limit)
            )
        ).scalars()
    ]
    if not candidates:
        return []
    await conn.execute(
        table.update()
        .where(table.c.id.in_(candidates), lease_free(table, now))
        .values(lease_owner=owner, lease_until=now + lease_for)
    )
    won = set(
        (
            await conn.execute(
                sa.select(table.c.id).where(
                    table.c.id.in_(candidates), table.c.lease_owner == owner
                )
            )
        ).scalars()
    )
    return [i for i in candidates if i in won]


async def _claim_skip_locked(
    conn: AsyncConnection,
    table: sa.Table,
    *,
    due: sa.ColumnElement[bool],
    order_by: Sequence[sa.ColumnElement[object]],
    owner: str,
    until: datetime,
    now: datetime,
    limit: int,
) -> list[int]:
    locked = [
        int(i)
        for i in (
            await conn.execute(
                sa.select(table.c.id)
                .where(due, lease_free(table, now))
                .order_by(*order_by)
                .limit(limit)
                .with_for_update(skip_locked=True, of=table)
            )
        ).scalars()
    ]
    if locked:
        await conn.execute(
            table.update()
            .where(table.c.id.in_(locked))
            .values(lease_owner=owner, lease_until=until)
        )
    return locked


async def release(conn: AsyncConnection, table: sa.Table, row_id: int, owner: str) -> None:
    await conn.execute(
        table.update()
        .where(table.c.id == row_id, table.c.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )


async def release_owners(conn: AsyncConnection, table: sa.Table, owners: Sequence[str]) -> int:
    """Free every lease held by these owners (workers known to be dead); returns the count."""
    if not owners:
        return 0
    result = await conn.execute(
        table.update()
        .where(table.c.lease_owner.in_(list(owners)))
        .values(lease_owner=None, lease_until=None)
    )
    return int(result.rowcount or 0)
