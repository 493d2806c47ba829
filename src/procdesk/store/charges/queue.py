"""The worker's queue of charges: what is due, leases, and the mark before a create is sent.

None of these writes a status: they are bookkeeping around the status moves in `writes`."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus
from procdesk.store import leases
from procdesk.store.schema import charges, quote_lines

# Records built between two yields to the event loop while a claim reads its rows: a
# worker claims its next batch while its requests are in flight, and building 500 records
# in one go held the loop (and every answer that came back meanwhile) for 50-100 ms.
_ROWS_PER_TURN = 20


class ClaimedCharge(BaseModel):
    """A charge a worker holds, with what its quote line says about billing it."""

    model_config = ConfigDict(frozen=True)

    charge: Charge
    line_number: int
    product_id: int | None  # Autotask product
    billing_code_override: int | None


def due(now: datetime) -> sa.ColumnElement[bool]:
    """Pending charges to create, and cancellations waiting for the worker."""
    return sa.and_(
        charges.c.status.in_([ChargeStatus.PENDING.value, ChargeStatus.SYNCED.value]),
        charges.c.next_attempt_at <= now,
        sa.or_(
            charges.c.status == ChargeStatus.PENDING.value, charges.c.cancel_reason.is_not(None)
        ),
    )


async def claim_due(
    conn: AsyncConnection, *, owner: str, now: datetime, lease_for: timedelta, limit: int
) -> list[ClaimedCharge]:
    """Lease due charges to `owner`, each with the quote line it bills."""
    ids = await leases.claim(
        conn,
        charges,
        due=due(now),
        order_by=[charges.c.next_attempt_at, charges.c.id],
        owner=owner,
        now=now,
        lease_for=lease_for,
        limit=limit,
    )
    if not ids:
        return []
    rows = await conn.execute(
        sa.select(
            charges,
            quote_lines.c.line_number,
            quote_lines.c.product_id,
            quote_lines.c.billing_code_override,
        )
        .join(quote_lines, quote_lines.c.id == charges.c.quote_line_id)
        .where(charges.c.id.in_(ids))
    )
    by_id: dict[int, ClaimedCharge] = {}
    for n, row in enumerate(rows, 1):
        if not n % _ROWS_PER_TURN:
            await asyncio.sleep(0)
        values = row._mapping
        by_id[int(row.id)] = ClaimedCharge(
            charge=Charge.model_validate({c.name: values[c.name] for c in charges.c}),
            line_number=row.line_number,
            product_id=row.product_id,
            billing_code_override=row.billing_code_override,
        )
    return [by_id[i] for i in ids]


async def start_send(conn: AsyncConnection, charge: Charge, *, owner: str, now: datetime) -> bool:
    """Record that a create is about to be sent (its own committed transaction, first).

    False when the lease was lost or a cancel arrived: then nothing must be sent.
    """
    result = await conn.execute(_START_SEND, {"charge_id": charge.id, "owner": owner, "now": now})
    return bool(result.rowcount)


# Built once: it runs before every create, and building it each time cost more than running it.
_NOW = sa.bindparam("now", type_=charges.c.updated_at.type)
_START_SEND = (
    charges.update()
    .where(
        charges.c.id == sa.bindparam("charge_id"),
        charges.c.lease_owner == sa.bindparam("owner"),
        charges.c.status == ChargeStatus.PENDING.value,
        charges.c.cancel_reason.is_(None),
    )
    .values(send_started_at=_NOW, attempts=charges.c.attempts + 1, updated_at=_NOW)
)


async def renew_leases(conn: AsyncConnection, *, owner: str, until: datetime) -> int:
    """Extend every lease `owner` holds (a live worker keeps its in-flight charges)."""
    result = await conn.execute(
        charges.update().where(charges.c.lease_owner == owner).values(lease_until=until)
    )
    return int(result.rowcount or 0)


async def release(conn: AsyncConnection, charge_id: int, owner: str) -> None:
    await leases.release(conn, charges, charge_id, owner)


async def defer(conn: AsyncConnection, charge: Charge, *, until: datetime, owner: str) -> None:
    """Not now and not a failure: due again at `until`, lease given back."""
    await conn.execute(
        charges.update()
        .where(charges.c.id == charge.id, charges.c.lease_owner == owner)
        .values(next_attempt_at=until, lease_owner=None, lease_until=None)
    )
