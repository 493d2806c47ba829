"""Every status move of a charge, each recorded with an event in the same transaction.

Each move is checked by the domain (`Charge.check_move`) and written only while the row
still has the status the check saw (compare and set)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType, IssueKind
from procdesk.domain.money import billable_amount
from procdesk.domain.quote import LineFacts, Quote, QuoteLine
from procdesk.domain.ticket_charge import new_marker_token
from procdesk.store import events
from procdesk.store.schema import charges

# A charge's search text: what never changes (quote, company, SKU, description, ticket),
# then after a newline what its writes change (the columns below), kept current by `_write`.
CHANGING = ("status", "last_error", "cancel_reason", "autotask_id", "procurement_status")
# (an enum's `.value` is a Python-level property; an import makes tens of thousands of rows)
_PENDING = ChargeStatus.PENDING.value


def _search_text(quote: Quote, line: LineFacts) -> str:
    parts = (quote.id, quote.company_name, line.sku, line.description, quote.ticket_number or "")
    return " ".join(str(p) for p in parts if p).lower() + "\n" + _PENDING


def search_text_update(
    fixed: sa.ColumnElement[str], written: Mapping[str, sa.ColumnElement[str]]
) -> sa.ColumnElement[str]:
    """The search text after a write: `fixed` (the part that never changes, with its
    newline), then the changing columns as they will be (`written`: the new text of those
    this write sets, lower case; the others are the row's own, read by the UPDATE itself)."""
    text = fixed
    for i, name in enumerate(CHANGING):
        part = written.get(name)
        if part is None:
            column = sa.cast(charges.c[name], sa.Text)
            part = sa.func.lower(sa.func.coalesce(column, ""))
        text = text + (sa.literal(" ") + part if i else part)
    return text


def search_fixed_part(charge: Charge) -> str:
    return charge.search_text.split("\n")[0] + "\n"


def search_part(value: Any) -> str:
    """A changing column's value as it appears in the search text."""
    return "" if value is None else str(getattr(value, "value", value)).lower()


def _search_update(charge: Charge, values: Mapping[str, Any]) -> sa.ColumnElement[str]:
    written = {n: sa.literal(search_part(values[n])) for n in CHANGING if n in values}
    return search_text_update(sa.literal(search_fixed_part(charge)), written)


def pending_values(
    quote: Quote, line_id: int, line: LineFacts, now: datetime, marker: str
) -> dict[str, Any]:
    """The row of a new pending charge for a quote line (stored as `line_id`), due now;
    `marker` is a `new_marker_token` (its `[procdesk:<marker>]` goes into notes)."""
    return {
        "quote_line_id": line_id,
        "quote_id": quote.id,
        "ticket_id": quote.ticket_id,
        "ticket_number": quote.ticket_number,
        "status": _PENDING,
        "marker": marker,
        "is_billed": False,
        "company_name": quote.company_name,
        "sku": line.sku,
        "description": line.description,
        "category": line.category,
        "quantity": line.quantity,
        "unit_cost": line.unit_cost,
        "unit_price": line.unit_price,
        "billable_amount": billable_amount(line.quantity, line.unit_price),
        "attempts": 0,
        "next_attempt_at": now,
        "search_text": _search_text(quote, line),
        "created_at": now,
        "updated_at": now,
    }


async def _write(
    conn: AsyncConnection,
    charge: Charge,
    *,
    action: str,
    actor: str,
    now: datetime,
    detail: Mapping[str, Any] | None = None,
    owner: str | None = None,
    status: ChargeStatus | None = None,
    **values: Any,
) -> bool:
    """Change one charge and record why, in one step; returns whether the row changed.

    With `status`, the move is checked by the domain and written only while the row still
    has `charge.status`. With `owner`, only while that worker still holds the lease.
    """
    where = charges.c.id == charge.id
    if status is not None:
        charge.check_move(status)
        where = sa.and_(where, charges.c.status == charge.status.value)
        values["status"] = status.value
    if owner is not None:
        where = sa.and_(where, charges.c.lease_owner == owner)
    if any(name in values for name in CHANGING):
        values["search_text"] = _search_update(charge, values)
    result = await conn.execute(charges.update().where(where).values(updated_at=now, **values))
    if not result.rowcount:
        return False
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CHARGE,
        entity_id=charge.id,
        action=action,
        detail=dict(detail or {}),
        at=now,
    )
    return True


async def create_pending(
    conn: AsyncConnection, *, quote: Quote, line: QuoteLine, actor: str, now: datetime
) -> int:
    """A new pending charge for a quote line, due now; returns its id."""
    values = pending_values(quote, line.id, line, now, new_marker_token())
    charge_id = (
        await conn.execute(charges.insert().values(**values).returning(charges.c.id))
    ).scalar_one()
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CHARGE,
        entity_id=charge_id,
        action="created",
        detail={"quote_id": quote.id, "quote_line_id": line.id},
        at=now,
    )
    return int(charge_id)


async def resolve_ticket(
    conn: AsyncConnection, charge: Charge, ticket_id: int, *, actor: str, owner: str, now: datetime
) -> bool:
    """The quote named a ticket number; Autotask says which ticket id it is."""
    return await _write(
        conn,
        charge,
        action="ticket_resolved",
        actor=actor,
        now=now,
        owner=owner,
        detail={"ticket_number": charge.ticket_number, "ticket_id": ticket_id},
        ticket_id=ticket_id,
    )


async def mark_synced(
    conn: AsyncConnection,
    charge: Charge,
    *,
    autotask_id: int,
    billing_code_id: int | None,
    adopted: bool,
    actor: str,
    now: datetime,
) -> bool:
    """pending -> synced: the Autotask charge exists (created now, or found by its marker).

    Recorded whoever holds the lease: an Autotask id must never be lost. Due again only if
    a cancel arrived meanwhile (then at once)."""
    return await _write(
        conn,
        charge,
        action="adopted" if adopted else "synced",
        actor=actor,
        now=now,
        status=ChargeStatus.SYNCED,
        detail={"autotask_id": autotask_id, "ticket_id": charge.ticket_id},
        autotask_id=autotask_id,
        billing_code_id=billing_code_id,
        **synced_values(now),
    )


def synced_values(now: datetime) -> dict[str, Any]:
    """What pending -> synced sets besides the Autotask ids: no error, lease given back,
    due again only if a cancel arrived meanwhile (then at once)."""
    return {
        "synced_at": now,
        "last_error": None,
        "error_kind": None,
        "next_attempt_at": sa.case(
            (charges.c.cancel_reason.is_not(None), sa.literal(now, charges.c.updated_at.type)),
            else_=sa.null(),
        ),
        "lease_owner": None,
        "lease_until": None,
    }


async def mark_failed(
    conn: AsyncConnection,
    charge: Charge,
    *,
    kind: IssueKind,
    message: str,
    sent: bool,
    actor: str,
    owner: str,
    now: datetime,
) -> bool:
    """pending -> error: a failure a person must fix (the caller opens the issue).

    The answer came back, so no request is still on its way: `send_started_at` is cleared
    and a retry goes out at once (the marker is still looked up first, as attempts > 0)
    instead of waiting out the settle window meant for a crash mid-send."""
    return await _write(
        conn,
        charge,
        action="failed",
        actor=actor,
        now=now,
        owner=owner,
        status=ChargeStatus.ERROR,
        detail={"kind": kind.value, "message": message, "sent": sent},
        last_error=message,
        error_kind=kind.value,
        next_attempt_at=None,
        send_started_at=None,
        lease_owner=None,
        lease_until=None,
    )


async def postpone(
    conn: AsyncConnection,
    charge: Charge,
    *,
    message: str,
    until: datetime,
    count_attempt: bool,
    actor: str,
    owner: str,
    now: datetime,
) -> bool:
    """Transient trouble: stays pending, due again at `until`. `count_attempt`: this try
    did not already add to `attempts` when it was sent."""
    values: dict[str, Any] = {}
    if count_attempt:
        values["attempts"] = charges.c.attempts + 1
    return await _write(
        conn,
        charge,
        action="postponed",
        actor=actor,
        now=now,
        owner=owner,
        detail={"message": message, "retry_in_s": round((until - now).total_seconds(), 3)},
        last_error=message,
        error_kind=IssueKind.AUTOTASK_UNAVAILABLE.value,
        next_attempt_at=until,
        lease_owner=None,
        lease_until=None,
        **values,
    )


async def retry(
    conn: AsyncConnection,
    charge: Charge,
    *,
    actor: str,
    now: datetime,
    detail: Mapping[str, Any] | None = None,
) -> bool:
    """A charge in error goes back to pending; a postponed pending one is due at once.
    `detail` says why (default: the status it came from)."""
    status = ChargeStatus.PENDING if charge.status is ChargeStatus.ERROR else None
    return await _write(
        conn,
        charge,
        action="retry",
        actor=actor,
        now=now,
        status=status,
        detail=dict(detail) if detail is not None else {"from": charge.status.value},
        next_attempt_at=now,
    )


async def request_cancel(
    conn: AsyncConnection,
    charge: Charge,
    *,
    reason: CancelReason,
    note: str | None,
    actor: str,
    now: datetime,
) -> bool:
    """Ask the worker to delete it in Autotask first; the status stays until it has."""
    return await _write(
        conn,
        charge,
        action="cancel_requested",
        actor=actor,
        now=now,
        detail={"reason": reason.value, "note": note},
        cancel_reason=reason.value,
        cancel_note=note,
        next_attempt_at=now,
    )


async def mark_cancelled(
    conn: AsyncConnection,
    charge: Charge,
    *,
    reason: CancelReason,
    note: str | None,
    actor: str,
    now: datetime,
    owner: str | None = None,
    autotask_id: int | None = None,
    deleted: bool | None = None,
) -> bool:
    """-> cancelled: at once when nothing can exist in Autotask, or once the worker deleted
    (or found no) Autotask charge."""
    detail: dict[str, Any] = {"reason": reason.value}
    values: dict[str, Any] = {}
    if deleted is None:
        detail["note"] = note
        values = {"cancel_reason": reason.value, "cancel_note": note}
    else:
        detail |= {"autotask_id": autotask_id, "deleted": deleted}
        values = {"autotask_id": autotask_id}
    return await _write(
        conn,
        charge,
        action="cancelled",
        actor=actor,
        now=now,
        owner=owner,
        status=ChargeStatus.CANCELLED,
        detail=detail,
        next_attempt_at=None,
        lease_owner=None,
        lease_until=None,
        **values,
    )


async def drop_cancel_request(
    conn: AsyncConnection,
    charge: Charge,
    *,
    action: str,
    actor: str,
    owner: str,
    now: datetime,
    found_billed_as: int | None = None,
) -> bool:
    """The cancel cannot be carried out (Autotask refused, or it is billed there); the
    charge stays as it is. `found_billed_as`: the Autotask id of a charge found billed, which
    a pending charge was in fact synced as."""
    values: dict[str, Any] = {}
    status = None
    if found_billed_as is not None:
        values = {"is_billed": True, "autotask_id": found_billed_as}
        if charge.status is ChargeStatus.PENDING:
            status = ChargeStatus.SYNCED
    return await _write(
        conn,
        charge,
        action=action,
        actor=actor,
        now=now,
        owner=owner,
        status=status,
        detail={"reason": charge.cancel_reason.value if charge.cancel_reason else None},
        cancel_reason=None,
        cancel_note=None,
        next_attempt_at=None,
        lease_owner=None,
        lease_until=None,
        **values,
    )
