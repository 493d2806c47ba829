"""Who handles a create or update sent to an entity's root (`POST|PATCH|PUT <Entity>`).

Entities with rules of their own (PurchaseOrders, InventoryLocations) name their functions
here; every other root-writable entity (Products) gets the plain behaviour: required fields
on create, PATCH merges, PUT replaces every writable field. Entities written under a parent
(TicketCharges, PurchaseOrderItems, PurchaseOrderItemReceiving) never come here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from procdesk.sandbox.autotask import inventory, purchase_orders
from procdesk.sandbox.autotask.bodies import (
    blank_record,
    parse_body,
    replaced,
    require_fields,
    take_id,
)
from procdesk.sandbox.autotask.entities import EntitySpec
from procdesk.sandbox.autotask.store import AutotaskStore
from procdesk.sandbox.autotask.values import AutotaskError

CreateFn = Callable[[AutotaskStore, object, datetime], int]
UpdateFn = Callable[[AutotaskStore, object, datetime, bool], int]  # bool: PUT replaces


@dataclass(frozen=True)
class RootWriter:
    create: CreateFn
    update: UpdateFn


def _plain(spec: EntitySpec) -> RootWriter:
    def create(store: AutotaskStore, body: object, now: datetime) -> int:
        values = parse_body(body, spec)
        values.pop("id", None)
        require_fields(values, spec)
        return store.insert(spec.name, blank_record(spec) | values)

    def update(store: AutotaskStore, body: object, now: datetime, replace: bool) -> int:
        values = parse_body(body, spec)
        record_id = take_id(values, spec)
        existing = store.get(spec.name, record_id)
        if existing is None:
            raise AutotaskError(f"{spec.name} with id {record_id} does not exist.")
        updated = replaced(existing, values, spec) if replace else existing | values
        require_fields(updated, spec)
        existing.update(updated)
        return record_id

    return RootWriter(create, update)


ROOT_WRITERS: dict[str, RootWriter] = {
    "purchaseorders": RootWriter(
        purchase_orders.create_purchase_order, purchase_orders.update_purchase_order
    ),
    "inventorylocations": RootWriter(inventory.create_location, inventory.update_location),
}


def root_writer(spec: EntitySpec) -> RootWriter:
    return ROOT_WRITERS.get(spec.name.lower()) or _plain(spec)
