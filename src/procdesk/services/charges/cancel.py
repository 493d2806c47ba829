"""Cancelling charges: at once when nothing can exist in Autotask, else as a request.

Cancelling a charge that may already exist in Autotask (synced, or pending after a create
may have been sent) sets `cancel_reason` while the status stays; the sync worker deletes
the Autotask charge first, then marks it cancelled (`deletion`). A billed charge is never
touched: it gets a CHARGE_BILLED issue instead.

Every function runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import (
    CancelReason,
    ChargeStatus,
    EntityType,
    IssueAction,
    IssueKind,
    Provider,
)
from procdesk.store import charges as charge_store
from procdesk.store import issues


class CancelOutcome(StrEnum):
    CANCELLED = "cancelled"  # done locally
    REQUESTED = "requested"  # the worker deletes it in Autotask first
    BILLED = "billed"  # left alone, an issue says so
    SKIPPED = "skipped"  # already cancelled


async def open_billed_issue(
    conn: AsyncConnection,
    charge: Charge,
    *,
    actor: str,
    now: datetime,
    autotask_id: int | None = None,
) -> None:
    """A billed charge was asked to change: one issue says it was left unchanged."""
    shown = autotask_id if autotask_id is not None else charge.autotask_id
    await issues.open_issue(
        conn,
        kind=IssueKind.CHARGE_BILLED,
        subject_type=EntityType.CHARGE,
        subject_id=charge.id,
        title=f"Charge {charge.id} is billed in Autotask and was left unchanged",
        message=(
            f"Autotask charge {shown} has isBilled = true; "
            "a billed charge is never changed or cancelled."
        ),
        hint="Review the quote with the customer; correct it with a credit in Autotask.",
        action=IssueAction.REVIEW_QUOTE,
        actor=actor,
        provider=Provider.AUTOTASK,
        detail={"autotask_id": shown, "quote_id": charge.quote_id},
        now=now,
    )


async def request_cancel(
    conn: AsyncConnection,
    charge: Charge,
    *,
    reason: CancelReason,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> CancelOutcome:
    """Cancel one charge, or ask the worker to; returns what happened."""
    if charge.status is ChargeStatus.CANCELLED:
        return CancelOutcome.SKIPPED
    if charge.is_billed:
        await open_billed_issue(conn, charge, actor=actor, now=now)
        return CancelOutcome.BILLED
    if charge.may_exist_in_autotask(now):
        await charge_store.request_cancel(
            conn, charge, reason=reason, note=note, actor=actor, now=now
        )
        return CancelOutcome.REQUESTED
    await charge_store.mark_cancelled(conn, charge, reason=reason, note=note, actor=actor, now=now)
    await issues.resolve_for_subject(conn, EntityType.CHARGE, charge.id, actor=actor, now=now)
    return CancelOutcome.CANCELLED


async def request_cancel_many(
    conn: AsyncConnection,
    charges: Sequence[Charge],
    *,
    reason: CancelReason,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> dict[CancelOutcome, list[int]]:
    """Charge ids by outcome (every outcome present, possibly empty)."""
    outcome: dict[CancelOutcome, list[int]] = {kind: [] for kind in CancelOutcome}
    for charge in charges:
        result = await request_cancel(conn, charge, reason=reason, actor=actor, now=now, note=note)
        outcome[result].append(charge.id)
    return outcome


async def request_cancel_for_quote(
    conn: AsyncConnection,
    *,
    quote_id: str,
    reason: CancelReason,
    actor: str,
    now: datetime,
) -> dict[CancelOutcome, list[int]]:
    """Cancel every charge of a quote (e.g. retracted or declined)."""
    return await request_cancel_many(
        conn, await charge_store.of_quote(conn, quote_id), reason=reason, actor=actor, now=now
    )
