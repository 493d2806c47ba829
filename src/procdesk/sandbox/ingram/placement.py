"""Placing an Ingram Micro order: which lines are accepted, which are rejected and why."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from procdesk.sandbox.ingram.catalog import CatalogPart, part_by_ingram_number
from procdesk.sandbox.ingram.orders import (
    CREDIT_LIMIT,
    PROCESSING_TIME,
    Order,
    OrderLine,
    Shipment,
)
from procdesk.sandbox.ingram.wire_orders import OrderCreateRequest, OrderLineRequest

FREE_FREIGHT_FROM = Decimal("500.00")
FREIGHT_CHARGE = Decimal("14.95")

REJECT_INVALID_SKU = ("IS", "Invalid SKU: the part number does not exist.")
REJECT_DISCONTINUED = ("DS", "SKU is discontinued and can no longer be ordered.")
REJECT_NO_STOCK = ("NS", "Insufficient stock and the SKU is not backorderable.")
REJECT_NO_BACKORDER = ("BO", "Insufficient stock and acceptBackOrder is false.")


@dataclass(frozen=True)
class Rejection:
    customer_line_number: str
    ingram_part_number: str
    quantity: int
    code: str
    reason: str


@dataclass(frozen=True)
class Placement:
    order: Order | None  # None when every line was rejected
    rejections: list[Rejection]


def _rejection(
    part: CatalogPart | None, quantity: int, accept_backorder: bool
) -> tuple[str, str] | None:
    if part is None:
        return REJECT_INVALID_SKU
    if part.discontinued:
        return REJECT_DISCONTINUED
    if quantity <= part.total_stock:
        return None
    if not part.backorderable:
        return REJECT_NO_STOCK
    return None if accept_backorder else REJECT_NO_BACKORDER


def _carrier(carrier_code: str | None) -> tuple[str, str]:
    """(carrier name, tracking URL prefix) for the requested carrier code; UPS by default."""
    if carrier_code and carrier_code.upper().startswith("F"):
        return "FEDEX GROUND", "https://www.fedex.com/fedextrack/?trknbr="
    return "UPS GROUND", "https://www.ups.com/track?tracknum="


class OrderPlacer:
    """Turns create requests into orders; numbers and tracking come from one seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used_numbers: set[str] = set()

    def _order_number(self) -> str:
        alphabet = string.ascii_uppercase + string.digits
        while True:
            number = "20-" + "".join(self._rng.choices(alphabet, k=5))
            if number not in self._used_numbers:
                self._used_numbers.add(number)
                return number

    def _tracking_number(self, carrier_name: str) -> str:
        if carrier_name.startswith("FEDEX"):
            return "".join(self._rng.choices(string.digits, k=12))
        return "1Z" + "".join(self._rng.choices(string.ascii_uppercase + string.digits, k=16))

    def _shipment(
        self, quantity: int, ships_at: datetime, carrier: tuple[str, str], *, backorder: bool
    ) -> Shipment:
        number = self._tracking_number(carrier[0])
        return Shipment(
            quantity=quantity,
            ships_at=ships_at,
            carrier_name=carrier[0],
            tracking_number=number,
            tracking_url=carrier[1] + number,
            from_backorder=backorder,
        )

    def _line(
        self,
        index: int,
        request: OrderLineRequest,
        customer_line_number: str,
        part: CatalogPart,
        now: datetime,
        carrier: tuple[str, str],
    ) -> OrderLine:
        confirmed = min(request.quantity, part.total_stock)
        shipments = []
        if confirmed:
            shipments.append(
                self._shipment(confirmed, now + PROCESSING_TIME, carrier, backorder=False)
            )
        eta = None
        if request.quantity > confirmed:
            eta_at = now + timedelta(days=part.backorder_eta_days or 0)
            eta = eta_at.date()
            shipments.append(
                self._shipment(request.quantity - confirmed, eta_at, carrier, backorder=True)
            )
        return OrderLine(
            ingram_line_number=f"{index:03d}",
            customer_line_number=customer_line_number,
            part=part,
            quantity=request.quantity,
            quantity_confirmed=confirmed,
            backorder_eta=eta,
            unit_price=part.customer_price,
            shipments=shipments,
        )

    def place(self, request: OrderCreateRequest, now: datetime) -> Placement:
        carrier = _carrier(request.shipmentDetails.carrierCode if request.shipmentDetails else None)
        lines: list[OrderLine] = []
        rejections: list[Rejection] = []
        for position, line_request in enumerate(request.lines, start=1):
            customer_line_number = line_request.customerLineNumber or str(position)
            part = part_by_ingram_number(line_request.ingramPartNumber)
            refusal = _rejection(part, line_request.quantity, request.acceptBackOrder)
            if refusal is not None or part is None:
                code, reason = refusal or REJECT_INVALID_SKU
                rejections.append(
                    Rejection(
                        customer_line_number=customer_line_number,
                        ingram_part_number=line_request.ingramPartNumber,
                        quantity=line_request.quantity,
                        code=code,
                        reason=reason,
                    )
                )
                continue
            lines.append(
                self._line(len(lines) + 1, line_request, customer_line_number, part, now, carrier)
            )
        if not lines:
            return Placement(order=None, rejections=rejections)
        subtotal = sum((line.extended_price for line in lines), Decimal("0.00"))
        order = Order(
            ingram_order_number=self._order_number(),
            customer_order_number=request.customerOrderNumber,
            end_customer_order_number=request.endCustomerOrderNumber,
            created_at=now,
            lines=lines,
            freight=Decimal("0.00") if subtotal >= FREE_FREIGHT_FROM else FREIGHT_CHARGE,
            tax=Decimal("0.00"),
            on_hold=subtotal > CREDIT_LIMIT,
            notes=request.notes,
        )
        return Placement(order=order, rejections=rejections)
