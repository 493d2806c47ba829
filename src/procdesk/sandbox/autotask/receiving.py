"""PurchaseOrderItemReceiving: created only with `POST PurchaseOrderItems/{itemId}/Receiving`;
queried at the root; never updated or deleted (those routes do not exist: 405).

Rules: the item's PO must be Submitted or Received Partial; quantityNowReceiving >= 1 and no
more than the item still has open; serialNumber at most 50 characters, one per receipt; a
serialized product (Products.isSerialized) needs a serialNumber and quantityNowReceiving 1,
and a serial is used once per product. A receipt adds to the InventoryItem of the item's
product and location and records the serial in InventoryItemSerialNumbers.

Choices where the facts are UNVERIFIED:
- Receiving beyond the item's open quantity is refused (no surplus item is generated).
- quantityPreviouslyReceived is what the item had received before this receipt;
  quantityBackOrdered is what stays open after it (item quantity - previously - now).
- A serialNumber on a product that is not serialized is refused, and so is one holding a
  comma, semicolon, tab or line break (several serials squeezed into one receipt).
- receiveDate defaults to the sandbox clock's now; receivedByResourceID is the API's resource.
- The "require vendor invoice number on received items" setting is not modelled (off).
"""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.autotask import inventory
from procdesk.sandbox.autotask.bodies import (
    as_int,
    blank_record,
    is_blank,
    parse_body,
    require_fields,
)
from procdesk.sandbox.autotask.charges import API_RESOURCE_ID
from procdesk.sandbox.autotask.entities import RECEIVING
from procdesk.sandbox.autotask.po_progress import (
    RECEIVING_OPEN,
    follow_receipts,
    purchase_order,
    received_quantity,
    status_of,
)
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference

SERIAL_SEPARATORS = (",", ";", "\t", "\n", "\r")


def _serial(store: AutotaskStore, values: Record, product: Record, quantity: int) -> str | None:
    raw = values.get("serialNumber")
    serial = None if is_blank(raw) else str(raw).strip()
    if not product["isSerialized"]:
        if serial is not None:
            raise AutotaskError(
                f"Product {product['id']} is not serialized: serialNumber must be empty."
            )
        return None
    if serial is None:
        raise AutotaskError(f"Product {product['id']} is serialized: serialNumber is required.")
    if quantity != 1:
        raise AutotaskError("A serialized product is received one unit (one serial) at a time.")
    if any(mark in serial for mark in SERIAL_SEPARATORS):
        raise AutotaskError("serialNumber holds one serial number per receipt.")
    if inventory.serial_taken(store, as_int(product["id"]), serial):
        raise AutotaskError(
            f"Serial number {serial} is already received for product {product['id']}."
        )
    return serial


def receive(store: AutotaskStore, item_id: int, body: object, now: datetime) -> int:
    values = parse_body(body, RECEIVING)
    values.pop("id", None)
    if values.get("purchaseOrderItemID") not in (None, item_id):
        raise AutotaskError(
            "The purchaseOrderItemID in the body does not match the item in the URL."
        )
    values["purchaseOrderItemID"] = item_id
    item = store.get("purchaseorderitems", item_id)
    if item is None:
        raise missing_reference("purchaseOrderItemID", item_id)
    require_fields(values, RECEIVING)
    po = purchase_order(store, as_int(item["orderID"]))
    if status_of(po) not in RECEIVING_OPEN:
        raise AutotaskError(
            "Items can be received only on a Submitted or Received Partial purchase order."
        )
    quantity = as_int(values["quantityNowReceiving"])
    if quantity < 1:
        raise AutotaskError("quantityNowReceiving must be at least 1.")
    previously = received_quantity(store, item_id)
    still_open = as_int(item["quantity"]) - previously
    if quantity > still_open:
        raise AutotaskError(
            f"Cannot receive {quantity}: only {still_open} of this item remain to be received."
        )
    product_id = as_int(item["productID"])
    product = store.get("products", product_id)
    if product is None:
        raise missing_reference("productID", product_id)
    serial = _serial(store, values, product, quantity)
    receipt = blank_record(RECEIVING) | values
    receipt.update(
        serialNumber=serial,
        quantityPreviouslyReceived=previously,
        quantityBackOrdered=still_open - quantity,
        receiveDate=values.get("receiveDate") or now,
        receivedByResourceID=API_RESOURCE_ID,
    )
    receipt_id = store.insert("purchaseorderitemreceiving", receipt)
    stock = inventory.add_stock(store, product_id, as_int(item["inventoryLocationID"]), quantity)
    if serial is not None:
        inventory.record_serial(store, as_int(stock["id"]), serial)
    follow_receipts(store, po, now)
    return receipt_id
