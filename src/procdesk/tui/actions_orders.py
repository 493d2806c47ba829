"""Order actions from the dashboard, through ProcurementActions; each returns an Outcome."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from procdesk.tui.messages import Outcome
from procdesk.wiring import Context

if TYPE_CHECKING:  # the service loads with the first action, not with the dashboard
    from procdesk.services.procurement.actions import ActionResult, ProcurementActions


def _actions(context: Context) -> ProcurementActions:
    return context.order_actions()


def summarise(results: list[ActionResult]) -> Outcome:
    lines = [f"order {r.order_id}: {r.message}" for r in results]
    shown = lines[:6] + ([f"… {len(lines) - 6} more"] if len(lines) > 6 else [])
    ok = all(r.ok for r in results) and bool(results)
    return Outcome("\n".join(shown) or "nothing to do", "information" if ok else "warning")


Each: TypeAlias = "Callable[[ProcurementActions], Awaitable[list[ActionResult]]]"


async def _each(context: Context, action: Each) -> Outcome:
    return summarise(await action(_actions(context)))


async def approve(context: Context, ids: Sequence[int]) -> Outcome:
    return await _each(context, lambda a: a.approve(ids))


async def submit(context: Context, ids: Sequence[int]) -> Outcome:
    return await _each(context, lambda a: a.submit(ids))


async def retry(context: Context, ids: Sequence[int]) -> Outcome:
    return await _each(context, lambda a: a.retry(ids))


async def cancel(context: Context, ids: Sequence[int], reason: str) -> Outcome:
    return await _each(context, lambda a: a.cancel(ids, reason))


async def merge(context: Context, ids: Sequence[int]) -> Outcome:
    from procdesk.services.procurement.queue import MergeError

    try:
        merged = await _actions(context).merge(ids)
    except MergeError as exc:
        return Outcome(f"not merged: {exc}", "warning")
    return Outcome(f"orders {', '.join(map(str, ids))} merged into order {merged}")
