"""The worker's half of cancellation: delete in Autotask first, then mark cancelled.

Runs for charges whose `cancel_reason` is set while they may exist in Autotask (synced, or
pending after a create may have been sent). A billed charge is never touched: the request
is dropped and an issue says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType, IssueKind
from procdesk.domain.remediation import classify_autotask_message
from procdesk.domain.ticket_charge import charge_marker
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.errors import NotFoundError, ValidationError
from procdesk.services.charges.issues import open_charge_issue
from procdesk.services.charges.outcomes import ChargeOutcomes
from procdesk.store import charge_cancel, issues
from procdesk.store import charges as charge_store


async def process_cancel(
    client: AutotaskClient, outcomes: ChargeOutcomes, charge: Mapping[str, Any]
) -> str:
    """Carry out a requested cancel; returns "cancelled", "billed" or "refused".

    Authentication and transient errors propagate (the caller pauses or postpones).
    """
    ticket_id = charge["ticket_id"]
    autotask_id = charge["autotask_id"]
    if charge["status"] == ChargeStatus.PENDING.value:
        found = (
            None
            if ticket_id is None
            else await client.find_ticket_charge_noting(ticket_id, charge_marker(charge["marker"]))
        )
        if found is None:
            await _finish(outcomes, charge, autotask_id=None, deleted=False)
            return "cancelled"
        autotask_id = found.id
        billed = bool(found.is_billed)
    else:
        remote = await client.get_ticket_charge(autotask_id)
        if remote is None:
            await _finish(outcomes, charge, autotask_id=autotask_id, deleted=False)
            return "cancelled"
        billed = bool(remote.is_billed)
    if billed:
        await _refuse_billed(outcomes, charge, autotask_id)
        return "billed"
    try:
        await client.delete_ticket_charge(ticket_id, autotask_id)
    except NotFoundError:
        pass  # gone already: the goal is reached
    except ValidationError as exc:
        if classify_autotask_message(exc.message) is IssueKind.CHARGE_BILLED:
            await _refuse_billed(outcomes, charge, autotask_id)
            return "billed"
        await _refuse(outcomes, charge, exc.message)
        return "refused"
    await _finish(outcomes, charge, autotask_id=autotask_id, deleted=True)
    return "cancelled"


async def _finish(
    outcomes: ChargeOutcomes,
    charge: Mapping[str, Any],
    *,
    autotask_id: int | None,
    deleted: bool,
) -> None:
    now = outcomes.clock()
    reason = CancelReason(charge["cancel_reason"])
    async with outcomes.write() as conn:
        changed = await charge_store.update(
            conn,
            charge["id"],
            actor=outcomes.actor,
            action="cancelled",
            now=now,
            owner=outcomes.owner,
            detail={"reason": reason.value, "autotask_id": autotask_id, "deleted": deleted},
            status=ChargeStatus.CANCELLED.value,
            autotask_id=autotask_id,
            next_attempt_at=None,
            lease_owner=None,
            lease_until=None,
        )
        if not changed:
            return
        await issues.resolve_for_subject(
            conn, EntityType.CHARGE, charge["id"], actor=outcomes.actor, now=now
        )
        if reason is CancelReason.MAPPING_CHANGED:
            await open_charge_issue(
                conn,
                charge,
                IssueKind.CHARGE_CANCELLED,
                message=(
                    f"The billing-code mapping of category {charge['category']!r} changed; "
                    "the charge made under the old code was cancelled"
                    + (" and deleted in Autotask." if deleted else ".")
                ),
                actor=outcomes.actor,
                detail={"quote_id": charge["quote_id"]},
                now=now,
            )


async def _drop_request(
    outcomes: ChargeOutcomes, charge: Mapping[str, Any], action: str, **values: Any
) -> bool:
    now = outcomes.clock()
    async with outcomes.write() as conn:
        return await charge_store.update(
            conn,
            charge["id"],
            actor=outcomes.actor,
            action=action,
            now=now,
            owner=outcomes.owner,
            detail={"reason": charge["cancel_reason"]},
            cancel_reason=None,
            cancel_note=None,
            next_attempt_at=None,
            lease_owner=None,
            lease_until=None,
            **values,
        )


async def _refuse_billed(
    outcomes: ChargeOutcomes, charge: Mapping[str, Any], autotask_id: int | None
) -> None:
    # A pending charge found billed in Autotask is in fact synced: record what exists.
    extra: dict[str, Any] = {"is_billed": True, "autotask_id": autotask_id}
    if charge["status"] == ChargeStatus.PENDING.value:
        extra["status"] = ChargeStatus.SYNCED.value
    if await _drop_request(outcomes, charge, "cancel_refused_billed", **extra):
        async with outcomes.write() as conn:
            await charge_cancel.open_billed_issue(
                conn,
                {**charge, "autotask_id": autotask_id},
                actor=outcomes.actor,
                now=outcomes.clock(),
            )


async def _refuse(outcomes: ChargeOutcomes, charge: Mapping[str, Any], message: str) -> None:
    if not await _drop_request(outcomes, charge, "cancel_refused"):
        return
    async with outcomes.write() as conn:
        await open_charge_issue(
            conn,
            charge,
            IssueKind.CHARGE_VALIDATION,
            title="Autotask refused to delete it",
            message=message,
            actor=outcomes.actor,
            command="procdesk charges cancel ID",
            detail={"quote_id": charge["quote_id"]},
            now=outcomes.clock(),
        )
