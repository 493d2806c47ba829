"""The ticket charges pane: every charge with its sync status and Autotask state."""

from __future__ import annotations

from procdesk.tui.formatting import CHARGE_STATUS, money, quantity, status_class, status_text
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.virtual_table import Column


class ChargesPane(Pane):
    TITLE = "Ticket charges"
    TABLE = "charges"
    STATUS_TABLE = CHARGE_STATUS
    STATUS_ORDER = ["pending", "synced", "error", "cancelled"]
    SORTS = [
        ("id", False),
        ("updated_at", True),
        ("status", False),
        ("company_name", False),
        ("billable_amount", True),
        ("quote_id", False),
    ]
    HELP = (
        "Each accepted quote line becomes one Autotask ticket charge. Pending: waiting for the "
        "next sync. Synced: created in Autotask. Error: failed; the issues pane says why and "
        "how to fix it. Cancelled: withdrawn quote, changed mapping, or an admin."
    )
    COLUMNS = [
        Column("id", "ID", 7, align_right=True),
        Column(
            "status",
            "Status",
            11,
            render=lambda r: status_text(CHARGE_STATUS, r["status"]),
            style_class=lambda r: status_class(CHARGE_STATUS, r["status"]),
        ),
        Column("quote_id", "Quote", 10),
        Column("company_name", "Company", 18),
        Column("ticket_number", "Ticket", 15),
        Column("sku", "SKU", 14),
        Column("quantity", "Qty", 5, render=lambda r: quantity(r["quantity"]), align_right=True),
        Column(
            "billable_amount",
            "Amount",
            11,
            render=lambda r: money(r["billable_amount"]),
            align_right=True,
        ),
        Column("autotask_id", "Autotask", 8, align_right=True),
        Column("procurement_status", "PSA status", 16),
        Column(
            "last_error",
            "Error",
            40,
            render=lambda r: r["last_error"] or (r["cancel_reason"] or ""),
        ),
    ]
