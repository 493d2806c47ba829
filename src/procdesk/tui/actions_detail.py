"""The detail view of any dashboard row, as an Outcome carrying the report to show."""

from __future__ import annotations

from procdesk.services.dashboard.detail import SECTION_TITLES, load_detail
from procdesk.tui.messages import Outcome, Report
from procdesk.wiring import Context

# The keys on a detail that act on its problem, per table (the detail screen's bindings).
FIX_KEYS: dict[str, list[str]] = {
    "charges": [
        "r  retry (send it again)",
        "x  cancel (asks for a reason)",
        "n  re-order a cancelled charge",
        "f  open the fix (billing codes, login, …)",
        "w  the whole quote",
    ],
    "orders": [
        "r  retry placing it",
        "a  approve   u  submit   x  cancel",
        "v  availability at every distributor",
        "f  open the fix (login, customer number, …)",
        "w  the whole quote",
    ],
    "issues": ["f  open the fix", "d  dismiss"],
}


async def detail(context: Context, table: str, row_id: int) -> Outcome:
    found = await load_detail(context.ledger, table, row_id)
    if found is None:
        return Outcome(f"{table} {row_id} is gone", "warning")
    report = Report(
        found.title,
        found.as_text(FIX_KEYS.get(table)),
        table=table,
        row_id=row_id,
        quote_id=found.quote_id,
        headings=(found.heading, *SECTION_TITLES),
        issue_ids=(row_id,) if table == "issues" else tuple(i.id for i in found.issues),
    )
    return Outcome("", report=report)
