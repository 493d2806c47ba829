"""The ticket charges pane: every charge with its sync status and Autotask state."""

from __future__ import annotations

from textual.binding import Binding

from procdesk.domain.charge import Charge
from procdesk.domain.labels import cancel_reason_label
from procdesk.tui import confirmations
from procdesk.tui.formatting import CHARGE_STATUS, money, quantity, status_class, status_text
from procdesk.tui.widgets.columns import Column
from procdesk.tui.widgets.pane import Pane


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
    BINDINGS = [
        Binding("r", "retry", "Retry", id="charges.retry"),
        Binding("R", "retry_all", "Retry all of kind", show=False, id="charges.retry_all"),
        Binding("x", "cancel_charges", "Cancel", id="charges.cancel"),
        Binding("n", "reorder", "Re-order", id="charges.reorder"),
        Binding("w", "quote", "Quote", id="charges.quote"),
    ]
    EMPTY = "No charges yet: `procdesk quotes import FILE` adds one per accepted line."
    HELP = (
        "Each accepted quote line becomes one Autotask ticket charge. Pending: waiting for the "
        "next sync. Synced: created in Autotask. Error: failed; the issues pane says why and "
        "how to fix it. Cancelled: withdrawn quote, changed mapping, or an admin."
    )
    COLUMNS = [
        Column("id", "ID", 7, align_right=True),
        Column[Charge](
            "status",
            "Status",
            11,
            render=lambda r: status_text(CHARGE_STATUS, r.status),
            style_class=lambda r: status_class(CHARGE_STATUS, r.status),
        ),
        Column("quote_id", "Quote", 10, priority=4),
        Column("company_name", "Company", 18, priority=1),
        Column("ticket_number", "Ticket", 15, priority=5),
        Column("sku", "SKU", 14, priority=2),
        Column[Charge](
            "quantity",
            "Qty",
            5,
            render=lambda r: quantity(r.quantity),
            align_right=True,
            priority=5,
        ),
        Column[Charge](
            "billable_amount",
            "Amount",
            12,
            render=lambda r: money(r.billable_amount),
            align_right=True,
            whole=True,
        ),
        Column("autotask_id", "Autotask", 8, align_right=True, priority=6),
        Column("procurement_status", "PSA status", 16, priority=6),
        Column[Charge](
            "last_error",
            "Error",
            16,
            render=lambda r: r.last_error or cancel_reason_label(r.cancel_reason),
            priority=3,
            grow=1,
        ),
    ]

    def action_retry(self) -> None:
        self.ask_then("retry", confirmations.ask_retry_charges)

    def action_retry_all(self) -> None:
        """Every charge in error with the same kind of error as the one under the cursor."""
        if (row := self.current()) is None:
            return
        if not isinstance(row, Charge) or row.status != "error" or not row.error_kind:
            self.notify("Put the cursor on a charge in error first.", severity="warning")
            return
        self.desk.start_action("retry all", confirmations.ask_retry_kind(self, row.error_kind))

    def action_cancel_charges(self) -> None:
        self.ask_then("cancel", confirmations.ask_cancel_charges)

    def action_reorder(self) -> None:
        self.ask_then("re-order", confirmations.ask_reorder)

    def action_quote(self) -> None:
        if isinstance(row := self.current(), Charge):
            self.desk.open_quote(row.quote_id)
