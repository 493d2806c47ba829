"""The charges table: one ticket charge per quote line, and every change to it.

A charge moves `pending -> synced`, `pending -> error -> pending`, `pending|error ->
cancelled` and `synced -> cancelled` (help article). Cancelling is in `charge_cancel`:
for anything that may already exist in Autotask it is a request the sync worker carries
out. A billed charge is never touched.

Every function runs in the caller's transaction and appends its events there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    ChargeStatus,
    EntityType,
)
from procdesk.domain.money import billable_amount
from procdesk.domain.ticket_charge import new_marker_token
from procdesk.store import events, leases
from procdesk.store.schema import charges, quote_lines, quotes


def search_text(quote: Mapping[str, Any], line: Mapping[str, Any]) -> str:
    parts = (
        quote["id"],
        quote["company_name"],
        line["sku"],
        line["description"],
        quote.get("ticket_number") or "",
    )
    return " ".join(str(p) for p in parts if p).lower()


async def create_pending_charge(
    conn: AsyncConnection,
    *,
    quote: Mapping[str, Any],
    line: Mapping[str, Any],
    actor: str,
    now: datetime,
) -> int:
    """A new pending charge for a quote line, due now; returns its id."""
    charge_id = (
        await conn.execute(
            charges.insert()
            .values(
                quote_line_id=line["id"],
                quote_id=quote["id"],
                ticket_id=quote.get("ticket_id"),
                ticket_number=quote.get("ticket_number"),
                status=ChargeStatus.PENDING.value,
                marker=new_marker_token(),  # its `[procdesk:<marker>]` goes into notes
                is_billed=False,
                company_name=quote["company_name"],
                sku=line["sku"],
                description=line["description"],
                category=line["category"],
                quantity=line["quantity"],
                unit_cost=line["unit_cost"],
                unit_price=line["unit_price"],
                billable_amount=billable_amount(line["quantity"], line["unit_price"]),
                attempts=0,
                next_attempt_at=now,
                search_text=search_text(quote, line),
                created_at=now,
                updated_at=now,
            )
            .returning(charges.c.id)
        )
    ).scalar_one()
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CHARGE,
        entity_id=charge_id,
        action="created",
        detail={"quote_id": quote["id"], "quote_line_id": line["id"]},
        at=now,
    )
    return int(charge_id)


async def get(conn: AsyncConnection, charge_id: int) -> dict[str, Any] | None:
    row = (await conn.execute(sa.select(charges).where(charges.c.id == charge_id))).first()
    return dict(row._mapping) if row else None


async def get_many(conn: AsyncConnection, charge_ids: Sequence[int]) -> list[dict[str, Any]]:
    rows = await conn.execute(
        sa.select(charges).where(charges.c.id.in_(list(charge_ids))).order_by(charges.c.id)
    )
    return [dict(r._mapping) for r in rows]


async def update(
    conn: AsyncConnection,
    charge_id: int,
    *,
    actor: str,
    action: str,
    now: datetime,
    detail: Mapping[str, Any] | None = None,
    owner: str | None = None,
    **values: Any,
) -> bool:
    """Change one charge and record why, in one step.

    With `owner`, only while that worker still holds the charge's lease; returns whether
    the row changed (no event is written when it did not).
    """
    where = charges.c.id == charge_id
    if owner is not None:
        where = sa.and_(where, charges.c.lease_owner == owner)
    result = await conn.execute(charges.update().where(where).values(updated_at=now, **values))
    if not result.rowcount:
        return False
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CHARGE,
        entity_id=charge_id,
        action=action,
        detail=dict(detail or {}),
        at=now,
    )
    return True


# ---- the worker's queue ---------------------------------------------------------------


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
) -> list[dict[str, Any]]:
    """Lease due charges to `owner`; each row carries its line's product and code override."""
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
            quote_lines.c.product_id,
            quote_lines.c.billing_code_override,
            quote_lines.c.line_number,
        )
        .join(quote_lines, quote_lines.c.id == charges.c.quote_line_id)
        .where(charges.c.id.in_(ids))
    )
    by_id = {r.id: dict(r._mapping) for r in rows}
    return [by_id[i] for i in ids]


async def start_send(conn: AsyncConnection, charge_id: int, *, owner: str, now: datetime) -> bool:
    """Record that a create is about to be sent (its own committed transaction, first).

    False when the lease was lost or a cancel arrived: then nothing must be sent.
    """
    result = await conn.execute(
        charges.update()
        .where(
            charges.c.id == charge_id,
            charges.c.lease_owner == owner,
            charges.c.status == ChargeStatus.PENDING.value,
            charges.c.cancel_reason.is_(None),
        )
        .values(send_started_at=now, attempts=charges.c.attempts + 1, updated_at=now)
    )
    return bool(result.rowcount)


async def renew_leases(conn: AsyncConnection, *, owner: str, until: datetime) -> int:
    """Extend every lease `owner` holds (a live worker keeps its in-flight charges)."""
    result = await conn.execute(
        charges.update().where(charges.c.lease_owner == owner).values(lease_until=until)
    )
    return int(result.rowcount or 0)


async def release(conn: AsyncConnection, charge_id: int, owner: str) -> None:
    await leases.release(conn, charges, charge_id, owner)


async def synced_unbilled_after(
    conn: AsyncConnection, after_id: int, limit: int
) -> list[dict[str, Any]]:
    """Synced, unbilled charges with an Autotask id, by id after `after_id` (keyset pages)."""
    rows = await conn.execute(
        sa.select(
            charges.c.id, charges.c.autotask_id, charges.c.procurement_status, charges.c.is_billed
        )
        .where(
            charges.c.status == ChargeStatus.SYNCED.value,
            charges.c.is_billed.is_(False),
            charges.c.autotask_id.is_not(None),
            charges.c.id > after_id,
        )
        .order_by(charges.c.id)
        .limit(limit)
    )
    return [dict(r._mapping) for r in rows]


async def ids_with_status(
    conn: AsyncConnection, status: ChargeStatus, *, error_kind: str | None = None
) -> list[int]:
    query = sa.select(charges.c.id).where(charges.c.status == status.value)
    if error_kind is not None:
        query = query.where(charges.c.error_kind == error_kind)
    return [int(i) for i in (await conn.execute(query.order_by(charges.c.id))).scalars()]


async def ids_in_trouble(conn: AsyncConnection, *, error_kind: str | None = None) -> list[int]:
    """Charges in error, and pending charges postponed after failing (their error_kind is
    set until they sync); only those of `error_kind` when given."""
    in_trouble = sa.or_(
        charges.c.status == ChargeStatus.ERROR.value,
        sa.and_(
            charges.c.status == ChargeStatus.PENDING.value,
            charges.c.error_kind.is_not(None),
            charges.c.cancel_reason.is_(None),
        ),
    )
    query = sa.select(charges.c.id).where(in_trouble)
    if error_kind is not None:
        query = query.where(charges.c.error_kind == error_kind)
    return [int(i) for i in (await conn.execute(query.order_by(charges.c.id))).scalars()]


async def synced_in_category(conn: AsyncConnection, category: str) -> list[dict[str, Any]]:
    rows = await conn.execute(
        sa.select(charges)
        .where(charges.c.status == ChargeStatus.SYNCED.value, charges.c.category == category)
        .order_by(charges.c.id)
    )
    return [dict(r._mapping) for r in rows]


async def live_charge_for_line(conn: AsyncConnection, quote_line_id: int) -> int | None:
    """The line's charge that is not cancelled, if there is one."""
    return (
        await conn.execute(
            sa.select(charges.c.id).where(
                charges.c.quote_line_id == quote_line_id,
                charges.c.status != ChargeStatus.CANCELLED.value,
            )
        )
    ).scalar()


async def quote_and_line(
    conn: AsyncConnection, quote_line_id: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    line = (
        await conn.execute(sa.select(quote_lines).where(quote_lines.c.id == quote_line_id))
    ).one()
    quote = (await conn.execute(sa.select(quotes).where(quotes.c.id == line.quote_id))).one()
    return dict(quote._mapping), dict(line._mapping)
