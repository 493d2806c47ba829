"""TD SYNNEX XML orders in the sandbox and how their lines advance on the sandbox clock.

Status is computed from the clock when asked, so moving the clock moves every order:
- shelf stock ships PROCESSING_TIME after the order, manufacturer drop-ship (warehouse 98)
  DROP_SHIP_TIME after it, backordered quantities at their ETA (the part's restock time);
- every shipment is delivered TRANSIT_TIME after it ships;
- a non-stock quote line (SKU 99, OrderType QO) stays `accepted` and never ships.

Line Code vocabulary, the sandbox's choice (UNVERIFIED): `accepted` (nothing shipped yet,
nothing waiting for stock), `backordered` (some quantity waits for stock; ShipQuantity
says how much already left), `shipped`, `delivered`, `rejected`. OrderType: `SO` shelf
stock, `DS` manufacturer drop-ship, `QO` non-stock quote line (UNVERIFIED except QO).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

PROCESSING_TIME = timedelta(hours=4)
DROP_SHIP_TIME = timedelta(days=1)
TRANSIT_TIME = timedelta(days=2)

ACCEPTED = "accepted"
BACKORDERED = "backordered"
SHIPPED = "shipped"
DELIVERED = "delivered"
REJECTED = "rejected"

STOCK_ORDER = "SO"
DROP_SHIP_ORDER = "DS"
QUOTE_ORDER = "QO"
NON_STOCK_SKU = "99"
NON_STOCK_NAME = "NON-STOCK"


@dataclass(frozen=True)
class Package:
    tracking_number: str
    weight: Decimal
    serial_numbers: tuple[str, ...]
    quantity: int


@dataclass(frozen=True)
class Shipment:
    quantity: int
    ships_at: datetime
    from_backorder: bool
    packages: tuple[Package, ...]

    @property
    def delivers_at(self) -> datetime:
        return self.ships_at + TRANSIT_TIME

    def shipped(self, now: datetime) -> bool:
        return now >= self.ships_at

    def delivered(self, now: datetime) -> bool:
        return now >= self.delivers_at


@dataclass(frozen=True)
class OrderLine:
    line_number: int
    sku: str  # "99" for a non-stock line
    mfg_pn: str
    product_name: str
    quantity: int
    unit_price: Decimal
    ship_method: str
    order_number: str | None = None  # None for a rejected line
    order_type: str | None = None
    warehouse: int | None = None
    eta: date | None = None  # when backordered quantities ship
    shipments: tuple[Shipment, ...] = ()
    rejection: str | None = None
    customer_part_number: str = ""

    @property
    def non_stock(self) -> bool:
        return self.order_type == QUOTE_ORDER

    def shipped(self, now: datetime) -> list[Shipment]:
        return [s for s in self.shipments if s.shipped(now)]

    def shipped_quantity(self, now: datetime) -> int:
        return sum(s.quantity for s in self.shipped(now))

    def code(self, now: datetime) -> str:
        if self.rejection is not None:
            return REJECTED
        if not self.shipments:
            return ACCEPTED  # the non-stock trap: accepted, and nothing ever happens
        if all(s.delivered(now) for s in self.shipments):
            return DELIVERED
        if all(s.shipped(now) for s in self.shipments):
            return SHIPPED
        if any(s.from_backorder and not s.shipped(now) for s in self.shipments):
            return BACKORDERED
        return ACCEPTED

    def last_ship_time(self, now: datetime) -> datetime | None:
        shipped = self.shipped(now)
        return max(s.ships_at for s in shipped) if shipped else None

    @property
    def estimated_ship_date(self) -> date | None:
        return max(s.ships_at for s in self.shipments).date() if self.shipments else None

    @property
    def estimated_delivery_date(self) -> date | None:
        return max(s.delivers_at for s in self.shipments).date() if self.shipments else None


@dataclass(frozen=True)
class XmlOrder:
    po_number: str
    customer_number: str
    created_at: datetime
    lines: tuple[OrderLine, ...]
    drop_ship: bool

    @property
    def order_numbers(self) -> list[str]:
        return sorted({line.order_number for line in self.lines if line.order_number})

    def summary(self, now: datetime) -> dict[str, object]:
        """The order as the sandbox's control routes report it (JSON-ready)."""
        return {
            "poNumber": self.po_number,
            "customerNumber": self.customer_number,
            "created": self.created_at.isoformat(),
            "orderNumbers": self.order_numbers,
            "lines": [
                {
                    "lineNumber": line.line_number,
                    "sku": line.sku,
                    "mfgPN": line.mfg_pn,
                    "orderType": line.order_type,
                    "code": line.code(now),
                    "quantity": line.quantity,
                    "shipped": line.shipped_quantity(now),
                }
                for line in self.lines
            ],
        }
