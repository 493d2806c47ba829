"""Ingram Micro order payloads (Reseller API v6 / v6.1), field names and types as documented."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ConfigDict, Field

from procdesk.sandbox.ingram.wire_common import Money, WireModel


class RequestModel(WireModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


class Address(RequestModel):
    companyName: str | None = None
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


class OrderLineRequest(RequestModel):
    customerLineNumber: str | None = None
    ingramPartNumber: str = Field(min_length=1)
    quantity: int = Field(ge=1)
    unitPrice: Decimal | None = None
    notes: str | None = None


class ShipmentDetailsRequest(RequestModel):
    carrierCode: str | None = None
    requestedDeliveryDate: str | None = None
    shipComplete: bool | None = None
    signatureRequired: bool | None = None
    shippingInstructions: str | None = None


class OrderCreateRequest(RequestModel):
    customerOrderNumber: str = Field(min_length=1, max_length=35)
    endCustomerOrderNumber: str | None = None
    notes: str | None = None
    acceptBackOrder: bool = True
    shipToInfo: Address | None = None
    endUserInfo: Address | None = None
    lines: list[OrderLineRequest] = Field(min_length=1)
    shipmentDetails: ShipmentDetailsRequest | None = None


class CreatedLine(WireModel):
    subOrderNumber: str
    ingramLineNumber: str
    customerLineNumber: str
    lineStatus: str
    ingramPartNumber: str
    vendorPartNumber: str
    unitPrice: Money
    extendedUnitPrice: Money
    quantityOrdered: int
    quantityConfirmed: int
    quantityBackOrdered: int


class RejectedLine(WireModel):
    customerLinenumber: str  # sic: Ingram's spelling
    ingramPartNumber: str
    quantityOrdered: int
    rejectCode: str
    rejectReason: str


class Link(WireModel):
    topic: str
    href: str
    type: str


class CreatedOrder(WireModel):
    ingramOrderNumber: str
    ingramOrderDate: str
    orderTotal: Money
    freightCharges: Money
    totalTax: Money
    currencyCode: str
    numberOfLinesWithSuccess: int
    numberOfLinesWithError: int
    numberOfLinesWithWarning: int
    lines: list[CreatedLine]
    rejectedLineItems: list[RejectedLine]
    links: list[Link]


class OrderCreateResponse(WireModel):
    customerOrderNumber: str
    endCustomerOrderNumber: str | None = None
    purchaseOrderTotal: Money
    processedPartially: bool
    orders: list[CreatedOrder]


class SerialNumber(WireModel):
    serialNumber: str


class TrackingDetail(WireModel):
    trackingNumber: str
    trackingUrl: str
    serialNumbers: list[SerialNumber] = Field(default_factory=list)


class CarrierDetail(WireModel):
    carrierName: str
    trackingDetails: list[TrackingDetail]


class ShipmentDetail(WireModel):
    quantity: int
    shippedDate: str
    estimatedDeliveryDate: str
    carrierDetails: list[CarrierDetail]


class DetailLine(WireModel):
    ingramOrderLineNumber: str
    customerLineNumber: str
    lineStatus: str
    ingramPartNumber: str
    vendorPartNumber: str
    partDescription: str
    unitPrice: Money
    extendedPrice: Money
    quantityOrdered: int
    quantityConfirmed: int
    quantityBackOrdered: int
    backOrderETADate: str | None = None
    shipmentDetails: list[ShipmentDetail]


class OrderDetail(WireModel):
    ingramOrderNumber: str
    ingramOrderDate: str
    customerOrderNumber: str
    endCustomerOrderNumber: str | None = None
    orderStatus: str
    orderTotal: Money
    orderSubTotal: Money
    freightCharges: Money
    totalTax: Money
    currencyCode: str
    notes: str | None = None
    lines: list[DetailLine]


class SubOrder(WireModel):
    subOrderNumber: str
    subOrderTotal: Money
    subOrderStatus: str


class SearchOrder(WireModel):
    ingramOrderNumber: str
    ingramOrderDate: str
    customerOrderNumber: str
    orderStatus: str  # OPEN | CLOSED | CANCELLED
    orderTotal: Money
    subOrders: list[SubOrder]


class OrderSearchResponse(WireModel):
    recordsFound: int
    pageSize: int
    pageNumber: int
    orders: list[SearchOrder]
    nextPage: str
    previousPage: str
