"""`<OrderResponse>` to a purchase order and `<OrderStatusResponse>` to a status request.

Sandbox choices (UNVERIFIED):
- Each Item carries its line number twice, as the `lineNumber` attribute and as a
  `<LineNumber>` child, because public clients read one or the other.
- Elements without a value are left out (ShipDatetime before anything shipped, ETADate
  when nothing is backordered, Reason unless the line is rejected, ...).
- OrderResponse's Code is `accepted` whenever any line was taken, non-stock lines included.
- OrderStatusResponse's Code is `accepted` for a known PO (the lines carry the progress)
  and `not found` for an unknown one, with a Reason and no Items.
- Each Package lists one SerialNo per serialised unit in it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from procdesk.sandbox.synnexxml.orders import ACCEPTED, OrderLine, XmlOrder
from procdesk.sandbox.synnexxml.replies import child, optional

NOT_FOUND = "not found"


def _item(parent: ET.Element, line: OrderLine) -> ET.Element:
    item = child(parent, "Item")
    item.set("lineNumber", str(line.line_number))
    child(item, "LineNumber", line.line_number)
    return item


def order_response(order: XmlOrder, now: datetime) -> ET.Element:
    root = ET.Element("SynnexB2B")
    response = child(root, "OrderResponse")
    child(response, "CustomerNumber", order.customer_number)
    child(response, "PONumber", order.po_number)
    child(response, "Code", ACCEPTED)
    child(response, "ResponseDateTime", now)
    items = child(response, "Items")
    for line in order.lines:
        item = _item(items, line)
        child(item, "SKU", line.sku)
        child(item, "MfgPN", line.mfg_pn)
        child(item, "ProductName", line.product_name)
        child(item, "OrderQuantity", line.quantity)
        child(item, "Code", line.code(now))
        optional(item, "Reason", line.rejection)
        optional(item, "OrderNumber", line.order_number)
        optional(item, "OrderType", line.order_type)
        child(item, "ShipQuantity", line.shipped_quantity(now))
        optional(item, "ShipFromWarehouse", line.warehouse)
        child(item, "ShipMethod", line.ship_method)
        optional(item, "ETADate", line.eta)
    return root


def _packages(item: ET.Element, line: OrderLine, now: datetime) -> None:
    shipped = line.shipped(now)
    if not shipped:
        return
    packages = child(item, "Packages")
    for shipment in shipped:
        for package in shipment.packages:
            element = child(packages, "Package")
            child(element, "TrackingNumber", package.tracking_number)
            child(element, "Weight", f"{package.weight:.1f}")
            child(element, "ShipItemQuantity", package.quantity)
            for serial in package.serial_numbers:
                child(element, "SerialNo", serial)


def status_response(order: XmlOrder, now: datetime) -> ET.Element:
    root = ET.Element("SynnexB2B")
    response = child(root, "OrderStatusResponse")
    child(response, "CustomerNumber", order.customer_number)
    child(response, "PONumber", order.po_number)
    child(response, "Code", ACCEPTED)
    child(response, "PODatetime", order.created_at)
    child(response, "ResponseDateTime", now)
    items = child(response, "Items")
    for line in order.lines:
        item = _item(items, line)
        child(item, "Code", line.code(now))
        optional(item, "Reason", line.rejection)
        optional(item, "ShipDatetime", line.last_ship_time(now))
        optional(item, "OrderNumber", line.order_number)
        optional(item, "OrderType", line.order_type)
        child(item, "OrderQuantity", line.quantity)
        child(item, "UnitPrice", line.unit_price)
        child(item, "SKU", line.sku)
        child(item, "MfgPN", line.mfg_pn)
        child(item, "ProductName", line.product_name)
        child(item, "ShipQuantity", line.shipped_quantity(now))
        optional(item, "ShipFromWarehouse", line.warehouse)
        child(item, "ShipMethod", line.ship_method)
        optional(item, "ETADate", line.eta)
        optional(item, "EstimatedShipDate", line.estimated_ship_date)
        optional(item, "EstimatedDeliveryDate", line.estimated_delivery_date)
        _packages(item, line, now)
    return root


def status_not_found(customer_number: str, po_number: str, now: datetime) -> ET.Element:
    root = ET.Element("SynnexB2B")
    response = child(root, "OrderStatusResponse")
    child(response, "CustomerNumber", customer_number)
    child(response, "PONumber", po_number)
    child(response, "Code", NOT_FOUND)
    child(response, "Reason", f"No purchase order {po_number} was found for this customer.")
    child(response, "ResponseDateTime", now)
    return root
