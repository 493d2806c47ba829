"""Cancelling charges: at once when nothing can exist in Autotask, else as a request.

Cancelling something that may already exist in Autotask (synced, or pending after a create
may have been sent) sets `cancel_reason` while the status stays; the sync worker deletes
the Autotask charge first, then marks it cancelled. A billed charge is never touched: it
gets a CHARGE_BILLED issue instead.

Every function runs in the caller's transaction and appends its events there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    CancelReason,
    ChargeStatus,
    EntityType,
    IssueAction,
    IssueKind,
    Provider,
)
from procdesk.store import issues
from procdesk.store.charges import update
from procdesk.store.schema import charges


def may_exist_in_autotask(charge: Mapping[str, Any], now: datetime) -> bool:
    """Could an Autotask charge exist for this ledger row (so a cancel must go remote)?"""
    if charge["status"] == ChargeStatus.SYNCED.value:
        return True
    if charge["status"] != ChargeStatus.PENDING.value:
        return False
    leased = charge["lease_until"] is not None and charge["lease_until"] > now
    return charge["send_started_at"] is not None or charge["attempts"] > 0 or leased


async def open_billed_issue(
    conn: AsyncConnection, charge: Mapping[str, Any], *, actor: str, now: datetime
) -> None:
    await issues.open_issue(
        conn,
        kind=IssueKind.CHARGE_BILLED,
        subject_type=EntityType.CHARGE,
        subject_id=charge["id"],
        title=f"Charge {charge['id']} is billed in Autotask and was left unchanged",
        message=(
            f"Autotask charge {charge['autotask_id']} has isBilled = true; "
            "a billed charge is never changed or cancelled."
        ),
        hint="Review the quote with the customer; correct it with a credit in Autotask.",
        action=IssueAction.REVIEW_QUOTE,
        actor=actor,
        provider=Provider.AUTOTASK,
        detail={"autotask_id": charge["autotask_id"], "quote_id": charge["quote_id"]},
        now=now,
    )


async def request_cancel(
    conn: AsyncConnection,
    charge: Mapping[str, Any],
    *,
    reason: CancelReason,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> str:
    """Cancel one charge, or ask the worker to; returns what happened.

    "cancelled" (done locally), "requested" (the worker deletes it in Autotask first),
    "billed" (left alone, an issue says so) or "skipped" (already cancelled).
    """
    status = charge["status"]
    if status == ChargeStatus.CANCELLED.value:
        return "skipped"
    if charge["is_billed"]:
        await open_billed_issue(conn, charge, actor=actor, now=now)
        return "billed"
    detail = {"reason": reason.value, "note": note}
    if may_exist_in_autotask(charge, now):
        await update(
            conn,
            charge["id"],
            actor=actor,
            action="cancel_requested",
            now=now,
            detail=detail,
            cancel_reason=reason.value,
            cancel_note=note,
            next_attempt_at=now,
        )
        return "requested"
    await update(
        conn,
        charge["id"],
        actor=actor,
        action="cancelled",
        now=now,
        detail=detail,
        status=ChargeStatus.CANCELLED.value,
        cancel_reason=reason.value,
        cancel_note=note,
        next_attempt_at=None,
        lease_owner=None,
        lease_until=None,
    )
    await issues.resolve_for_subject(conn, EntityType.CHARGE, charge["id"], actor=actor, now=now)
    return "cancelled"


async def request_cancel_many(
    conn: AsyncConnection,
    rows: Sequence[Mapping[str, Any]],
    *,
    reason: CancelReason,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> dict[str, list[int]]:
    outcome: dict[str, list[int]] = {"cancelled": [], "requested": [], "billed": [], "skipped": []}
    for row in rows:
        result = await request_cancel(conn, row, reason=reason, actor=actor, now=now, note=note)
        outcome[result].append(int(row["id"]))
    return outcome


async def request_cancel_for_quote(
    conn: AsyncConnection,
    *,
    quote_id: str,
    reason: CancelReason,
    actor: str,
    now: datetime,
) -> dict[str, list[int]]:
    """Cancel every charge of a quote (e.g. retracted or declined).

    Pending/error charges never sent are cancelled now; synced ones (and pending ones
    whose create may have been sent) are flagged for the worker to delete in Autotask;
    billed ones are left alone with an issue. Returns charge ids by outcome:
    {"cancelled", "requested", "billed", "skipped"}.
    """
    rows = await conn.execute(
        sa.select(charges).where(charges.c.quote_id == quote_id).order_by(charges.c.id)
    )
    return await request_cancel_many(
        conn, [dict(r._mapping) for r in rows], reason=reason, actor=actor, now=now
    )
