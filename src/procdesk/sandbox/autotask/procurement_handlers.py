"""Endpoints of the procurement children: a PO's items, an item's receipts, a product's
vendors. Listing an unknown parent is a 404, as for a ticket's charges."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from procdesk.sandbox.autotask import po_items, receiving
from procdesk.sandbox.autotask.entities import PRODUCT_VENDORS, PURCHASE_ORDER_ITEMS, RECEIVING
from procdesk.sandbox.autotask.handlers import Call, child_page
from procdesk.sandbox.autotask.values import AutotaskError


def _require(call: Call, table: str, record_id: int, entity: str) -> None:
    if call.emulator.store.get(table, record_id) is None:
        raise AutotaskError(f"{entity} with id {record_id} does not exist.", status=404)


async def purchase_order_items(call: Call) -> Response:
    """`GET|POST|PATCH|PUT PurchaseOrders/{po}/Items`."""
    po_id = call.int_param("po")
    store, now = call.emulator.store, call.emulator.clock.now()
    method = call.request.method
    if method == "POST":
        return JSONResponse({"itemId": po_items.create_item(store, po_id, await call.body(), now)})
    if method in ("PATCH", "PUT"):
        body = await call.body()
        item_id = po_items.update_item(store, po_id, body, now, replace=method == "PUT")
        return JSONResponse({"itemId": item_id})
    _require(call, "purchaseorders", po_id, "PurchaseOrders")
    return child_page(call, PURCHASE_ORDER_ITEMS, "orderID", po_id)


async def item_receiving(call: Call) -> Response:
    """`GET|POST PurchaseOrderItems/{item}/Receiving`."""
    item_id = call.int_param("item")
    if call.request.method == "POST":
        store, now = call.emulator.store, call.emulator.clock.now()
        return JSONResponse({"itemId": receiving.receive(store, item_id, await call.body(), now)})
    _require(call, "purchaseorderitems", item_id, "PurchaseOrderItems")
    return child_page(call, RECEIVING, "purchaseOrderItemID", item_id)


async def product_vendors(call: Call) -> Response:
    """`GET Products/{product}/Vendors` (the sandbox serves ProductVendors read-only)."""
    product_id = call.int_param("product")
    _require(call, "products", product_id, "Products")
    return child_page(call, PRODUCT_VENDORS, "productID", product_id)
