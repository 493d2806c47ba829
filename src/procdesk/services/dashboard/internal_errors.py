"""An unexpected exception in a dashboard job becomes an INTERNAL_ERROR issue, not a crash."""

from __future__ import annotations

from datetime import datetime

from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.remediation import remedy_for
from procdesk.store import issues
from procdesk.store.ledger import Ledger


def describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def record_internal_error(
    ledger: Ledger, *, actor: str, where: str, exc: BaseException, now: datetime
) -> int:
    """Open (or bump) the issue for an unexpected failure of dashboard job `where`."""
    remedy = remedy_for(IssueKind.INTERNAL_ERROR)
    async with ledger.write() as conn:
        return await issues.open_issue(
            conn,
            kind=IssueKind.INTERNAL_ERROR,
            subject_type=EntityType.WORKER,
            subject_id=f"dashboard:{where}",
            title=remedy.title,
            message=f"{where} failed: {describe(exc)}",
            hint=remedy.hint,
            action=remedy.action,
            actor=actor,
            now=now,
        )
