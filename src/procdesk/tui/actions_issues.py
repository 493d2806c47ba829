"""Issue actions from the dashboard (dismiss, retry what they affect); each returns an
Outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from procdesk.tui.messages import Outcome
from procdesk.wiring import Context

if TYPE_CHECKING:  # the service loads with the first action, not with the dashboard
    from procdesk.services.dashboard.issues import IssueActions


def _actions(context: Context) -> IssueActions:
    return context.issue_actions()


async def dismiss(context: Context, ids: Sequence[int]) -> Outcome:
    closed = await _actions(context).dismiss(ids)
    if not closed:
        return Outcome("nothing dismissed: those issues are no longer open", "warning")
    return Outcome(f"dismissed {len(closed):,} issue(s)")


async def retry_affected(context: Context, ids: Sequence[int]) -> Outcome:
    result = await _actions(context).retry_affected(ids)
    parts = []
    if result.charges:
        parts.append(f"{len(result.charges):,} charge(s) sent again next sync")
    if result.orders:
        parts.append(f"{len(result.orders):,} order(s) tried again next cycle")
    parts += [f"{subject}: {why}" for subject, why in list(result.skipped.items())[:5]]
    changed = bool(result.charges or result.orders)
    return Outcome("; ".join(parts) or "nothing to retry", "information" if changed else "warning")
