"""An order's lines as a small table for its detail: what was ordered, at what price, and
how far each line got at the distributor."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.money import billable_amount
from procdesk.domain.order import Order
from procdesk.domain.text import shown
from procdesk.services.display import Table, money, quantity, words
from procdesk.store import orders as order_store

HEADINGS = [
    "Line id",  # what `procdesk orders switch|substitute LINE` takes
    "#",
    "SKU",
    "Part",
    "Qty",
    "Unit price",
    "Amount",
    "State",
    "Their status",
    "Confirmed",
    "Backordered",
    "ETA",
    "Tracking",
]


async def order_lines_table(conn: AsyncConnection, order: Order) -> Table:
    rows = []
    for line in await order_store.get_lines(conn, order.id):
        note = f" ({shown(line.reject_reason)})" if line.reject_reason else ""
        rows.append(
            [
                str(line.id),
                str(line.line_number),
                shown(line.sku),
                shown(line.part_number),
                quantity(line.quantity),
                money(line.unit_price),
                money(billable_amount(line.quantity, line.unit_price)),
                words(line.status) + note,
                shown(line.distributor_line_status or ""),
                "" if line.quantity_confirmed is None else f"{line.quantity_confirmed:,}",
                "" if line.quantity_backordered is None else f"{line.quantity_backordered:,}",
                shown(line.backorder_eta or ""),
                ", ".join(shown(t) for t in line.tracking_numbers),
            ]
        )
    return Table(headings=HEADINGS, rows=rows)
