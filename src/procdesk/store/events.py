"""The events table: append-only change feed and audit trail.

Every state change in the ledger appends an event in the same transaction, so the feed
never claims a change that was rolled back and never misses one that committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType
from procdesk.domain.event import Event
from procdesk.store.batch_insert import TableRows
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


class NewEvent(NamedTuple):
    """One event to append in bulk, in the table's column order (a tuple, so tens of
    thousands of them, as an import writes, go to the driver without a dict each)."""

    at: datetime
    actor: str
    entity_type: str  # an EntityType's value
    entity_id: str
    action: str
    detail: Mapping[str, Any]


def table_rows(rows: Sequence[NewEvent]) -> TableRows:
    """The events as rows of the events table."""
    return TableRows(events, rows, NewEvent._fields)


async def append_many(conn: AsyncConnection, rows: Sequence[NewEvent]) -> None:
    """Append many events in the caller's transaction, in one statement."""
    await table_rows(rows).insert(conn)


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
