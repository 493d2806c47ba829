"""`<priceResponse>`: one PriceAvailabilityList per requested line, in request order.

Sandbox choices (UNVERIFIED):
- A found part (Active or Discontinued) carries every element; a discontinued part shows
  its last price and quantity 0 everywhere.
- A part not found carries synnexSKU 0, the mfgPN asked for (empty when asked by SKU),
  status `Not found` and lineNumber, nothing else.
- Every TD SYNNEX stock warehouse is listed, with 0 where there is none; warehouse 98
  ("MFG Drop Shipped") is listed only for parts the manufacturer drop-ships.
- totalQuantity is the sum over the listed warehouses, warehouse 98 included: a client
  wanting TD SYNNEX's own shelf stock leaves warehouse 98 out itself.
- GlobalProductStatusCode repeats status.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from procdesk.sandbox.synnexxml.catalog import SynnexPart, part_by_mfg_pn, part_by_sku
from procdesk.sandbox.synnexxml.price_request import PriceRequest, SkuLine
from procdesk.sandbox.synnexxml.replies import child
from procdesk.sandbox.synnexxml.warehouses import DROP_SHIP, STOCK_WAREHOUSES, Warehouse

ACTIVE = "Active"
DISCONTINUED = "Discontinued"
NOT_FOUND = "Not found"


def _lookup(line: SkuLine) -> SynnexPart | None:
    if line.synnex_sku is not None:
        return part_by_sku(line.synnex_sku)
    return part_by_mfg_pn(line.mfg_pn or "")


def _warehouses(part: SynnexPart) -> list[tuple[Warehouse, int]]:
    listed = list(STOCK_WAREHOUSES) + ([DROP_SHIP] if part.drop_ship else [])
    return [(w, 0 if part.discontinued else part.stock_at(w.number)) for w in listed]


def _not_found(parent: ET.Element, line: SkuLine) -> None:
    item = child(parent, "PriceAvailabilityList")
    child(item, "synnexSKU", 0)
    child(item, "mfgPN", line.mfg_pn or "")
    child(item, "status", NOT_FOUND)
    child(item, "lineNumber", line.line_number)


def _found(parent: ET.Element, line: SkuLine, part: SynnexPart) -> None:
    status = DISCONTINUED if part.discontinued else ACTIVE
    stock = _warehouses(part)
    item = child(parent, "PriceAvailabilityList")
    child(item, "synnexSKU", part.sku)
    child(item, "mfgPN", part.mfg_pn)
    child(item, "mfgCode", part.mfg_code)
    child(item, "status", status)
    child(item, "description", part.description)
    child(item, "GlobalProductStatusCode", status)
    child(item, "price", part.price)
    child(item, "totalQuantity", sum(quantity for _, quantity in stock))
    for warehouse, quantity in stock:
        entry = child(item, "AvailabilityByWarehouse")
        info = child(entry, "warehouseInfo")
        child(info, "number", warehouse.number)
        child(info, "zipcode", warehouse.zipcode)
        child(info, "city", warehouse.city)
        child(info, "addr", warehouse.addr)
        child(entry, "qty", quantity)
    child(item, "lineNumber", line.line_number)


def price_response(request: PriceRequest) -> ET.Element:
    root = ET.Element("priceResponse")
    child(root, "customerNo", request.customer_no)
    child(root, "userName", request.user_name)
    for line in request.lines:
        part = _lookup(line)
        if part is None:
            _not_found(root, line)
        else:
            _found(root, line, part)
    return root
