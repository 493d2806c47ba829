"""What a billing admin does to charges: retry, cancel (with a reason), re-order."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.clock import Clock
from procdesk.domain.enums import CancelReason, ChargeStatus, IssueKind
from procdesk.services.charges.cancel import CancelOutcome, request_cancel_many
from procdesk.services.charges.selection import ChargeSelection, in_trouble, select_charges
from procdesk.store import charges as charge_store
from procdesk.store.ledger import Ledger


class ActionResult(BaseModel):
    """Which charges the action applied to, and why the others were left alone."""

    done: list[int] = Field(default_factory=list)
    requested: list[int] = Field(default_factory=list)  # the worker finishes these
    skipped: dict[int, str] = Field(default_factory=dict)
    created: dict[int, int] = Field(default_factory=dict)  # re-order: old id -> new id


class ChargeActions:
    def __init__(self, ledger: Ledger, *, actor: str, clock: Clock) -> None:
        self._ledger = ledger
        self._actor = actor
        self._clock = clock

    async def selection(self, ids: Sequence[int]) -> ChargeSelection:
        """What acting on these charges would touch (for the confirmation)."""
        return await select_charges(self._ledger, ids)

    async def in_trouble(self, kind: IssueKind | None = None) -> list[int]:
        """The charges a retry of every error (of `kind`) would send again."""
        return await in_trouble(self._ledger, kind)

    async def retry(
        self,
        ids: Sequence[int] = (),
        *,
        all_errors: bool = False,
        kind: IssueKind | None = None,
    ) -> ActionResult:
        """Errors go back to pending, and postponed pending charges are due now."""
        result = ActionResult()
        now = self._clock()
        async with self._ledger.write() as conn:
            if all_errors:
                ids = await charge_store.ids_in_trouble(conn, error_kind=kind)
            for charge in await self._rows(conn, ids, result):
                if charge.status is ChargeStatus.ERROR or (
                    charge.status is ChargeStatus.PENDING and charge.cancel_reason is None
                ):
                    await charge_store.retry(conn, charge, actor=self._actor, now=now)
                    result.done.append(charge.id)
                else:
                    result.skipped[charge.id] = f"it is {charge.status.value}"
        return result

    async def cancel(
        self,
        ids: Sequence[int],
        *,
        note: str,
        reason: CancelReason = CancelReason.ADMIN,
    ) -> ActionResult:
        """Cancel charges; synced ones are deleted in Autotask by the worker first."""
        result = ActionResult()
        now = self._clock()
        async with self._ledger.write() as conn:
            rows = await self._rows(conn, ids, result)
            outcome = await request_cancel_many(
                conn, rows, reason=reason, actor=self._actor, now=now, note=note
            )
        result.done = outcome[CancelOutcome.CANCELLED]
        result.requested = outcome[CancelOutcome.REQUESTED]
        for charge_id in outcome[CancelOutcome.BILLED]:
            result.skipped[charge_id] = "it is billed in Autotask; an issue says so"
        for charge_id in outcome[CancelOutcome.SKIPPED]:
            result.skipped[charge_id] = "it is already cancelled"
        return result

    async def reorder(self, ids: Sequence[int]) -> ActionResult:
        """A fresh pending charge for each cancelled charge's quote line."""
        result = ActionResult()
        now = self._clock()
        async with self._ledger.write() as conn:
            for charge in await self._rows(conn, ids, result):
                if charge.status is not ChargeStatus.CANCELLED:
                    result.skipped[charge.id] = (
                        f"it is {charge.status.value}; only cancelled charges are re-ordered"
                    )
                    continue
                live = await charge_store.live_charge_for_line(conn, charge.quote_line_id)
                if live is not None:
                    result.skipped[charge.id] = f"its line already has charge {live}"
                    continue
                quote, line = await charge_store.quote_and_line(conn, charge.quote_line_id)
                new_id = await charge_store.create_pending(
                    conn, quote=quote, line=line, actor=self._actor, now=now
                )
                result.created[charge.id] = new_id
                result.done.append(charge.id)
        return result

    @staticmethod
    async def _rows(
        conn: AsyncConnection, ids: Sequence[int], result: ActionResult
    ) -> list[Charge]:
        rows = await charge_store.get_many(conn, ids)
        found = {r.id for r in rows}
        for charge_id in ids:
            if charge_id not in found:
                result.skipped[charge_id] = "no such charge"
        return rows
