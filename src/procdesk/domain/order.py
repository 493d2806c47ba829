"""Orders at a distributor: one per (quote, distributor), and their lines."""

from __future__ import annotations

from pydantic import Field, field_validator

from procdesk.domain.enums import Distributor, IssueKind, OrderLineStatus, OrderStatus
from procdesk.domain.money import Amount
from procdesk.domain.quote import ShipTo
from procdesk.domain.records import Entity, UTCDateTime

# Not yet at the distributor: cancelling is a ledger change only.
UNPLACED = (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL, OrderStatus.ERROR)
# At (or maybe at) the distributor: cancelling needs the worker to cancel it there first.
PLACED_CANCELLABLE = (
    OrderStatus.PROCESSING,
    OrderStatus.ORDERED,
    OrderStatus.BACKORDERED,
    OrderStatus.ON_HOLD,
)


class Order(Entity):
    """One order per (quote, distributor) for the lines that distributor can take."""

    id: int
    quote_id: str
    distributor: Distributor
    status: OrderStatus
    reference: str = Field(min_length=1, max_length=40)  # our customer order number
    distributor_order_id: str | None = None
    distributor_status: str | None = None  # the distributor's own status text
    company_name: str
    ship_to: ShipTo
    ship_to_key: str
    total_value: Amount
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    merged_into: int | None = None
    approved_by: str | None = None
    approved_at: UTCDateTime | None = None
    attempts: int = Field(default=0, ge=0)
    next_attempt_at: UTCDateTime | None = None
    last_error: str | None = None
    error_kind: IssueKind | None = None
    lease_owner: str | None = None
    lease_until: UTCDateTime | None = None
    processing_since: UTCDateTime | None = None
    placed_at: UTCDateTime | None = None
    last_polled_at: UTCDateTime | None = None
    cancel_reason: str | None = None
    search_text: str = ""
    created_at: UTCDateTime
    updated_at: UTCDateTime

    @field_validator("distributor")
    @classmethod
    def _orderable(cls, distributor: Distributor) -> Distributor:
        if not distributor.supports_ordering:
            raise ValueError("orders exist only for distributors with ordering support")
        return distributor


class OrderLine(Entity):
    id: int
    order_id: int
    quote_line_id: int
    line_number: int = Field(ge=1)
    sku: str
    part_number: str = Field(min_length=1, max_length=64)
    description: str
    quantity: Amount = Field(gt=0)
    unit_price: Amount
    status: OrderLineStatus
    distributor_line_status: str | None = None
    quantity_confirmed: int | None = Field(default=None, ge=0)
    quantity_backordered: int | None = Field(default=None, ge=0)
    backorder_eta: str | None = None
    tracking_numbers: list[str] = Field(default_factory=list)
    reject_reason: str | None = None
    # When the sourcing preference looked at the line, or a buyer placed it by hand; None
    # while a newly queued line waits for that (procurement.source_by_preference).
    sourced_at: UTCDateTime | None = None
    updated_at: UTCDateTime


class OrderRow(Order):
    """An order as the procurement queue lists it: with its Autotask purchase order number
    and how many units have shipped and been received there."""

    po_number: str | None = None
    units_ordered: int = 0
    units_shipped: int = 0
    units_received: int = 0

    @property
    def progress(self) -> str:
        """ "3/5 received" once anything shipped or a PO exists; "" before."""
        if not (self.po_number or self.units_shipped or self.units_received):
            return ""
        if self.units_received:
            return f"{self.units_received}/{self.units_ordered} received"
        return f"{self.units_shipped}/{self.units_ordered} shipped"
