"""Charge actions from the dashboard, through ChargeActions; each returns an Outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from procdesk.domain.enums import IssueKind
from procdesk.tui.messages import Outcome
from procdesk.wiring import Context

if TYPE_CHECKING:  # the service loads with the first action, not with the dashboard
    from procdesk.services.charges.actions import ActionResult, ChargeActions


def _actions(context: Context) -> ChargeActions:
    return context.charge_actions()


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def summarise(result: ActionResult, verb: str) -> Outcome:
    parts = []
    if result.done:
        parts.append(f"{plural(len(result.done), 'charge')} {verb}")
    if result.requested:
        parts.append(
            f"{plural(len(result.requested), 'charge')} to delete in Autotask first "
            "(the worker does it next cycle)"
        )
    if result.created:
        parts.append("new " + ", ".join(str(i) for i in result.created.values()))
    for charge_id, why in list(result.skipped.items())[:5]:
        parts.append(f"charge {charge_id} skipped: {why}")
    if len(result.skipped) > 5:
        parts.append(f"{len(result.skipped) - 5} more skipped")
    changed = bool(result.done or result.requested)
    text = "; ".join(parts) or "nothing to do"
    return Outcome(text, "information" if changed else "warning")


async def retry(context: Context, ids: Sequence[int]) -> Outcome:
    return summarise(await _actions(context).retry(ids), "sent again next sync")


async def retry_all_errors(context: Context, kind: IssueKind) -> Outcome:
    result = await _actions(context).retry(all_errors=True, kind=kind)
    return summarise(result, f"in {kind.value.replace('_', ' ')} sent again next sync")


async def cancel(context: Context, ids: Sequence[int], reason: str) -> Outcome:
    return summarise(await _actions(context).cancel(ids, note=reason), "cancelled")


async def reorder(context: Context, ids: Sequence[int]) -> Outcome:
    return summarise(await _actions(context).reorder(ids), "re-ordered")
