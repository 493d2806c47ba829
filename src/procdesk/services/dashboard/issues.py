"""What the dashboard does to issues: read one, dismiss some, retry what they affect."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from procdesk.domain.clock import Clock
from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.issue import Issue
from procdesk.services.charges.actions import ChargeActions
from procdesk.services.procurement.actions import ProcurementActions
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store import charges as charge_store
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger

OUTAGE = IssueKind.AUTOTASK_UNAVAILABLE  # one issue about Autotask, many charges waiting


class IssueRetryResult(BaseModel):
    charges: list[int] = Field(default_factory=list)  # charges sent again
    orders: list[int] = Field(default_factory=list)  # orders tried again
    skipped: dict[str, str] = Field(default_factory=dict)  # "charge 7" -> why not


class IssueActions:
    def __init__(
        self,
        ledger: Ledger,
        procurement: ProcurementSettings,
        *,
        actor: str,
        clock: Clock,
    ) -> None:
        self._ledger = ledger
        self._procurement = procurement
        self._actor = actor
        self._clock = clock

    async def get(self, issue_id: int) -> Issue | None:
        async with self._ledger.read() as conn:
            return await issue_store.get(conn, issue_id)

    async def dismiss(self, issue_ids: Sequence[int]) -> list[int]:
        """Close open issues without a fix; returns those that were open."""
        async with self._ledger.write() as conn:
            return await issue_store.dismiss(conn, issue_ids, actor=self._actor, now=self._clock())

    async def retry_affected(self, issue_ids: Sequence[int]) -> IssueRetryResult:
        """Retry the charges and orders the issues are about; an Autotask outage retries
        every charge waiting on it. Other subjects are fixed by their screen (e.g.
        re-authentication) and are reported as skipped."""
        result = IssueRetryResult()
        outage = False
        charge_ids: list[int] = []
        order_ids: list[int] = []
        async with self._ledger.read() as conn:
            rows = [await issue_store.get(conn, i) for i in issue_ids]
        for issue_id, row in zip(issue_ids, rows, strict=True):
            if row is None:
                result.skipped[f"issue {issue_id}"] = "no such issue"
                continue
            subject, subject_id = row.subject_type.value, row.subject_id
            if subject == EntityType.CHARGE.value and subject_id.isdigit():
                charge_ids.append(int(subject_id))
            elif subject == EntityType.ORDER.value and subject_id.isdigit():
                order_ids.append(int(subject_id))
            elif subject == EntityType.PROVIDER.value and row.kind is OUTAGE:
                outage = True
            else:
                result.skipped[f"{subject} {subject_id}"] = "nothing to retry: use the fix key"
        charges = ChargeActions(self._ledger, actor=self._actor, clock=self._clock)
        if outage:
            done = await charges.retry(all_errors=True, kind=OUTAGE)
            result.charges.extend(done.done)
        if charge_ids:
            done = await charges.retry(sorted(set(charge_ids) - set(result.charges)))
            result.charges.extend(done.done)
            result.skipped.update({f"charge {i}": why for i, why in done.skipped.items()})
        result.charges.sort()
        if order_ids:
            procurement = ProcurementActions(
                self._ledger, self._procurement, actor=self._actor, clock=self._clock
            )
            for outcome in await procurement.retry(sorted(set(order_ids))):
                if outcome.ok:
                    result.orders.append(outcome.order_id)
                else:
                    result.skipped[f"order {outcome.order_id}"] = outcome.message
        return result


async def charge_category(ledger: Ledger, charge_id: int) -> str | None:
    """The product category of a charge (the mapping its billing code comes from)."""
    async with ledger.read() as conn:
        row = await charge_store.get(conn, charge_id)
    return row.category if row else None
