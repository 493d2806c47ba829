"""Inventory: locations, stock per product and location, and received serial numbers.

Choices where the facts are UNVERIFIED:
- Receiving into a location that has no InventoryItem for the product creates one (Autotask's
  help says it must exist; a sandbox that refused would only make tests set stock up first).
- quantityOnOrder, reservations and picking are not modelled: receiving only adds to
  quantityOnHand, which the TicketCharges "in stock" rule then sees.
- Serial numbers are unique per product, compared ignoring case and surrounding spaces.
- At most one location is the default: making a location the default clears the flag on the
  others. Locations are created and updated at the root (`POST|PATCH|PUT InventoryLocations`).
"""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.autotask.bodies import (
    as_int,
    blank_record,
    parse_body,
    replaced,
    require_fields,
    take_id,
)
from procdesk.sandbox.autotask.entities import INVENTORY_LOCATIONS
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference


def active_location(store: AutotaskStore, location_id: object) -> Record:
    location = store.get("inventorylocations", as_int(location_id))
    if location is None:
        raise missing_reference("inventoryLocationID", location_id)
    if not location["isActive"]:
        raise AutotaskError(f"Inventory location {location_id} is inactive.")
    return location


def stock_item(store: AutotaskStore, product_id: int, location_id: int) -> Record:
    """The InventoryItem of this product at this location, created empty when missing."""
    for item in store.table("inventoryitems").values():
        if item["productID"] == product_id and item["inventoryLocationID"] == location_id:
            return item
    created: Record = {
        "inventoryLocationID": location_id,
        "productID": product_id,
        "quantityOnHand": 0,
        "quantityReserved": 0,
        "quantityMinimum": 0,
        "quantityMaximum": 0,
    }
    store.insert("inventoryitems", created)
    return created


def add_stock(store: AutotaskStore, product_id: int, location_id: int, quantity: int) -> Record:
    item = stock_item(store, product_id, location_id)
    item["quantityOnHand"] = as_int(item["quantityOnHand"]) + quantity
    return item


def _fold(serial: str) -> str:
    return serial.strip().casefold()


def serial_taken(store: AutotaskStore, product_id: int, serial: str) -> bool:
    items = {
        item_id
        for item_id, item in store.table("inventoryitems").items()
        if item["productID"] == product_id
    }
    return any(
        record["inventoryItemID"] in items and _fold(str(record["serialNumber"])) == _fold(serial)
        for record in store.table("inventoryitemserialnumbers").values()
    )


def record_serial(store: AutotaskStore, inventory_item_id: int, serial: str) -> int:
    return store.insert(
        "inventoryitemserialnumbers", {"inventoryItemID": inventory_item_id, "serialNumber": serial}
    )


def _only_default(store: AutotaskStore, location: Record) -> None:
    if location.get("isDefault"):
        for other in store.table("inventorylocations").values():
            if other is not location:
                other["isDefault"] = False


def create_location(store: AutotaskStore, body: object, now: datetime) -> int:
    values = parse_body(body, INVENTORY_LOCATIONS)
    values.pop("id", None)
    require_fields(values, INVENTORY_LOCATIONS)
    location = blank_record(INVENTORY_LOCATIONS) | values
    location_id = store.insert("inventorylocations", location)
    _only_default(store, location)
    return location_id


def update_location(store: AutotaskStore, body: object, now: datetime, replace: bool) -> int:
    values = parse_body(body, INVENTORY_LOCATIONS)
    location_id = take_id(values, INVENTORY_LOCATIONS)
    location = store.get("inventorylocations", location_id)
    if location is None:
        raise AutotaskError(f"InventoryLocations with id {location_id} does not exist.")
    updated = replaced(location, values, INVENTORY_LOCATIONS) if replace else location | values
    require_fields(updated, INVENTORY_LOCATIONS)
    location.update(updated)
    _only_default(store, location)
    return location_id
