"""Opening an issue about one charge, or about Autotask itself, worded from the remediation
catalog.

Every charge issue carries the same title shape and the catalog's hint and fix action. An
outage is one issue about Autotask, not
one per waiting charge: when Autotask stops answering, hundreds of charges wait at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import EntityType, IssueKind, Provider
from procdesk.domain.remediation import remedy_for
from procdesk.store import issues


async def open_charge_issue(
    conn: AsyncConnection,
    charge: Charge,
    kind: IssueKind,
    *,
    message: str,
    actor: str,
    now: datetime,
    provider: Provider | None = Provider.AUTOTASK,
    title: str | None = None,
    detail: Mapping[str, Any] | None = None,
    line_override: int | None = None,
) -> int:
    """Open (or bump) `kind` for the charge; `title` overrides the catalog's.
    `line_override`: the billing code the charge's quote line names itself, if any."""
    remedy = remedy_for(kind, line_override=line_override)
    if line_override is not None:
        detail = {**(detail or {}), "billing_code_override": line_override}
    return await issues.open_issue(
        conn,
        kind=kind,
        subject_type=EntityType.CHARGE,
        subject_id=charge.id,
        title=f"Charge {charge.id} ({charge.sku}): {title or remedy.title}",
        message=message,
        hint=remedy.hint,
        action=remedy.action,
        actor=actor,
        provider=provider,
        detail=dict(detail or {}),
        now=now,
    )


async def open_outage_issue(
    conn: AsyncConnection,
    charge: Charge,
    *,
    failures: int,
    message: str,
    actor: str,
    now: datetime,
) -> int:
    """Open (or bump) the one "Autotask not answering" issue; its detail names the charge
    that last kept failing. It resolves when a waiting charge goes through."""
    kind = IssueKind.AUTOTASK_UNAVAILABLE
    remedy = remedy_for(kind)
    return await issues.open_issue(
        conn,
        kind=kind,
        subject_type=EntityType.PROVIDER,
        subject_id=Provider.AUTOTASK.value,
        title=f"{remedy.title}: charges are waiting to be sent",
        message=message,
        hint=remedy.hint,
        action=remedy.action,
        actor=actor,
        provider=Provider.AUTOTASK,
        detail={
            "last_charge": charge.id,
            "last_charge_failures": failures,
        },
        now=now,
    )
