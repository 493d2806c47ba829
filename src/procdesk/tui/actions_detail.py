"""The detail view of any dashboard row, as an Outcome carrying the report to show."""

from __future__ import annotations

from procdesk.services.dashboard.detail import load_detail
from procdesk.tui.messages import Outcome, Report
from procdesk.wiring import Context


async def detail(context: Context, table: str, row_id: int) -> Outcome:
    found = await load_detail(context.ledger, table, row_id)
    if found is None:
        return Outcome(f"{table} {row_id} is gone", "warning")
    return Outcome("", report=Report(found.title, found.as_text()))
