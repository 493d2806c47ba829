"""Ingram Micro Reseller API v6 payloads, as shared/api/ingram.md describes them.

Reading is tolerant (unknown keys ignored, absent fields None); writing follows the
documented types exactly: integers for quantities, JSON numbers for money.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

Money = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- order create -------------------------------------------------------------------------


class ShipToInfo(Wire):
    companyName: str
    contact: str | None = None
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    addressLine4: str | None = None
    city: str | None = None
    state: str | None = None
    postalCode: str | None = None
    countryCode: str | None = None
    phoneNumber: str | None = None
    email: str | None = None


class EndUserInfo(Wire):
    companyName: str


class OrderCreateLine(Wire):
    customerLineNumber: str
    ingramPartNumber: str
    quantity: int
    unitPrice: Money | None = None


class OrderCreateRequest(Wire):
    customerOrderNumber: str
    notes: str | None = None
    acceptBackOrder: bool
    shipToInfo: ShipToInfo
    endUserInfo: EndUserInfo
    lines: list[OrderCreateLine]


class CreatedLine(Wire):
    customerLineNumber: str | None = None
    lineStatus: str | None = None
    ingramPartNumber: str | None = None
    unitPrice: Decimal | None = None
    quantityOrdered: int | None = None
    quantityConfirmed: int | None = None
    quantityBackOrdered: int | None = None


class RejectedLineItem(Wire):
    customerLinenumber: str | None = None  # sic, as Ingram spells it
    ingramPartNumber: str | None = None
    quantityOrdered: int | None = None
    rejectCode: str | None = None
    rejectReason: str | None = None


class CreatedOrder(Wire):
    ingramOrderNumber: str
    orderTotal: Decimal | None = None
    currencyCode: str | None = None
    lines: list[CreatedLine] = Field(default_factory=list)
    rejectedLineItems: list[RejectedLineItem] = Field(default_factory=list)


class OrderCreateResponse(Wire):
    customerOrderNumber: str | None = None
    purchaseOrderTotal: Decimal | None = None
    processedPartially: bool | None = None
    orders: list[CreatedOrder] = Field(default_factory=list)


# --- order details and search -------------------------------------------------------------


class SerialNumber(Wire):
    serialNumber: str | None = None


class TrackingDetail(Wire):
    trackingNumber: str | None = None
    trackingUrl: str | None = None
    serialNumbers: list[SerialNumber] = Field(default_factory=list)


class CarrierDetail(Wire):
    carrierName: str | None = None
    trackingDetails: list[TrackingDetail] = Field(default_factory=list)


class ShipmentDetail(Wire):
    quantity: int | None = None
    shippedDate: str | None = None
    estimatedDeliveryDate: str | None = None
    carrierDetails: list[CarrierDetail] = Field(default_factory=list)


class DetailLine(Wire):
    customerLineNumber: str | None = None
    lineStatus: str | None = None
    ingramPartNumber: str | None = None
    unitPrice: Decimal | None = None
    quantityOrdered: int | None = None
    quantityConfirmed: int | None = None
    quantityBackOrdered: int | None = None
    backOrderETADate: str | None = None
    shipmentDetails: list[ShipmentDetail] = Field(default_factory=list)


class OrderDetail(Wire):
    ingramOrderNumber: str
    customerOrderNumber: str | None = None
    orderStatus: str | None = None
    orderTotal: Decimal | None = None
    currencyCode: str | None = None
    lines: list[DetailLine] = Field(default_factory=list)


class SubOrder(Wire):
    subOrderNumber: str | None = None
    subOrderTotal: Decimal | None = None
    subOrderStatus: str | None = None


class SearchOrder(Wire):
    ingramOrderNumber: str
    customerOrderNumber: str | None = None
    orderStatus: str | None = None  # OPEN | CLOSED | CANCELLED
    orderTotal: Decimal | None = None
    subOrders: list[SubOrder] = Field(default_factory=list)

    @property
    def fingerprint(self) -> tuple[object, ...]:
        """What a summary says about progress: when it is unchanged, so is the order's
        header and sub-order status (lines and shipments can still move: see the poller)."""
        subs = tuple((s.subOrderNumber, s.subOrderStatus, s.subOrderTotal) for s in self.subOrders)
        return (self.orderStatus, self.orderTotal, subs)


class OrderSearchResponse(Wire):
    recordsFound: int | None = None
    pageSize: int | None = None
    pageNumber: int | None = None
    orders: list[SearchOrder] = Field(default_factory=list)


# --- price and availability ---------------------------------------------------------------


class ProductRef(Wire):
    ingramPartNumber: str | None = None
    vendorPartNumber: str | None = None  # the manufacturer's part number


class PriceAvailabilityRequest(Wire):
    products: list[ProductRef]


class WarehouseAvailability(Wire):
    location: str | None = None
    warehouseId: str | None = None
    quantityAvailable: int | None = None
    quantityBackordered: int | None = None
    quantityBackorderedEta: str | None = None


class Availability(Wire):
    available: bool | None = None
    totalAvailability: int | None = None
    availabilityByWarehouse: list[WarehouseAvailability] = Field(default_factory=list)


class Pricing(Wire):
    currencyCode: str | None = None
    customerPrice: Decimal | None = None


class PriceAvailabilityItem(Wire):
    ingramPartNumber: str | None = None
    vendorPartNumber: str | None = None
    description: str | None = None
    productStatusCode: str | None = None
    productStatusMessage: str | None = None
    acceptBackOrder: bool | None = None
    availability: Availability | None = None
    pricing: Pricing | None = None


# --- errors -------------------------------------------------------------------------------


class ErrorField(Wire):
    field: str | None = None
    message: str | None = None


class ErrorItem(Wire):
    message: str | None = None
    fields: list[ErrorField] = Field(default_factory=list)


class Fault(Wire):
    faultstring: str | None = None


class ErrorBody(Wire):
    errors: list[ErrorItem] = Field(default_factory=list)
    message: str | None = None
    faultstring: str | None = None
    fault: Fault | None = None
