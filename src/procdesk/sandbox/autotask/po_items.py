"""PurchaseOrderItems: created with `POST PurchaseOrders/{poId}/Items`, updated with
`PATCH|PUT PurchaseOrders/{poId}/Items` (id in the body); queried at the root too.

Rules: items are added only while the PO is New and changed only while it is not Received
Full or Canceled; quantity >= 1; inventoryLocationID must be an active location; a chargeID
must name a ticket charge in status Need To Order, whose ticket the item's ticketID matches.

Choices where the facts are UNVERIFIED:
- An item needs a productID or a chargeID; from a charge the sandbox fills in the charge's
  ticketID and productID when the body leaves them out, and refuses ones that differ.
- unitCost must be >= 0.
- projectID, contractID and salesOrderID name entities the sandbox does not have: any value
  is refused as not referencing an existing entity.
- Once created, an item's orderID, chargeID, ticketID and productID cannot change; its
  inventoryLocationID cannot change once anything is received; its quantity cannot drop below
  what is already received. PUT replaces every writable field, like PurchaseOrders.
- internalCurrencyUnitCost is read-only and equals unitCost (one currency).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from procdesk.sandbox.autotask import charge_procurement, inventory
from procdesk.sandbox.autotask.bodies import (
    as_int,
    blank_record,
    parse_body,
    replaced,
    require_fields,
    take_id,
)
from procdesk.sandbox.autotask.entities import PURCHASE_ORDER_ITEMS
from procdesk.sandbox.autotask.po_progress import (
    follow_receipts,
    purchase_order,
    received_quantity,
    status_of,
)
from procdesk.sandbox.autotask.procurement_fields import PoStatus
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference

UNSUPPORTED_CONTEXTS = ("projectID", "contractID", "salesOrderID")
FIXED_AFTER_CREATE = ("orderID", "chargeID", "ticketID", "productID", *UNSUPPORTED_CONTEXTS)


def _check_amounts(values: Record) -> None:
    if as_int(values["quantity"]) < 1:
        raise AutotaskError("quantity must be at least 1.")
    cost = values["unitCost"]
    if isinstance(cost, Decimal) and cost < 0:
        raise AutotaskError("unitCost cannot be negative.")


def _link_charge(store: AutotaskStore, values: Record) -> Record | None:
    """Check the charge, ticket and product the item names; fill them in from the charge."""
    for field in UNSUPPORTED_CONTEXTS:
        if values.get(field) is not None:
            raise missing_reference(field, values[field])
    charge = None
    if values.get("chargeID") is not None:
        charge = charge_procurement.orderable_charge(store, as_int(values["chargeID"]))
        for field in ("ticketID", "productID"):
            given = values.get(field)
            if given is not None and given != charge[field]:
                raise AutotaskError(
                    f"{field} {given} does not match the {field} of charge {charge['id']}."
                )
            values[field] = charge[field]
    if (
        values.get("ticketID") is not None
        and store.get("tickets", as_int(values["ticketID"])) is None
    ):
        raise missing_reference("ticketID", values["ticketID"])
    if values.get("productID") is None:
        raise AutotaskError("A purchase order item needs a productID or a chargeID.")
    if store.get("products", as_int(values["productID"])) is None:
        raise missing_reference("productID", values["productID"])
    return charge


def _parse(po_id: int, body: object) -> Record:
    values = parse_body(body, PURCHASE_ORDER_ITEMS)
    if values.get("orderID") not in (None, po_id):
        raise AutotaskError("The orderID in the body does not match the purchase order in the URL.")
    values["orderID"] = po_id
    return values


def create_item(store: AutotaskStore, po_id: int, body: object, now: datetime) -> int:
    values = _parse(po_id, body)
    values.pop("id", None)
    require_fields(values, PURCHASE_ORDER_ITEMS)
    if status_of(purchase_order(store, po_id)) is not PoStatus.NEW:
        raise AutotaskError("Items can be added only while the purchase order is New.")
    _check_amounts(values)
    inventory.active_location(store, values["inventoryLocationID"])
    charge = _link_charge(store, values)
    item = blank_record(PURCHASE_ORDER_ITEMS) | values
    item["internalCurrencyUnitCost"] = item["unitCost"]
    item_id = store.insert("purchaseorderitems", item)
    if charge is not None:
        charge_procurement.move(charge, charge_procurement.ON_ORDER, now)
    return item_id


def update_item(
    store: AutotaskStore, po_id: int, body: object, now: datetime, replace: bool
) -> int:
    values = _parse(po_id, body)
    item_id = take_id(values, PURCHASE_ORDER_ITEMS)
    item = store.get("purchaseorderitems", item_id)
    if item is None or item["orderID"] != po_id:
        raise AutotaskError(
            f"PurchaseOrderItems with id {item_id} does not exist on purchase order {po_id}."
        )
    po = purchase_order(store, po_id)
    if status_of(po) in (PoStatus.RECEIVED_FULL, PoStatus.CANCELED):
        raise AutotaskError(
            f"Items of a purchase order that is {status_of(po).value} cannot be changed."
        )
    updated = replaced(item, values, PURCHASE_ORDER_ITEMS) if replace else item | values
    require_fields(updated, PURCHASE_ORDER_ITEMS)
    for field in FIXED_AFTER_CREATE:
        if updated[field] != item[field]:
            raise AutotaskError(f"{field} cannot be changed on an existing purchase order item.")
    _check_amounts(updated)
    received = received_quantity(store, item_id)
    if as_int(updated["quantity"]) < received:
        raise AutotaskError(f"quantity cannot be less than the {received} already received.")
    if updated["inventoryLocationID"] != item["inventoryLocationID"]:
        if received:
            raise AutotaskError("inventoryLocationID cannot change once items have been received.")
        inventory.active_location(store, updated["inventoryLocationID"])
    item.update(updated, internalCurrencyUnitCost=updated["unitCost"])
    follow_receipts(store, po, now)
    return item_id
