"""The detail view of any dashboard row, as an Outcome carrying the report to show."""

from __future__ import annotations

from procdesk.domain.state_machines import ORDER_BEFORE_SHIPPING
from procdesk.services.dashboard.detail import SECTION_TITLES, load_detail
from procdesk.tui.messages import Outcome, Report
from procdesk.wiring import Context

# The keys on a detail that act on its problem: (key and what it does, the statuses it
# applies to; empty: any).
FIX_KEYS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "charges": [
        ("r  retry (send it again)", ("error", "pending")),
        ("x  cancel (asks for a reason)", ("pending", "error", "synced")),
        ("n  re-order (a new charge for the line)", ("cancelled",)),
        ("f  open the fix (billing codes, login, …)", ()),
        ("w  the whole quote", ()),
    ],
    "orders": [
        ("a  approve (shows what it commits to)", ("awaiting_approval",)),
        ("u  submit to the distributor", ("queued",)),
        ("r  retry placing it", ("error", "processing")),
        ("x  cancel (asks for a reason)", tuple(s.value for s in ORDER_BEFORE_SHIPPING)),
        ("v  availability at every distributor", ()),
        ("e  receive by hand (goods without distributor data)", ()),
        ("l  link an existing Autotask purchase order (or skip a line)", ()),
        ("f  open the fix (login, customer number, …)", ()),
        ("w  the whole quote", ()),
    ],
    "issues": [("f  open the fix", ()), ("d  dismiss", ())],
}


def keys_for(table: str, status: str) -> list[str]:
    return [key for key, statuses in FIX_KEYS.get(table, []) if not statuses or status in statuses]


async def detail(context: Context, table: str, row_id: int) -> Outcome:
    found = await load_detail(context.ledger, table, row_id)
    if found is None:
        return Outcome(f"{table} {row_id} is gone", "warning")
    report = Report(
        found.title,
        found.as_text(keys_for(table, found.status)),
        table=table,
        row_id=row_id,
        quote_id=found.quote_id,
        headings=(found.heading, *SECTION_TITLES),
        issue_ids=(row_id,) if table == "issues" else tuple(i.id for i in found.issues),
    )
    return Outcome("", report=report)
