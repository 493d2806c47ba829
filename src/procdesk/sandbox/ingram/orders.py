"""Ingram Micro orders in the sandbox and how they advance on the sandbox clock.

Status is computed from the clock when asked, so moving the clock moves every order:
- in-stock quantities ship PROCESSING_TIME after the order and arrive TRANSIT_TIME later;
- backordered quantities ship on their backOrderETADate and arrive TRANSIT_TIME later;
- an order above CREDIT_LIMIT goes On Hold and stays there until it is cancelled;
- an order can be cancelled only while nothing of it has shipped.
Shipments of serialized parts carry one serial number per unit. Serials are derived from the
order number, line and shipment (a hash, not the seeded RNG, so adding them changed no order
or tracking number), hence stable across calls and unique across orders in practice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from procdesk.sandbox.ingram.catalog import CatalogPart

PROCESSING_TIME = timedelta(hours=2)
TRANSIT_TIME = timedelta(days=3)
CREDIT_LIMIT = Decimal("25000.00")
CURRENCY = "USD"

# Vendor spellings, exactly as Ingram documents them (mixed case, "Canceled" with one L).
ORDER_PROCESSING = "Processing"
ORDER_ON_HOLD = "On Hold"
ORDER_BACKORDERED = "Backordered"
ORDER_SHIPPED = "Shipped"
ORDER_DELIVERED = "Delivered"
ORDER_CANCELED = "Canceled"

LINE_IN_PROGRESS = "In Progress"
LINE_BACKORDERED = "Backordered"
LINE_SHIPPED = "Shipped"
LINE_DELIVERED = "Delivered"
LINE_CANCELED = "Canceled"
LINE_ON_HOLD = "On Hold"


@dataclass(frozen=True)
class Shipment:
    quantity: int
    ships_at: datetime
    carrier_name: str
    tracking_number: str
    tracking_url: str
    from_backorder: bool

    @property
    def delivers_at(self) -> datetime:
        return self.ships_at + TRANSIT_TIME

    def shipped(self, now: datetime) -> bool:
        return now >= self.ships_at

    def delivered(self, now: datetime) -> bool:
        return now >= self.delivers_at


@dataclass
class OrderLine:
    ingram_line_number: str  # "001", "002", ...
    customer_line_number: str
    part: CatalogPart
    quantity: int
    quantity_confirmed: int
    backorder_eta: date | None
    unit_price: Decimal
    shipments: list[Shipment]

    @property
    def extended_price(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def quantity_backordered(self) -> int:
        return self.quantity - self.quantity_confirmed

    def serial_numbers(self, order_number: str, shipment: int) -> list[str]:
        """The serials of the line's `shipment`-th shipment; none for an unserialized part."""
        if not self.part.serialized:
            return []
        prefix = re.sub(r"[^A-Z0-9]", "", self.part.vendor_name.upper())[:3]
        quantity = self.shipments[shipment].quantity
        return [
            prefix
            + hashlib.sha256(f"{order_number}/{self.ingram_line_number}/{shipment}/{unit}".encode())
            .hexdigest()[:9]
            .upper()
            for unit in range(quantity)
        ]

    def backordered_unshipped(self, now: datetime) -> int:
        return sum(s.quantity for s in self.shipments if s.from_backorder and not s.shipped(now))

    def status(self, now: datetime) -> str:
        if all(s.delivered(now) for s in self.shipments):
            return LINE_DELIVERED
        if all(s.shipped(now) for s in self.shipments):
            return LINE_SHIPPED
        if self.backordered_unshipped(now):
            return LINE_BACKORDERED
        return LINE_IN_PROGRESS


@dataclass
class Order:
    ingram_order_number: str
    customer_order_number: str
    end_customer_order_number: str | None
    created_at: datetime
    lines: list[OrderLine]
    freight: Decimal
    tax: Decimal
    on_hold: bool
    canceled_at: datetime | None = None
    notes: str | None = None

    @property
    def subtotal(self) -> Decimal:
        return sum((line.extended_price for line in self.lines), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.freight + self.tax

    @property
    def order_date(self) -> str:
        return self.created_at.date().isoformat()

    def line_status(self, line: OrderLine, now: datetime) -> str:
        if self.canceled_at is not None:
            return LINE_CANCELED
        if self.on_hold:
            return LINE_ON_HOLD
        return line.status(now)

    def shipped_shipments(self, line: OrderLine, now: datetime) -> list[Shipment]:
        """What of this line has left the warehouse (nothing, for a held or cancelled order)."""
        if self.canceled_at is not None or self.on_hold:
            return []
        return [s for s in line.shipments if s.shipped(now)]

    def status(self, now: datetime) -> str:
        if self.canceled_at is not None:
            return ORDER_CANCELED
        if self.on_hold:
            return ORDER_ON_HOLD
        statuses = {line.status(now) for line in self.lines}
        for line_status, order_status in (
            (LINE_IN_PROGRESS, ORDER_PROCESSING),
            (LINE_BACKORDERED, ORDER_BACKORDERED),
            (LINE_SHIPPED, ORDER_SHIPPED),
        ):
            if line_status in statuses:
                return order_status
        return ORDER_DELIVERED

    def anything_shipped(self, now: datetime) -> bool:
        return any(self.shipped_shipments(line, now) for line in self.lines)

    def cancel(self, now: datetime) -> None:
        self.canceled_at = now
