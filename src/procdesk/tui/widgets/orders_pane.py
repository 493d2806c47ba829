"""The procurement queue: orders at Ingram Micro and TD SYNNEX, from queued to delivered."""

from __future__ import annotations

from decimal import Decimal

from textual.binding import Binding

from procdesk.domain.order import Order, OrderRow
from procdesk.services.procurement.approval import ApprovalPreview
from procdesk.tui import actions_orders
from procdesk.tui.formatting import (
    ORDER_STATUS,
    PROVIDER_NAME,
    money,
    status_class,
    status_text,
)
from procdesk.tui.messages import Outcome
from procdesk.tui.widgets.columns import Column
from procdesk.tui.widgets.pane import Pane


def approval_text(previews: list[ApprovalPreview]) -> str:
    """One paragraph per order: what it costs, the threshold, the margin, price moves."""
    parts: list[str] = []
    for p in previews[:8]:
        if not p.awaits_approval:
            parts.append(f"Order {p.order_id}: {p.status.value}, not awaiting approval (skipped)")
            continue
        pct = f" ({p.margin_pct:.1f}%)" if p.margin_pct is not None else ""
        moved = p.price_change
        change = (
            "prices as quoted"
            if not moved
            else f"price {'up' if moved > 0 else 'down'} {money(abs(moved))} since the quote"
        )
        where = PROVIDER_NAME.get(p.distributor, p.distributor)
        parts.append(
            f"Order {p.order_id} — {p.company_name}, {where}\n"
            f"  value {p.currency} {money(p.value)} (approval above {money(p.threshold)})\n"
            f"  margin {p.currency} {money(p.margin)}{pct}; {change}"
        )
    if len(previews) > 8:
        parts.append(f"… and {len(previews) - 8} more")
    total = sum((p.value for p in previews if p.awaits_approval), Decimal(0))
    currencies = {p.currency for p in previews if p.awaits_approval}
    if len(currencies) == 1:
        parts.append(f"Total to approve: {currencies.pop()} {money(total)}")
    return "\n".join(parts)


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
    ]
    SEARCHED = "id, our ref, quote, company, distributor or SKU"
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
        ids = self.table.marked_or_current_ids()
        if not ids:
            self.notify("No row here.", severity="warning")
            return
        self.desk.start_action("approve", self._ask_approval(ids))

    async def _ask_approval(self, ids: list[int]) -> Outcome:
        from procdesk.tui.screens.confirm import ConfirmScreen

        context = self.desk.context
        previews = await context.order_actions().approval_previews(ids)
        waiting = [p.order_id for p in previews if p.awaits_approval]
        if not waiting:
            return Outcome("None of these orders waits for approval.", "warning")

        def confirmed(answer: str | None) -> None:
            if answer is not None:
                self.take_ids()
                self.desk.start_action("approve", actions_orders.approve(context, waiting))

        title = f"Approve {len(waiting)} order{'s' if len(waiting) > 1 else ''}?"
        self.app.push_screen(
            ConfirmScreen(
                title, approval_text(previews), confirm_label="Approve", ask_reason=False
            ),
            confirmed,
        )
        return Outcome("")

    def action_submit(self) -> None:
        if ids := self.take_ids():
            self.desk.start_action("submit", actions_orders.submit(self.desk.context, ids))

    def action_retry(self) -> None:
        if ids := self.take_ids():
            self.desk.start_action("retry", actions_orders.retry(self.desk.context, ids))

    def action_cancel_orders(self) -> None:
        self.confirm_then(
            "cancel",
            "Orders not yet placed are cancelled now; placed ones are cancelled at the "
            "distributor by the worker.",
            lambda ids, reason: actions_orders.cancel(self.desk.context, ids, reason),
        )

    def action_availability(self) -> None:
        if (row := self.current()) is not None:
            self.desk.open_availability(row.id)

    def action_merge(self) -> None:
        if len(self.table.marked) < 2:
            self.notify("Mark two or more orders (space) to merge them.", severity="warning")
            return
        ids = self.take_ids()
        self.desk.start_action("merge", actions_orders.merge(self.desk.context, ids))
