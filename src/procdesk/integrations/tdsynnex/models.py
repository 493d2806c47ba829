"""TD SYNNEX StreamOne ION v3 payloads, as shared/api/tdsynnex.md describes them.

Resources carry `name` = their path (`accounts/{a}/customers/{c}`); the id is the last
segment. Lists page with `pageToken` / `nextPageToken`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


def last_segment(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1]


class ValidateAccessResponse(Wire):
    access_expires_in: float | None = None
    refresh_expires_in: float | None = None


class Customer(Wire):
    name: str
    customerName: str | None = None
    customerStatus: str | None = None

    @property
    def id(self) -> str:
        return last_segment(self.name)


class CustomerList(Wire):
    customers: list[Customer] = Field(default_factory=list)
    nextPageToken: str | None = None


class SkuPrice(Wire):
    """ION documents `prices` without their shape: read the usual spellings."""

    priceType: str | None = None  # e.g. COST | MSRP
    currency: str | None = None
    currencyCode: str | None = None
    price: Decimal | None = None
    amount: Decimal | None = None
    unitPrice: Decimal | None = None

    @property
    def value(self) -> Decimal | None:
        return next((v for v in (self.price, self.unitPrice, self.amount) if v is not None), None)

    @property
    def is_our_cost(self) -> bool:
        return (self.priceType or "COST").upper() == "COST"


class Sku(Wire):
    id: str
    displayName: str | None = None
    status: str | None = None
    prices: list[SkuPrice] = Field(default_factory=list)


class Product(Wire):
    name: str
    displayName: str | None = None
    status: str | None = None
    skus: list[Sku] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return last_segment(self.name)


class ProductList(Wire):
    products: list[Product] = Field(default_factory=list)
    nextPageToken: str | None = None


class OrderItem(Wire):
    productId: str | None = None
    skuId: str | None = None
    quantity: int | None = None
    action: str | None = None
    status: str | None = None


class OrderCreateItem(Wire):
    productId: str
    skuId: str
    quantity: int
    action: str = "NEW"


class OrderCreateRequest(Wire):
    referenceId: str
    orderItems: list[OrderCreateItem]
    notes: str | None = None


class Order(Wire):
    name: str
    id: str | None = None
    referenceId: str | None = None
    status: str | None = None
    statusMessage: str | None = None
    orderItems: list[OrderItem] = Field(default_factory=list)
    createTime: datetime | None = None
    updateTime: datetime | None = None  # for a COMPLETED order: when it was provisioned


class OrderList(Wire):
    orders: list[Order] = Field(default_factory=list)
    nextPageToken: str | None = None


class ErrorBody(Wire):
    code: int | None = None
    message: str | None = None
    error: str | None = None  # OAuth-style bodies
    error_description: str | None = None
