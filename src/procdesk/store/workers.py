"""The workers table: who is running, their heartbeat, and finding the dead ones."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType
from procdesk.domain.worker import RUNNING, STOPPED, WorkerRecord
from procdesk.store import events, leases
from procdesk.store.schema import charges, orders, workers


async def register(
    conn: AsyncConnection, *, worker_id: str, host: str, pid: int, actor: str, now: datetime
) -> None:
    await conn.execute(
        workers.insert().values(
            id=worker_id,
            host=host,
            pid=pid,
            actor=actor,
            state=RUNNING,
            started_at=now,
            heartbeat_at=now,
            detail={},
        )
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.WORKER,
        entity_id=worker_id,
        action="started",
        detail={"host": host, "pid": pid},
        at=now,
    )


async def heartbeat(
    conn: AsyncConnection,
    worker_id: str,
    *,
    now: datetime,
    state: str = RUNNING,
    detail: Mapping[str, Any] | None = None,
    cycle_done: bool = False,
) -> None:
    values: dict[str, Any] = {"heartbeat_at": now, "state": state}
    if detail is not None:
        values["detail"] = dict(detail)
    if cycle_done:
        values["last_cycle_at"] = now
    await conn.execute(workers.update().where(workers.c.id == worker_id).values(**values))


async def stop(conn: AsyncConnection, worker_id: str, *, actor: str, now: datetime) -> None:
    await heartbeat(conn, worker_id, now=now, state=STOPPED)
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.WORKER,
        entity_id=worker_id,
        action="stopped",
        at=now,
    )


async def dead_on_host(
    conn: AsyncConnection, *, host: str, is_alive: Callable[[int], bool]
) -> list[str]:
    """Ids of workers on this host still marked running whose process no longer exists."""
    rows = await conn.execute(
        sa.select(workers.c.id, workers.c.pid).where(
            workers.c.host == host, workers.c.state != STOPPED
        )
    )
    return [row.id for row in rows if not is_alive(row.pid)]


async def mark_dead(
    conn: AsyncConnection, worker_ids: list[str], *, actor: str, now: datetime
) -> None:
    for worker_id in worker_ids:
        await heartbeat(conn, worker_id, now=now, state=STOPPED)
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.WORKER,
            entity_id=worker_id,
            action="found_dead",
            at=now,
        )


async def list_all(conn: AsyncConnection) -> list[WorkerRecord]:
    rows = await conn.execute(sa.select(workers).order_by(workers.c.started_at))
    return [WorkerRecord.model_validate(r._mapping) for r in rows]


async def free_leases(conn: AsyncConnection, worker_ids: list[str]) -> int:
    """Free every lease (charges and orders) held by these workers, known to be dead."""
    freed = 0
    for table in (charges, orders):
        freed += await leases.release_owners(conn, table, worker_ids)
    return freed
