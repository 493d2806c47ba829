"""pending -> synced for many charges in one statement: the worker's most frequent write.

The same move as `writes.mark_synced`, with the same compare and set (each row only while
it still has the status its check saw), but one UPDATE ... RETURNING for the whole group
and one insert for their events, instead of two statements (and their SQL built afresh)
per charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, EntityType
from procdesk.store import events
from procdesk.store.charges.writes import (
    search_fixed_part,
    search_part,
    search_text_update,
    synced_values,
)
from procdesk.store.schema import charges


@dataclass(frozen=True)
class Synced:
    """One charge found or created in Autotask, to record."""

    charge: Charge
    autotask_id: int
    billing_code_id: int | None
    adopted: bool


def _by_id(values: dict[int, Any], type_: Any = None) -> sa.ColumnElement[Any]:
    """A CASE on the row's id: each charge's own value in one statement."""
    whens = {charge_id: sa.literal(value, type_) for charge_id, value in values.items()}
    return sa.case(whens, value=charges.c.id)


async def mark_synced_many(
    conn: AsyncConnection, synced: Sequence[Synced], *, actor: str, now: datetime
) -> set[int]:
    """Record each charge as synced (created now, or found by its marker), whoever holds
    its lease; the ids of those written (a row whose status moved meanwhile is left as it
    is, as `mark_synced` does). Due again only if a cancel arrived meanwhile."""
    if not synced:
        return set()
    for item in synced:
        item.charge.check_move(ChargeStatus.SYNCED)
    by_id = {item.charge.id: item for item in synced}
    if len(by_id) != len(synced):
        raise ValueError("a charge appears twice in one synced batch")
    status = ChargeStatus.SYNCED.value
    search = search_text_update(
        _by_id({i: search_fixed_part(s.charge) for i, s in by_id.items()}, sa.Text),
        {
            "status": sa.literal(status),
            "last_error": sa.literal(""),
            "autotask_id": _by_id({i: search_part(s.autotask_id) for i, s in by_id.items()}),
        },
    )
    statement = (
        charges.update()
        .where(
            charges.c.id.in_(list(by_id)),
            charges.c.status == _by_id({i: s.charge.status.value for i, s in by_id.items()}),
        )
        .values(
            status=status,
            autotask_id=_by_id({i: s.autotask_id for i, s in by_id.items()}, sa.Integer),
            billing_code_id=_by_id({i: s.billing_code_id for i, s in by_id.items()}, sa.Integer),
            updated_at=now,
            search_text=search,
            **synced_values(now),
        )
        .returning(charges.c.id)
    )
    written = {int(row.id) for row in await conn.execute(statement)}
    await events.append_many(
        conn,
        [
            events.NewEvent(
                at=now,
                actor=actor,
                entity_type=EntityType.CHARGE.value,
                entity_id=str(charge_id),
                action="adopted" if item.adopted else "synced",
                detail={"autotask_id": item.autotask_id, "ticket_id": item.charge.ticket_id},
            )
            for charge_id, item in by_id.items()
            if charge_id in written
        ],
    )
    return written
