"""What a distributor's answer (or failure) does to an order, and the issues it opens.

Shared by submission, reconciliation, polling and cancellation: recording a placed order
line by line (partial acceptance), and turning a typed provider error into the right state,
issue and pause. Services decide by error type only.

Issues are worded from the remediation catalog: one per order and kind, and one per
distributor for credentials however many orders hit them. A distributor whose credential
is not usable is paused (`pause`, in the caller's transaction, so the order is recorded in
the same one); `procdesk auth ingram|tdsynnex` verifies new credentials and marks them ok,
and the work goes on by itself.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    CredentialState,
    Distributor,
    EntityType,
    IssueKind,
    OrderLineStatus,
    OrderStatus,
)
from procdesk.domain.order import Order
from procdesk.domain.remediation import remedy_for
from procdesk.integrations.distributor.models import PlacedOrder
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    InvalidCustomerNumberError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    TransientError,
)
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store import credentials, events, issues, order_work


class Outcome(StrEnum):
    DONE = "done"  # the order moved on (or stopped for a person)
    LATER = "later"  # try again after a pause (transient)
    PAUSE = "pause"  # the distributor's credential failed: stop its work for now


async def record_placed(
    conn: AsyncConnection,
    order: Order,
    placed: PlacedOrder,
    *,
    actor: str,
    now: datetime,
    reconciled: bool,
) -> None:
    """The distributor has the order: its number, accepted and rejected lines."""
    for line in placed.accepted_lines:
        if line.line_number is None:
            continue
        backordered = bool(line.backordered_quantity)
        await order_work.update_line(
            conn,
            order.id,
            line.line_number,
            now=now,
            status=(OrderLineStatus.BACKORDERED if backordered else OrderLineStatus.ORDERED).value,
            distributor_line_status=line.raw_status or None,
            quantity_confirmed=line.confirmed_quantity,
            quantity_backordered=line.backordered_quantity,
        )
    rejected = [line for line in placed.rejected_lines if line.line_number is not None]
    for refused in rejected:
        await order_work.update_line(
            conn,
            order.id,
            refused.line_number or 0,
            now=now,
            status=OrderLineStatus.REJECTED.value,
            reject_reason=f"{refused.code}: {refused.reason}" if refused.code else refused.reason,
        )
    await order_work.move(
        conn,
        order.id,
        OrderStatus.ORDERED,
        actor=actor,
        now=now,
        action="reconciled" if reconciled else "placed",
        detail={
            "distributor_order_id": placed.distributor_order_id,
            "rejected_lines": [line.line_number for line in rejected],
        },
        distributor_order_id=placed.distributor_order_id,
        distributor_status=placed.raw_status or None,
        placed_at=now,
        processing_since=None,
        last_error=None,
        error_kind=None,
        next_attempt_at=now,  # first status poll right away
        lease_owner=None,
        lease_until=None,
    )
    await resolve_order_problems(conn, order.id, actor=actor, now=now)
    if rejected:
        reasons = "; ".join(
            f"line {line.line_number} ({line.part_number}): {line.reason}" for line in rejected
        )
        await open_for_order(
            conn,
            IssueKind.ORDER_REJECTED,
            order_id=order.id,
            distributor=order.distributor,
            message=f"{order.distributor.value} rejected {len(rejected)} line(s): {reasons}",
            actor=actor,
            now=now,
            detail={"rejected_lines": [line.line_number for line in rejected]},
        )


async def stop_for_person(
    conn: AsyncConnection,
    order: Order,
    kind: IssueKind,
    message: str,
    *,
    actor: str,
    now: datetime,
    detail: dict[str, object] | None = None,
) -> None:
    """The order cannot go on by itself: error state, and an issue saying what to do."""
    await order_work.move(
        conn,
        order.id,
        OrderStatus.ERROR,
        actor=actor,
        now=now,
        detail={"kind": kind.value},
        last_error=message,
        error_kind=kind.value,
        next_attempt_at=None,
        lease_owner=None,
        lease_until=None,
    )
    await open_for_order(
        conn,
        kind,
        order_id=order.id,
        distributor=order.distributor,
        message=message,
        actor=actor,
        now=now,
        detail=detail,
    )


async def retry_later(
    conn: AsyncConnection,
    order: Order,
    error: ProviderError,
    *,
    settings: ProcurementSettings,
    now: datetime,
) -> None:
    retry_after = error.retry_after if isinstance(error, RateLimitedError) else None
    await order_work.set_fields(
        conn,
        order.id,
        last_error=str(error),
        error_kind=IssueKind.DISTRIBUTOR_UNAVAILABLE.value,
        next_attempt_at=now + settings.retry_delay(max(order.attempts, 1), retry_after),
        lease_owner=None,
        lease_until=None,
    )


def credential_failure(error: ProviderError) -> tuple[CredentialState, IssueKind] | None:
    """The credential state and issue for an error that no retry of this order can fix."""
    if isinstance(error, InvalidCustomerNumberError):
        return CredentialState.INVALID, IssueKind.INVALID_CUSTOMER_NUMBER
    if isinstance(error, CredentialsMissingError):
        return CredentialState.MISSING, IssueKind.CREDENTIALS_INVALID
    if isinstance(error, PermissionDeniedError):
        return CredentialState.INVALID, IssueKind.CREDENTIALS_INVALID
    if isinstance(error, AuthenticationError):
        return CredentialState.EXPIRED, IssueKind.CREDENTIALS_EXPIRED
    return None


async def pause_distributor(
    conn: AsyncConnection,
    distributor: Distributor,
    error: ProviderError,
    *,
    actor: str,
    now: datetime,
) -> bool:
    """Pause the distributor when `error` is a credential failure; True when it was."""
    failure = credential_failure(error)
    if failure is None:
        return False
    state, kind = failure
    await pause(
        conn, distributor, state=state, message=error.message, actor=actor, now=now, kind=kind
    )
    return True


async def failed(
    conn: AsyncConnection,
    order: Order,
    error: ProviderError,
    *,
    settings: ProcurementSettings,
    actor: str,
    now: datetime,
) -> Outcome:
    """Record a failed call about `order` and say what the worker does next."""
    failure = credential_failure(error)
    if failure is not None:
        state, kind = failure
        await pause(
            conn,
            order.distributor,
            state=state,
            message=error.message,
            actor=actor,
            now=now,
            kind=kind,
        )
        # the order waits where it is (still due) until the credential works again
        await order_work.set_fields(
            conn,
            order.id,
            last_error=str(error),
            error_kind=kind.value,
            lease_owner=None,
            lease_until=None,
        )
        return Outcome.PAUSE
    if isinstance(error, TransientError | RateLimitedError):
        await retry_later(conn, order, error, settings=settings, now=now)
        return Outcome.LATER
    kind = error.kind if error.kind is IssueKind.PRODUCT_UNAVAILABLE else IssueKind.ORDER_REJECTED
    await stop_for_person(conn, order, kind, str(error), actor=actor, now=now)
    return Outcome.DONE


# What a successful placement or poll proves fixed for the order.
ORDER_PROBLEMS = (
    IssueKind.STUCK_PROCESSING,
    IssueKind.PRODUCT_UNAVAILABLE,
    IssueKind.PRICE_CHANGED,
    IssueKind.DISTRIBUTOR_UNAVAILABLE,
    IssueKind.INTERNAL_ERROR,
)


async def open_for_order(
    conn: AsyncConnection,
    kind: IssueKind,
    *,
    order_id: int,
    distributor: Distributor,
    message: str,
    actor: str,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> int:
    remedy = remedy_for(kind)
    return await issues.open_issue(
        conn,
        kind=kind,
        subject_type=EntityType.ORDER,
        subject_id=order_id,
        title=f"{remedy.title}: order {order_id}",
        message=message,
        hint=remedy.hint,
        action=remedy.action,
        actor=actor,
        provider=distributor.provider,
        detail={"order_id": order_id, **(detail or {})},
        now=now,
    )


async def open_for_distributor(
    conn: AsyncConnection,
    kind: IssueKind,
    *,
    distributor: Distributor,
    message: str,
    actor: str,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> int:
    """One issue per distributor (credentials): however many orders hit it."""
    remedy = remedy_for(kind)
    provider = distributor.provider
    if provider is None:
        raise ValueError(f"{distributor.value} has no provider credentials")
    return await issues.open_issue(
        conn,
        kind=kind,
        subject_type=EntityType.CREDENTIAL,
        subject_id=provider.value,
        title=f"{remedy.title}: {distributor.value}",
        message=message,
        hint=remedy.hint.replace("PROVIDER", provider.value),
        action=remedy.action,
        actor=actor,
        provider=provider,
        detail=dict(detail or {}),
        now=now,
    )


async def resolve_order_problems(
    conn: AsyncConnection, order_id: int, *, actor: str, now: datetime
) -> None:
    await issues.resolve_for_subject(
        conn, EntityType.ORDER, order_id, actor=actor, kinds=ORDER_PROBLEMS, now=now
    )


_ISSUE_FOR_STATE = {
    CredentialState.EXPIRED: IssueKind.CREDENTIALS_EXPIRED,
    CredentialState.INVALID: IssueKind.CREDENTIALS_INVALID,
    CredentialState.MISSING: IssueKind.CREDENTIALS_INVALID,
}


async def is_paused(conn: AsyncConnection, distributor: Distributor) -> bool:
    provider = distributor.provider
    if provider is None:
        return True
    row = await credentials.get(conn, provider)
    return row is not None and row.state is not CredentialState.OK


async def pause(
    conn: AsyncConnection,
    distributor: Distributor,
    *,
    state: CredentialState,
    message: str,
    actor: str,
    now: datetime,
    kind: IssueKind | None = None,
) -> None:
    """Mark the credential unusable and open its one issue. `message` is never a secret."""
    provider = distributor.provider
    if provider is None:
        raise ValueError(f"{distributor.value} has no credentials")
    await credentials.put(conn, provider, state=state, now=now, last_error=message)
    await open_for_distributor(
        conn,
        kind or _ISSUE_FOR_STATE[state],
        distributor=distributor,
        message=message,
        actor=actor,
        now=now,
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CREDENTIAL,
        entity_id=provider.value,
        action="paused",
        detail={"state": state.value, "message": message},
        at=now,
    )
