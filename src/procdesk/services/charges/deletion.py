"""The worker's half of cancellation: delete in Autotask first, then mark cancelled.

Runs for charges whose `cancel_reason` is set while they may exist in Autotask (synced, or
pending after a create may have been sent). A billed charge is never touched: the request
is dropped and an issue says so.
"""

from __future__ import annotations

from procdesk.domain.charge import Charge
from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType, IssueKind
from procdesk.domain.ticket_charge import charge_marker
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.errors import NotFoundError, ValidationError
from procdesk.services.charges.cancel import open_billed_issue
from procdesk.services.charges.issues import open_charge_issue
from procdesk.services.charges.outcomes import ChargeOutcomes
from procdesk.store import charges as charge_store
from procdesk.store import issues


async def process_cancel(client: AutotaskClient, outcomes: ChargeOutcomes, charge: Charge) -> str:
    """Carry out a requested cancel; returns "cancelled", "billed" or "refused".

    Authentication and transient errors propagate (the caller pauses or postpones).
    """
    ticket_id = charge.ticket_id
    autotask_id = charge.autotask_id
    if charge.status is ChargeStatus.PENDING:
        found = (
            None
            if ticket_id is None
            else await client.find_ticket_charge_noting(ticket_id, charge_marker(charge.marker))
        )
        if found is None:
            await _finish(outcomes, charge, autotask_id=None, deleted=False)
            return "cancelled"
        autotask_id = found.id
        billed = bool(found.is_billed)
    else:
        remote = None if autotask_id is None else await client.get_ticket_charge(autotask_id)
        if remote is None:
            await _finish(outcomes, charge, autotask_id=autotask_id, deleted=False)
            return "cancelled"
        billed = bool(remote.is_billed)
    if billed:
        await _refuse_billed(outcomes, charge, autotask_id)
        return "billed"
    if ticket_id is None or autotask_id is None:  # nothing Autotask could delete
        await _finish(outcomes, charge, autotask_id=autotask_id, deleted=False)
        return "cancelled"
    try:
        await client.delete_ticket_charge(ticket_id, autotask_id)
    except NotFoundError:
        pass  # gone already: the goal is reached
    except ValidationError as exc:
        if exc.kind is IssueKind.CHARGE_BILLED:
            await _refuse_billed(outcomes, charge, autotask_id)
            return "billed"
        await _refuse(outcomes, charge, exc.message)
        return "refused"
    await _finish(outcomes, charge, autotask_id=autotask_id, deleted=True)
    return "cancelled"


async def _finish(
    outcomes: ChargeOutcomes, charge: Charge, *, autotask_id: int | None, deleted: bool
) -> None:
    now = outcomes.clock()
    reason = charge.cancel_reason or CancelReason.ADMIN
    async with outcomes.write() as conn:
        changed = await charge_store.mark_cancelled(
            conn,
            charge,
            reason=reason,
            note=charge.cancel_note,
            actor=outcomes.actor,
            now=now,
            owner=outcomes.owner,
            autotask_id=autotask_id,
            deleted=deleted,
        )
        if not changed:
            return
        await issues.resolve_for_subject(
            conn, EntityType.CHARGE, charge.id, actor=outcomes.actor, now=now
        )
        if reason is CancelReason.MAPPING_CHANGED:
            await open_charge_issue(
                conn,
                charge,
                IssueKind.CHARGE_CANCELLED,
                message=(
                    f"The billing-code mapping of category {charge.category!r} changed; "
                    "the charge made under the old code was cancelled"
                    + (" and deleted in Autotask." if deleted else ".")
                ),
                actor=outcomes.actor,
                detail={"quote_id": charge.quote_id},
                now=now,
            )


async def _refuse_billed(outcomes: ChargeOutcomes, charge: Charge, autotask_id: int | None) -> None:
    # A pending charge found billed in Autotask is in fact synced: record what exists.
    now = outcomes.clock()
    async with outcomes.write() as conn:
        dropped = await charge_store.drop_cancel_request(
            conn,
            charge,
            action="cancel_refused_billed",
            actor=outcomes.actor,
            owner=outcomes.owner,
            now=now,
            found_billed_as=autotask_id,
        )
    if dropped:
        async with outcomes.write() as conn:
            await open_billed_issue(
                conn, charge, actor=outcomes.actor, now=outcomes.clock(), autotask_id=autotask_id
            )


async def _refuse(outcomes: ChargeOutcomes, charge: Charge, message: str) -> None:
    async with outcomes.write() as conn:
        dropped = await charge_store.drop_cancel_request(
            conn,
            charge,
            action="cancel_refused",
            actor=outcomes.actor,
            owner=outcomes.owner,
            now=outcomes.clock(),
        )
    if not dropped:
        return
    async with outcomes.write() as conn:
        await open_charge_issue(
            conn,
            charge,
            IssueKind.CHARGE_VALIDATION,
            title="Autotask refused to delete it",
            message=message,
            actor=outcomes.actor,
            detail={"quote_id": charge.quote_id},
            now=outcomes.clock(),
        )
