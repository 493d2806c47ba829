"""Wire models of Autotask's procurement entities, field names exactly as on the wire.

Read models (`PurchaseOrder`, `PurchaseOrderItem`, `PurchaseOrderReceipt`, `Company`, ...)
keep unknown fields, since Autotask adds fields between releases. Write models
(`NewPurchaseOrder`, `NewPurchaseOrderItem`, `NewReceipt`) refuse unknown fields and check
the lengths and bounds Autotask enforces, so a bad payload fails here before it costs a call.
Status numbers are never in these models: they come from picklists read at run time
(`PurchaseOrderStatuses`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import NotFoundError


class _Read(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Write(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: wire names, unset fields left out."""
        return self.model_dump(exclude_none=True)


class PurchaseOrderStatus(StrEnum):
    """The PO status labels; their numbers differ per tenant (`PurchaseOrderStatuses`)."""

    NEW = "New"
    SUBMITTED = "Submitted"
    RECEIVED_PARTIAL = "Received Partial"
    RECEIVED_FULL = "Received Full"
    CANCELED = "Canceled"


def label_key(label: str) -> str:
    """A picklist label reduced for comparison: case, spaces and punctuation ignored, and
    "Cancelled" spelled "Canceled" ("Received Partial" == "ReceivedPartial")."""
    return re.sub(r"[^a-z0-9]", "", label.casefold()).replace("cancelled", "canceled")


@dataclass(frozen=True)
class PurchaseOrderStatuses:
    """PurchaseOrders.status as this Autotask database numbers it."""

    values: Mapping[PurchaseOrderStatus, int]

    @classmethod
    def from_picklist(cls, picklist: Mapping[int, str]) -> Self:
        """From `picklist` (value -> label); NotFoundError when a status has no entry."""
        by_key = {label_key(label): value for value, label in picklist.items()}
        values = {}
        for status in PurchaseOrderStatus:
            value = by_key.get(label_key(status.value))
            if value is None:
                raise NotFoundError(
                    Provider.AUTOTASK, f"PurchaseOrders.status has no value {status.value!r}"
                )
            values[status] = value
        return cls(values)

    def value(self, status: PurchaseOrderStatus) -> int:
        return self.values[status]

    def status(self, value: int | None) -> PurchaseOrderStatus | None:
        """The status a number stands for; None for a number this database does not list."""
        return next((s for s, v in self.values.items() if v == value), None)


# --- read models --------------------------------------------------------------------------


class Company(_Read):
    id: int
    companyName: str | None = None
    companyNumber: str | None = None
    companyType: int | None = None
    isActive: bool | None = None


class InventoryLocation(_Read):
    id: int
    locationName: str | None = None
    isActive: bool | None = None
    isDefault: bool | None = None
    resourceID: int | None = None


class PurchaseOrder(_Read):
    id: int
    vendorID: int | None = None
    status: int | None = None
    purchaseOrderNumber: str | None = None
    externalPONumber: str | None = None
    vendorInvoiceNumber: str | None = None
    shipToName: str | None = None
    shipToAddress1: str | None = None
    shipToAddress2: str | None = None
    shipToCity: str | None = None
    shipToState: str | None = None
    shipToPostalCode: str | None = None
    phone: str | None = None
    generalMemo: str | None = None
    freight: Decimal | None = None
    purchaseForCompanyID: int | None = None
    shippingDate: datetime | None = None
    latestEstimatedArrivalDate: datetime | None = None
    createDateTime: datetime | None = None
    submitDateTime: datetime | None = None
    cancelDateTime: datetime | None = None
    creatorResourceID: int | None = None


class PurchaseOrderItem(_Read):
    id: int
    orderID: int | None = None
    productID: int | None = None
    chargeID: int | None = None
    ticketID: int | None = None
    inventoryLocationID: int | None = None
    quantity: int | None = None
    unitCost: Decimal | None = None
    estimatedArrivalDate: datetime | None = None
    memo: str | None = None


class PurchaseOrderReceipt(_Read):
    """One PurchaseOrderItemReceiving record: a quantity (or one serial) received."""

    id: int
    purchaseOrderItemID: int | None = None
    quantityNowReceiving: int | None = None
    quantityPreviouslyReceived: int | None = None
    quantityBackOrdered: int | None = None
    receiveDate: datetime | None = None
    receivedByResourceID: int | None = None
    serialNumber: str | None = None


class InventoryItemSerialNumber(_Read):
    id: int
    inventoryItemID: int | None = None
    serialNumber: str | None = None


class ProductVendor(_Read):
    id: int
    productID: int | None = None
    vendorID: int | None = None
    vendorPartNumber: str | None = None
    vendorCost: Decimal | None = None
    isActive: bool | None = None
    isDefault: bool | None = None


# --- write models -------------------------------------------------------------------------


class NewPurchaseOrder(_Write):
    """A PO to create. Its status (New) is added by the client from the tenant's picklist.
    Put the distributor's order number in externalPONumber: it is the marker to look for
    before any retry."""

    vendorID: int
    shipToName: str = Field(min_length=1, max_length=100)
    shipToAddress1: str = Field(min_length=1, max_length=128)
    shipToAddress2: str | None = Field(default=None, max_length=128)
    shipToCity: str | None = Field(default=None, max_length=30)
    shipToState: str | None = Field(default=None, max_length=25)
    shipToPostalCode: str | None = Field(default=None, max_length=10)
    phone: str | None = Field(default=None, max_length=25)
    externalPONumber: str | None = Field(default=None, max_length=50)
    vendorInvoiceNumber: str | None = Field(default=None, max_length=50)
    generalMemo: str | None = Field(default=None, max_length=4000)
    freight: Decimal | None = None
    purchaseForCompanyID: int | None = None
    shippingDate: datetime | None = None
    latestEstimatedArrivalDate: datetime | None = None


class NewPurchaseOrderItem(_Write):
    """One PO line. With a chargeID, Autotask takes the ticket and product from the charge
    (the charge must be Need To Order); give productID alone for stock without a charge."""

    inventoryLocationID: int
    quantity: int = Field(ge=1)
    unitCost: Decimal = Field(ge=0)
    productID: int | None = None
    chargeID: int | None = None
    ticketID: int | None = None
    estimatedArrivalDate: datetime | None = None
    memo: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _product_or_charge(self) -> Self:
        if self.productID is None and self.chargeID is None:
            raise ValueError("a purchase order item needs a productID or a chargeID")
        return self


SERIAL_SEPARATORS = re.compile(r"[,;\t\r\n]")


class NewReceipt(_Write):
    """One receipt of a PO item: a quantity, or exactly one unit with its serial number
    (serialized products take one receipt per unit)."""

    quantityNowReceiving: int = Field(ge=1)
    serialNumber: str | None = Field(default=None, min_length=1, max_length=50)
    receiveDate: datetime | None = None

    @field_validator("serialNumber")
    @classmethod
    def _one_serial(cls, serial: str | None) -> str | None:
        if serial is not None and SERIAL_SEPARATORS.search(serial):
            raise ValueError("one serial number per receipt")
        return serial

    @model_validator(mode="after")
    def _one_unit_per_serial(self) -> Self:
        if self.serialNumber is not None and self.quantityNowReceiving != 1:
            raise ValueError("a receipt with a serial number receives exactly one unit")
        return self
