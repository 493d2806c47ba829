"""One quote as a person reviews it: the header with its ship-to address, and every line
with its charge (procdesk and Autotask) and its order (procdesk, the distributor, the
Autotask purchase order and deliveries) side by side."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, Distributor, OrderStatus
from procdesk.domain.money import billable_amount
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.purchase_order import Shipment
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
    """A line's Autotask side: its PO number, units shipped and received, its packages."""

    po_number: str | None = None
    shipped: int = 0
    received: int = 0
    ordered: int = 0
    shipments: list[Shipment] = Field(default_factory=list)  # the line's, oldest first

    @property
    def progress(self) -> str:
        """'2/3 shipped · 1/3 received' (only what has started)."""
        if not (self.shipped or self.received):
            return "nothing shipped yet" if self.po_number else ""
        if self.received >= self.ordered:
            return f"{self.received}/{self.ordered} received"
        parts = [f"{self.shipped}/{self.ordered} shipped"] if self.shipped else []
        if self.received:
            parts.append(f"{self.received}/{self.ordered} received")
        return " · ".join(parts)

    @property
    def text(self) -> str:
        if not (self.po_number or self.shipped or self.received):
            return ""
        po = f"PO {self.po_number}: " if self.po_number else ""
        return f"{po}{self.progress}"

    @property
    def tracked(self) -> list[Shipment]:
        """The packages with a tracking number."""
        return [s for s in self.shipments if s.tracking_number]


class PoSummary(BaseModel):
    """One Autotask purchase order of the quote's orders, for the quote's header."""

    order_id: int
    distributor: Distributor
    po_number: str
    status: str  # Autotask's label as last read, or procdesk's state


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
    purchase_orders: list[PoSummary] = Field(default_factory=list)

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
                    shipments=[s for s in shipments if s.line_number == number],
                )
    return found


async def _purchase_orders(ledger: Ledger, orders: list[Order]) -> list[PoSummary]:
    async with ledger.read() as conn:
        links = await po_store.get_many(conn, [o.id for o in orders])
    found = []
    for order in sorted(orders, key=lambda o: o.id):
        link = links.get(order.id)
        if link is None or link.autotask_po_id is None:
            continue
        found.append(
            PoSummary(
                order_id=order.id,
                distributor=order.distributor,
                po_number=link.po_number or str(link.autotask_po_id),
                status=link.autotask_status or link.state.value,
            )
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
    purchase_orders = await _purchase_orders(ledger, orders)
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
    return QuoteView(quote=quote, lines=view_lines, purchase_orders=purchase_orders)


async def quote_choices(ledger: Ledger) -> list[QuoteSummary]:
    """The quotes a picker offers, most recently changed first."""
    async with ledger.read() as conn:
        return await quote_store.list_summaries(conn, limit=PICKER_LIMIT)
