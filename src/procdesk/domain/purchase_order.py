"""Closing the loop in Autotask: the purchase order of a distributor order, its items (one
per order line, linked to the line's ticket charge), the line's shipments and the receipts
procdesk recorded in Autotask for them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from procdesk.domain.enums import Distributor, ReceiveWhen
from procdesk.domain.records import Entity, Record, UTCDateTime

SERIAL_MAX = 50  # Autotask's serialNumber length on a receipt


class PoState(StrEnum):
    PENDING = "pending"  # the order needs an Autotask PO (none made or linked yet)
    SUBMITTED = "submitted"  # the PO exists and is submitted: receiving follows shipments
    RECEIVED = "received"  # everything ordered is received in Autotask
    SKIPPED = "skipped"  # a person chose to keep this order out of Autotask


class VendorMapping(Record):
    """Which Autotask vendor company a distributor is (set by an admin, checked live)."""

    distributor: Distributor
    company_id: int
    company_name: str | None = None
    updated_at: UTCDateTime
    updated_by: str


class PurchaseOrderLink(Entity):
    """The Autotask purchase order of one order (`id` is the order's id)."""

    state: PoState
    autotask_po_id: int | None = None
    po_number: str | None = None  # Autotask's own PO number
    autotask_status: str | None = None  # Autotask's status label, as last read
    vendor_id: int | None = None
    linked_by_hand: bool = False
    create_started_at: UTCDateTime | None = None  # the marker: committed before the create
    needs_work: bool = True
    next_attempt_at: UTCDateTime | None = None
    attempts: int = 0
    last_error: str | None = None
    error_kind: str | None = None
    lease_owner: str | None = None
    lease_until: UTCDateTime | None = None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class PurchaseOrderItemLink(Entity):
    """The PO item of one order line, and the ticket charge it fulfils."""

    order_id: int
    line_number: int
    autotask_item_id: int | None = None
    charge_id: int | None = None  # Autotask ticket charge id
    ticket_id: int | None = None
    charge_status: str | None = None  # Autotask's procurement status label, as last read
    skipped: bool = False  # a person chose to receive this line outside Autotask
    create_started_at: UTCDateTime | None = None
    updated_at: UTCDateTime


PROVISIONED = "provisioned:"  # the id prefix of a cloud line's delivery (nothing ships)


def provisioned_shipment_id(distributor_order_id: str, line: int) -> str:
    """The stable id of a cloud subscription line's "shipment": provisioned in full."""
    return f"{PROVISIONED}{distributor_order_id}:{line}"


class Shipment(Entity):
    """One package of an order line: from the distributor, or entered by hand; for a cloud
    subscription, the provisioning of the line in full (`provisioned`)."""

    order_id: int
    line_number: int
    shipment_id: str
    manual: bool = False
    quantity: int = Field(ge=0)
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_on: date | None = None
    estimated_delivery_on: date | None = None
    delivered_on: date | None = None
    serial_numbers: list[str] = Field(default_factory=list)
    updated_at: UTCDateTime

    @property
    def provisioned(self) -> bool:
        """A cloud subscription provisioned by the distributor: nothing was shipped."""
        return self.shipment_id.startswith(PROVISIONED)

    def receivable(self, when: ReceiveWhen) -> bool:
        """Whether it counts as arrived under the policy (a manual one always does)."""
        if self.manual:
            return True
        if when is ReceiveWhen.SHIPPED:
            return self.shipped_on is not None or self.delivered_on is not None
        return self.delivered_on is not None


class Receipt(Entity):
    """One receipt recorded in Autotask: a quantity of a shipment, or one serial of it."""

    order_id: int
    line_number: int
    shipment_id: str
    serial_number: str = ""  # "" for a receipt by quantity
    quantity: int = Field(ge=1)
    autotask_receipt_id: int | None = None
    received_on: date | None = None
    created_at: UTCDateTime


def serial_problem(serial: str, seen: set[str]) -> str | None:
    """Why Autotask would refuse this serial number on a receipt, in our words; None if fine."""
    if not serial.strip():
        return "the serial number is empty"
    if len(serial) > SERIAL_MAX:
        return f"serial number {serial!r} is {len(serial)} characters; Autotask takes {SERIAL_MAX}"
    if serial in seen:
        return f"serial number {serial!r} appears twice"
    return None
