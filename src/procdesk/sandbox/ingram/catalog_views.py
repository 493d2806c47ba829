"""Rendering catalog parts as Ingram Micro's P&A rows, search rows and product details."""

from __future__ import annotations

from datetime import datetime, timedelta

from procdesk.sandbox.ingram.catalog import WAREHOUSES, CatalogPart
from procdesk.sandbox.ingram.orders import CURRENCY
from procdesk.sandbox.ingram.wire_catalog import (
    Availability,
    CatalogItem,
    CatalogLink,
    Indicators,
    PriceAvailabilityItem,
    Pricing,
    ProductDetailResponse,
    WarehouseAvailability,
)

UNKNOWN_PART_MESSAGE = "Invalid SKU: no product matches the part number given."
DISCONTINUED_MESSAGE = "Product is discontinued and no longer available."


def _flag(value: bool) -> str:
    return "True" if value else "False"


def unknown_part_row(
    ingram_part_number: str, vendor_part_number: str | None
) -> PriceAvailabilityItem:
    return PriceAvailabilityItem(
        ingramPartNumber=ingram_part_number,
        vendorPartNumber=vendor_part_number,
        productStatusCode="E",
        productStatusMessage=UNKNOWN_PART_MESSAGE,
    )


def _availability(part: CatalogPart, now: datetime) -> Availability:
    eta = None
    if part.backorderable and part.backorder_eta_days is not None:
        eta = (now + timedelta(days=part.backorder_eta_days)).date().isoformat()
    return Availability(
        available=part.total_stock > 0,
        totalAvailability=part.total_stock,
        availabilityByWarehouse=[
            WarehouseAvailability(
                location=warehouse.location,
                warehouseId=warehouse.warehouse_id,
                quantityAvailable=quantity,
                quantityBackordered=0,
                quantityBackorderedEta=eta if quantity == 0 else None,
            )
            for warehouse, quantity in zip(WAREHOUSES, part.stock, strict=True)
        ],
    )


def price_availability_row(
    part: CatalogPart, now: datetime, *, with_availability: bool, with_pricing: bool
) -> PriceAvailabilityItem:
    if part.discontinued:
        return PriceAvailabilityItem(
            ingramPartNumber=part.ingram_part_number,
            vendorPartNumber=part.vendor_part_number,
            description=part.description,
            vendorName=part.vendor_name,
            upc=part.upc,
            productStatusCode="E",
            productStatusMessage=DISCONTINUED_MESSAGE,
            acceptBackOrder=False,
            productAuthorized=False,
        )
    pricing = Pricing(
        currencyCode=CURRENCY, retailPrice=part.retail_price, customerPrice=part.customer_price
    )
    return PriceAvailabilityItem(
        ingramPartNumber=part.ingram_part_number,
        vendorPartNumber=part.vendor_part_number,
        description=part.description,
        vendorName=part.vendor_name,
        upc=part.upc,
        acceptBackOrder=part.backorderable,
        productAuthorized=True,
        availability=_availability(part, now) if with_availability else None,
        pricing=pricing if with_pricing else None,
    )


def search_row(part: CatalogPart, details_href: str) -> CatalogItem:
    return CatalogItem(
        description=part.description,
        category=part.category,
        subCategory=part.sub_category,
        productType=part.sub_category,
        ingramPartNumber=part.ingram_part_number,
        vendorPartNumber=part.vendor_part_number,
        upcCode=part.upc,
        vendorName=part.vendor_name,
        endUserRequired="False",
        hasDiscounts="False",
        type="IM::physical",
        discontinued=_flag(part.discontinued),
        newProduct="False",
        directShip="False",
        hasWarranty="True",
        authorizedToPurchase=_flag(not part.discontinued),
        links=[CatalogLink(topic="Product Details", href=details_href, type="GET")],
    )


def detail(part: CatalogPart) -> ProductDetailResponse:
    return ProductDetailResponse(
        ingramPartNumber=part.ingram_part_number,
        vendorPartNumber=part.vendor_part_number,
        productAuthorized=_flag(not part.discontinued),
        description=part.description,
        upc=part.upc,
        productCategory=part.category,
        productSubcategory=part.sub_category,
        vendorName=part.vendor_name,
        vendorNumber=part.vendor_number,
        productClass="D" if part.discontinued else "A",
        indicators=Indicators(
            hasWarranty=True,
            isNewProduct=False,
            isBackOrderAllowed=part.backorderable,
            isDirectship=False,
            isDiscontinuedProduct=part.discontinued,
            isDigitalType=False,
        ),
    )
