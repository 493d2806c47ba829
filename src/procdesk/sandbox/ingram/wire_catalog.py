"""Ingram Micro catalog payloads: price and availability, product search, product details."""

from __future__ import annotations

from pydantic import ConfigDict, Field, RootModel

from procdesk.sandbox.ingram.wire_common import Money, WireModel


class ProductReference(WireModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    ingramPartNumber: str | None = None
    vendorPartNumber: str | None = None


class PriceAvailabilityRequest(WireModel):
    products: list[ProductReference] = Field(min_length=1, max_length=50)


class WarehouseAvailability(WireModel):
    location: str
    warehouseId: str
    quantityAvailable: int
    quantityBackordered: int
    quantityBackorderedEta: str | None = None


class Availability(WireModel):
    available: bool
    totalAvailability: int
    availabilityByWarehouse: list[WarehouseAvailability]


class Pricing(WireModel):
    currencyCode: str
    retailPrice: Money
    customerPrice: Money


class PriceAvailabilityItem(WireModel):
    ingramPartNumber: str
    vendorPartNumber: str | None = None
    description: str | None = None
    vendorName: str | None = None
    upc: str | None = None
    productStatusCode: str | None = None  # "E" for an unknown or discontinued part
    productStatusMessage: str | None = None
    acceptBackOrder: bool | None = None
    productAuthorized: bool | None = None
    availability: Availability | None = None
    pricing: Pricing | None = None


class PriceAvailabilityList(RootModel[list[PriceAvailabilityItem]]):
    """The P&A answer is a bare JSON array."""


class CatalogLink(WireModel):
    topic: str
    href: str
    type: str


class CatalogItem(WireModel):
    """Product search row; Ingram sends its flags as the strings "True" and "False"."""

    description: str
    category: str
    subCategory: str
    productType: str
    ingramPartNumber: str
    vendorPartNumber: str
    upcCode: str
    vendorName: str
    endUserRequired: str
    hasDiscounts: str
    type: str
    discontinued: str
    newProduct: str
    directShip: str
    hasWarranty: str
    authorizedToPurchase: str
    links: list[CatalogLink]


class ProductSearchResponse(WireModel):
    recordsFound: int
    pageSize: int
    pageNumber: int
    catalog: list[CatalogItem]
    nextPage: str
    previousPage: str


class Indicators(WireModel):
    hasWarranty: bool
    isNewProduct: bool
    isBackOrderAllowed: bool
    isDirectship: bool
    isDiscontinuedProduct: bool
    isDigitalType: bool


class ProductDetailResponse(WireModel):
    ingramPartNumber: str
    vendorPartNumber: str
    productAuthorized: str
    description: str
    upc: str
    productCategory: str
    productSubcategory: str
    vendorName: str
    vendorNumber: str
    productClass: str
    indicators: Indicators
