"""Opening and resolving procurement issues with the remedy the domain gives each kind."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, IssueKind
from procdesk.domain.remediation import remedy_for
from procdesk.store import issues

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
        detail={"command": remedy.command.replace("PROVIDER", provider.value), **(detail or {})},
        now=now,
    )


async def resolve_order_problems(
    conn: AsyncConnection, order_id: int, *, actor: str, now: datetime
) -> None:
    await issues.resolve_for_subject(
        conn, EntityType.ORDER, order_id, actor=actor, kinds=ORDER_PROBLEMS, now=now
    )
