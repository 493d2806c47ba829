"""The procurement queue: orders at Ingram Micro and TD SYNNEX, from queued to delivered."""

from __future__ import annotations

from textual.binding import Binding

from procdesk.domain.order import Order, OrderRow
from procdesk.tui import confirmations
from procdesk.tui.formatting import (
    ORDER_STATUS,
    PROVIDER_NAME,
    money,
    status_class,
    status_text,
)
from procdesk.tui.widgets.columns import Column
from procdesk.tui.widgets.pane import Pane


class OrdersPane(Pane):
    TITLE = "Procurement queue"
    TABLE = "orders"
    STATUS_TABLE = ORDER_STATUS
    STATUS_ORDER = [
        "queued",
        "awaiting_approval",
        "processing",
        "ordered",
        "backordered",
        "on_hold",
        "shipped",
        "delivered",
        "error",
    ]
    SORTS = [
        ("id", False),
        ("updated_at", True),
        ("status", False),
        ("distributor", False),
        ("company_name", False),
        ("total_value", True),
    ]
    BINDINGS = [
        Binding("a", "approve", "Approve", id="orders.approve"),
        Binding("u", "submit", "Submit now", id="orders.submit"),
        Binding("r", "retry", "Retry", id="orders.retry"),
        Binding("x", "cancel_orders", "Cancel", id="orders.cancel"),
        Binding("v", "availability", "Availability", id="orders.availability"),
        Binding("m", "merge", "Merge marked", id="orders.merge"),
        Binding("w", "quote", "Quote", id="orders.quote"),
    ]
    SEARCHED = "id, status, our ref, quote, company, distributor, SKU, their order, PO or error"
    EMPTY = "No orders yet: accepted Ingram Micro and TD SYNNEX lines queue here."
    HELP = (
        "Orders for quote lines from distributors with ordering support (Ingram Micro, "
        "TD SYNNEX). Lines from other distributors never enter the queue. An order stuck in "
        "processing shows its last error; retry it once the distributor answers again."
    )
    COLUMNS = [
        Column("id", "ID", 6, align_right=True),
        Column[Order](
            "status",
            "Status",
            12,
            render=lambda r: status_text(ORDER_STATUS, r.status),
            style_class=lambda r: status_class(ORDER_STATUS, r.status),
        ),
        Column[Order](
            "distributor",
            "Distributor",
            12,
            render=lambda r: PROVIDER_NAME.get(r.distributor, r.distributor),
            priority=2,
        ),
        Column("quote_id", "Quote", 10, priority=3),
        Column("company_name", "Company", 18, priority=1),
        Column("reference", "Our ref", 16, priority=5),
        Column("distributor_order_id", "Their order", 12, priority=6),
        Column("distributor_status", "Their status", 12, priority=7),
        Column[OrderRow]("po_number", "PO", 8, priority=5),
        Column[OrderRow]("units_received", "Arrived", 14, render=lambda r: r.progress, priority=6),
        Column[Order](
            "total_value",
            "Value",
            12,
            render=lambda r: money(r.total_value),
            align_right=True,
            whole=True,
        ),
        Column("last_error", "Error", 16, priority=4, grow=1),
    ]

    def action_approve(self) -> None:
        """Show what approving commits to (value, threshold, margin, price moves), then ask."""
        self.ask_then("approve", confirmations.ask_approval)

    def action_submit(self) -> None:
        self.ask_then("submit", confirmations.ask_submit)

    def action_retry(self) -> None:
        self.ask_then("retry", confirmations.ask_retry_orders)

    def action_cancel_orders(self) -> None:
        self.ask_then("cancel", confirmations.ask_cancel_orders)

    def action_availability(self) -> None:
        if (row := self.current()) is not None:
            self.desk.open_availability(row.id)

    def action_merge(self) -> None:
        if len(self.table.marked) < 2:
            self.notify("Mark two or more orders (space) to merge them.", severity="warning")
            return
        self.ask_then("merge", confirmations.ask_merge)

    def action_quote(self) -> None:
        if isinstance(row := self.current(), Order):
            self.desk.open_quote(row.quote_id)
