"""StreamOne ION v3 payloads: Google API-style resources, lists and errors.

Shapes the ION documentation leaves open (SKU prices and status, an order's statusMessage)
are the sandbox's own choice and marked so; clients must tolerate extra keys.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

Money = Annotated[Decimal, PlainSerializer(float, return_type=float)]


class WireModel(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GoogleError(WireModel):
    code: int
    message: str
    details: list[dict[str, str]] = Field(default_factory=list)


class TokenResponse(WireModel):
    access_token: str
    expires_in: int
    refresh_token: str
    token_type: str


class ValidateAccessResponse(WireModel):
    access_expires_in: int
    refresh_expires_in: int


class CustomerAddress(WireModel):
    street: str
    city: str
    state: str
    zip: str
    country: str


class Customer(WireModel):
    name: str
    customerName: str
    customerOrganization: str
    customerEmail: str
    customerAddress: CustomerAddress
    customerStatus: str
    createTime: str
    updateTime: str


class CustomerList(WireModel):
    customers: list[Customer]
    nextPageToken: str


class SkuPrice(WireModel):  # shape chosen by the sandbox (UNVERIFIED against ION)
    priceType: str  # COST | MSRP
    currencyCode: str
    amount: Money


class Sku(WireModel):
    id: str
    displayName: str
    status: str  # ACTIVE | DISCONTINUED (sandbox's choice)
    prices: list[SkuPrice]


class Product(WireModel):
    name: str
    displayName: str
    skus: list[Sku]


class ProductList(WireModel):
    products: list[Product]
    nextPageToken: str


class OrderItemRequest(WireModel):
    productId: str = Field(min_length=1)
    skuId: str = Field(min_length=1)
    quantity: int = Field(ge=1)
    action: str = "NEW"


class OrderCreateRequest(WireModel):
    referenceId: str = Field(min_length=1, max_length=100)
    orderItems: list[OrderItemRequest] = Field(min_length=1)
    notes: str = ""


class OrderItem(WireModel):
    productId: str
    skuId: str
    quantity: int
    action: str


class Order(WireModel):
    name: str
    id: str
    customerId: str
    referenceId: str
    status: str  # IN_PROGRESS | COMPLETED | FAILED
    statusMessage: str | None = None  # why it FAILED (sandbox's choice)
    orderItems: list[OrderItem]
    notes: str
    createTime: str
    updateTime: str


class OrderList(WireModel):
    orders: list[Order]
    nextPageToken: str
