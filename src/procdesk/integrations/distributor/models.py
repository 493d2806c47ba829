"""What every distributor client speaks: availability, order requests, placed orders and
status snapshots, in procdesk's terms (each client maps its vendor's wire shape to these)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from procdesk.domain.enums import (
    CredentialState,
    IssueKind,
    OrderLineStatus,
    OrderStatus,
    Provider,
)


class AvailabilityStatus(StrEnum):
    AVAILABLE = "available"  # in stock now
    BACKORDERABLE = "backorderable"  # none in stock, but the distributor takes the order
    OUT_OF_STOCK = "out_of_stock"  # none in stock and no backorder
    DISCONTINUED = "discontinued"
    UNKNOWN = "unknown"  # the distributor does not know the part


class CredentialStatus(BaseModel):
    """What a live check found, and how long the tokens last (the dashboard warns early)."""

    provider: Provider
    state: CredentialState
    checked_at: datetime
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    message: str = ""  # why the state is not ok, in the provider's words; never a secret
    kind: IssueKind | None = None  # the issue a refusal is, where the error says which


class WarehouseStock(BaseModel):
    """Stock at one of the distributor's warehouses (or the manufacturer's drop-ship stock)."""

    warehouse: str  # the distributor's name or number for it
    quantity: int
    drop_ship: bool = False  # shipped by the manufacturer, not from the distributor's shelf


class PartAvailability(BaseModel):
    part_number: str  # as asked: the distributor's part number, or the manufacturer's
    status: AvailabilityStatus
    quantity: int | None = None  # total available now, where the distributor says
    price: Decimal | None = None  # our (customer) price
    currency: str | None = None
    raw_status: str = ""  # the distributor's own status text
    distributor_part_number: str | None = None  # the distributor's own number for the part
    manufacturer_part_number: str | None = None
    description: str = ""
    warehouses: list[WarehouseStock] = Field(default_factory=list)
    eta: date | None = None  # when backordered stock is expected, where the distributor says

    @property
    def orderable(self) -> bool:
        return self.status in (AvailabilityStatus.AVAILABLE, AvailabilityStatus.BACKORDERABLE)


class ShipTo(BaseModel):
    company_name: str
    contact: str = ""
    address_lines: list[str] = Field(default_factory=list, max_length=4)
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country_code: str = ""
    phone: str = ""
    email: str = ""


class OrderLineRequest(BaseModel):
    line_number: int  # ours; echoed back so results map to our order lines
    part_number: str
    quantity: int = Field(gt=0)
    expected_unit_price: Decimal | None = None


class OrderRequest(BaseModel):
    reference: str  # our order reference: the marker we reconcile by
    customer_name: str  # the end customer (company) the order is for
    ship_to: ShipTo
    lines: list[OrderLineRequest] = Field(min_length=1)
    notes: str = ""
    accept_backorder: bool = True


class AcceptedLine(BaseModel):
    line_number: int | None
    part_number: str
    quantity: int
    confirmed_quantity: int | None = None
    backordered_quantity: int | None = None
    unit_price: Decimal | None = None
    raw_status: str = ""


class RejectedLine(BaseModel):
    line_number: int | None
    part_number: str
    quantity: int | None = None
    reason: str  # the distributor's words
    code: str = ""


class PlacedOrder(BaseModel):
    reference: str
    distributor_order_id: str
    raw_status: str
    status: OrderStatus
    accepted_lines: list[AcceptedLine] = Field(default_factory=list)
    rejected_lines: list[RejectedLine] = Field(default_factory=list)
    total: Decimal | None = None
    currency: str | None = None


class ShipmentSnapshot(BaseModel):
    """One package (or consignment) of an order line as the distributor reports it.

    `shipment_id` is the distributor's own identifier where it gives one; otherwise the client
    derives a stable one (e.g. from the tracking number), so the same shipment read twice is
    recognised as the same shipment."""

    shipment_id: str
    quantity: int = Field(ge=0)
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_on: date | None = None
    estimated_delivery_on: date | None = None
    delivered_on: date | None = None  # None until the carrier reports delivery
    serial_numbers: list[str] = Field(default_factory=list)


class OrderLineSnapshot(BaseModel):
    line_number: int | None
    part_number: str
    raw_status: str
    status: OrderLineStatus
    quantity: int | None = None
    confirmed_quantity: int | None = None
    backordered_quantity: int | None = None
    backorder_eta: date | None = None
    carrier: str | None = None
    tracking_numbers: list[str] = Field(default_factory=list)
    shipments: list[ShipmentSnapshot] = Field(default_factory=list)

    @property
    def shipped_quantity(self) -> int:
        return sum(shipment.quantity for shipment in self.shipments)

    @property
    def delivered_quantity(self) -> int:
        return sum(s.quantity for s in self.shipments if s.delivered_on is not None)


class OrderSnapshot(BaseModel):
    distributor_order_id: str
    reference: str | None
    raw_status: str
    status: OrderStatus
    message: str = ""  # the distributor's explanation, e.g. why an order failed
    lines: list[OrderLineSnapshot] = Field(default_factory=list)

    @property
    def tracking_numbers(self) -> list[str]:
        return [number for line in self.lines for number in line.tracking_numbers]

    @property
    def backorder_eta(self) -> date | None:
        etas = [line.backorder_eta for line in self.lines if line.backorder_eta is not None]
        return max(etas) if etas else None
