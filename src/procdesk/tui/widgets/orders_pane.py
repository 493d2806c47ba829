"""The procurement queue: orders at Ingram Micro and TD SYNNEX, from queued to delivered."""

from __future__ import annotations

from procdesk.tui.formatting import ORDER_STATUS, money, status_class, status_text
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.virtual_table import Column

DISTRIBUTOR_LABEL = {"ingram": "Ingram Micro", "tdsynnex": "TD SYNNEX"}


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
    HELP = (
        "Orders for quote lines from distributors with ordering support (Ingram Micro, "
        "TD SYNNEX). Lines from other distributors never enter the queue. An order stuck in "
        "processing shows its last error; retry it once the distributor answers again."
    )
    COLUMNS = [
        Column("id", "ID", 6, align_right=True),
        Column(
            "status",
            "Status",
            12,
            render=lambda r: status_text(ORDER_STATUS, r["status"]),
            style_class=lambda r: status_class(ORDER_STATUS, r["status"]),
        ),
        Column(
            "distributor",
            "Distributor",
            12,
            render=lambda r: DISTRIBUTOR_LABEL.get(r["distributor"], r["distributor"]),
        ),
        Column("quote_id", "Quote", 10),
        Column("company_name", "Company", 18),
        Column("reference", "Our ref", 16),
        Column("distributor_order_id", "Their order", 12),
        Column("distributor_status", "Their status", 12),
        Column(
            "total_value", "Value", 11, render=lambda r: money(r["total_value"]), align_right=True
        ),
        Column("last_error", "Error", 40),
    ]
