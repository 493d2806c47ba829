"""One quote as a person reviews it: the header with its ship-to address, and every line
with its charge (procdesk and Autotask) and its order (procdesk, the distributor, the
Autotask purchase order and deliveries) side by side."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, OrderStatus
from procdesk.domain.money import billable_amount
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.quote import Quote, QuoteLine, QuoteSummary
from procdesk.services.purchase_orders.lines import NOT_COMING
from procdesk.store import charges as charge_store
from procdesk.store import orders as order_store
from procdesk.store import purchase_orders as po_store
from procdesk.store import quotes as quote_store
from procdesk.store import shipments as shipment_store
from procdesk.store.ledger import Ledger

PICKER_LIMIT = 500  # the palette's quote picker lists the most recently changed ones


class Delivery(BaseModel):
    """A line's Autotask side: its PO number, units shipped and received."""

    po_number: str | None = None
    shipped: int = 0
    received: int = 0
    ordered: int = 0

    @property
    def text(self) -> str:
        if not (self.po_number or self.shipped or self.received):
            return ""
        po = f"PO {self.po_number}: " if self.po_number else ""
        if self.received:
            return f"{po}{self.received}/{self.ordered} received"
        return f"{po}{self.shipped}/{self.ordered} shipped"


class QuoteViewLine(BaseModel):
    line: QuoteLine
    charge: Charge | None = None  # the newest charge of the line
    order: Order | None = None
    order_line: OrderLine | None = None
    delivery: Delivery | None = None

    @property
    def amount(self) -> Decimal:
        return billable_amount(self.line.quantity, self.line.unit_price)

    @property
    def charge_status(self) -> ChargeStatus | None:
        return self.charge.status if self.charge else None

    @property
    def order_status(self) -> OrderStatus | None:
        return self.order.status if self.order else None


class QuoteView(BaseModel):
    quote: Quote
    lines: list[QuoteViewLine]

    @property
    def charge_ids(self) -> list[int]:
        return [v.charge.id for v in self.lines if v.charge is not None]

    @property
    def order_ids(self) -> list[int]:
        return sorted({v.order.id for v in self.lines if v.order is not None})


async def _deliveries(ledger: Ledger, orders: list[Order]) -> dict[tuple[int, int], Delivery]:
    """(order id, order line number) -> its delivery, for orders with an Autotask side."""
    found: dict[tuple[int, int], Delivery] = {}
    async with ledger.read() as conn:
        links = await po_store.get_many(conn, [o.id for o in orders])
        for order in orders:
            shipments = await shipment_store.of_order(conn, order.id)
            link = links.get(order.id)
            if link is None and not shipments:
                continue
            receipts = await shipment_store.receipts_of(conn, order.id)
            po_number = None
            if link is not None and link.autotask_po_id is not None:
                po_number = link.po_number or str(link.autotask_po_id)
            for line in await order_store.get_lines(conn, order.id):
                if line.status in NOT_COMING:
                    continue
                number = line.line_number
                found[(order.id, number)] = Delivery(
                    po_number=po_number,
                    shipped=sum(
                        s.quantity for s in shipments if s.line_number == number and not s.manual
                    ),
                    received=sum(r.quantity for r in receipts if r.line_number == number),
                    ordered=int(line.quantity),
                )
    return found


async def load_quote_view(ledger: Ledger, quote_id: str) -> QuoteView | None:
    """The quote with every line's charge and order, or None when there is no such quote."""
    async with ledger.read() as conn:
        quote = await quote_store.get(conn, quote_id)
        if quote is None:
            return None
        lines = await quote_store.lines_of(conn, quote_id)
        charges = await charge_store.by_line(conn, quote_id)
        placed = await order_store.placements_of_quote(conn, quote_id)
    orders = list({order.id: order for order, _ in placed.values()}.values())
    deliveries = await _deliveries(ledger, orders)
    view_lines = []
    for line in sorted(lines, key=lambda ql: ql.line_number):
        order, order_line = placed.get(line.id, (None, None))
        delivery = None
        if order is not None and order_line is not None:
            delivery = deliveries.get((order.id, order_line.line_number))
        view_lines.append(
            QuoteViewLine(
                line=line,
                charge=charges[line.id][-1] if charges.get(line.id) else None,
                order=order,
                order_line=order_line,
                delivery=delivery,
            )
        )
    return QuoteView(quote=quote, lines=view_lines)


async def quote_choices(ledger: Ledger) -> list[QuoteSummary]:
    """The quotes a picker offers, most recently changed first."""
    async with ledger.read() as conn:
        return await quote_store.list_summaries(conn, limit=PICKER_LIMIT)
