"""What Autotask says of synced charges now (procurement status, isBilled), written back.

The status refresh brings back hundreds of charges at a time; they are written with one
UPDATE and one INSERT of events for the whole page (executemany), not two statements each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import EntityType
from procdesk.store import events
from procdesk.store.charges.writes import search_fixed_part, search_part, search_text_update
from procdesk.store.schema import charges


@dataclass(frozen=True)
class AutotaskState:
    """One synced charge and what Autotask says of it now."""

    charge: Charge
    procurement_status: str | None
    is_billed: bool


_UPDATE = (
    charges.update()
    .where(charges.c.id == sa.bindparam("b_id"))
    .values(
        procurement_status=sa.bindparam("b_status"),
        is_billed=sa.bindparam("b_billed"),
        updated_at=sa.bindparam("b_now"),
        search_text=search_text_update(
            sa.bindparam("b_fixed", type_=sa.Text),
            {"procurement_status": sa.bindparam("b_status_text", type_=sa.Text)},
        ),
    )
)


async def record_autotask_states(
    conn: AsyncConnection, states: Sequence[AutotaskState], *, actor: str, now: datetime
) -> int:
    """Write each charge's Autotask state, with its `refreshed` event; returns how many
    rows changed. Charges are never deleted, so every charge given is written."""
    if not states:
        return 0
    result = await conn.execute(
        _UPDATE,
        [
            {
                "b_id": s.charge.id,
                "b_status": s.procurement_status,
                "b_billed": s.is_billed,
                "b_now": now,
                "b_fixed": search_fixed_part(s.charge),
                "b_status_text": search_part(s.procurement_status),
            }
            for s in states
        ],
    )
    if len(states) == 1 and not result.rowcount:
        return 0  # (a single UPDATE's count is exact; executemany's is not on every driver)
    await events.append_many(
        conn,
        [
            events.NewEvent(
                at=now,
                actor=actor,
                entity_type=EntityType.CHARGE.value,
                entity_id=str(s.charge.id),
                action="refreshed",
                detail={"procurement_status": s.procurement_status, "is_billed": s.is_billed},
            )
            for s in states
        ],
    )
    return len(states)


async def record_autotask_state(
    conn: AsyncConnection,
    charge: Charge,
    *,
    procurement_status: str | None,
    is_billed: bool,
    actor: str,
    now: datetime,
) -> bool:
    """What Autotask says of one synced charge now: its procurement status and isBilled."""
    state = AutotaskState(charge, procurement_status, is_billed)
    return await record_autotask_states(conn, [state], actor=actor, now=now) == 1
