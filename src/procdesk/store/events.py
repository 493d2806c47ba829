"""The events table: append-only change feed and audit trail.

Every state change in the ledger appends an event in the same transaction, so the feed
never claims a change that was rolled back and never misses one that committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType
from procdesk.domain.event import Event
from procdesk.store.batch_insert import insert_all, insert_rows
from procdesk.store.schema import events


async def append(
    conn: AsyncConnection,
    *,
    actor: str,
    entity_type: EntityType,
    entity_id: str | int,
    action: str,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> int:
    """Append one event in the caller's transaction; returns its sequence number."""
    result = await conn.execute(
        events.insert()
        .values(
            at=at or datetime.now(UTC),
            actor=actor,
            entity_type=entity_type.value,
            entity_id=str(entity_id),
            action=action,
            detail=dict(detail or {}),
        )
        .returning(events.c.seq)
    )
    return int(result.scalar_one())


async def append_many(conn: AsyncConnection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Bulk append (imports): each row has actor, entity_type, entity_id, action, detail."""
    if not rows:
        return
    now = datetime.now(UTC)
    await insert_all(
        conn,
        events,
        [
            {
                "at": row.get("at", now),
                "actor": row["actor"],
                "entity_type": EntityType(row["entity_type"]).value,
                "entity_id": str(row["entity_id"]),
                "action": row["action"],
                "detail": dict(row.get("detail") or {}),
            }
            for row in rows
        ],
    )


# What `append_rows` takes each row as, in this order.
ROW_COLUMNS = ("at", "actor", "entity_type", "entity_id", "action", "detail")
# (at, actor, entity type, entity id as text, action, detail)
EventRow = tuple[datetime, str, str, str, str, Mapping[str, Any]]


async def append_rows(conn: AsyncConnection, rows: Sequence[EventRow]) -> None:
    """Bulk append of rows already in the table's shape (an import's tens of thousands,
    where a dict per event cost more than writing it)."""
    await insert_rows(conn, events, ROW_COLUMNS, rows)


async def last_seq(conn: AsyncConnection) -> int:
    return int(
        (await conn.execute(sa.select(sa.func.coalesce(sa.func.max(events.c.seq), 0)))).scalar_one()
    )


async def since(conn: AsyncConnection, seq: int, *, limit: int = 1000) -> list[Event]:
    """Events after `seq`, oldest first: what a dashboard tails to learn what changed."""
    rows = await conn.execute(
        sa.select(events).where(events.c.seq > seq).order_by(events.c.seq).limit(limit)
    )
    return [Event.model_validate(dict(r._mapping)) for r in rows]


async def history(
    conn: AsyncConnection, entity_type: EntityType, entity_id: str | int
) -> list[Event]:
    """The audit trail of one entity, oldest first."""
    rows = await conn.execute(
        sa.select(events)
        .where(events.c.entity_type == entity_type.value, events.c.entity_id == str(entity_id))
        .order_by(events.c.seq)
    )
    return [Event.model_validate(dict(r._mapping)) for r in rows]
