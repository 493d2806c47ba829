"""The emulated Autotask entities: their fields and what each supports over REST."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from procdesk.sandbox.autotask.fields import (
    BILLING_CODE_FIELDS,
    COMPANY_FIELDS,
    INVENTORY_ITEM_FIELDS,
    PRODUCT_FIELDS,
    TICKET_CHARGE_FIELDS,
    TICKET_FIELDS,
    FieldDef,
)
from procdesk.sandbox.autotask.procurement_fields import (
    INVENTORY_LOCATION_FIELDS,
    PRODUCT_VENDOR_FIELDS,
    PURCHASE_ORDER_FIELDS,
    PURCHASE_ORDER_ITEM_FIELDS,
    RECEIVING_FIELDS,
    SERIAL_NUMBER_FIELDS,
)


class EntitySpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    fields: tuple[FieldDef, ...]
    can_create: bool = False
    can_update: bool = False
    can_delete: bool = False
    parent: str | None = None

    def field(self, name: str) -> FieldDef | None:
        """The field whose name matches `name` ignoring case (Autotask's rule)."""
        wanted = name.lower()
        return next((f for f in self.fields if f.name.lower() == wanted), None)

    def info(self) -> dict[str, object]:
        return {
            "name": self.name,
            "canCreate": self.can_create,
            "canUpdate": self.can_update,
            "canQuery": True,
            "canDelete": self.can_delete,
            "hasUserDefinedFields": False,
            "supportsWebhookCallouts": False,
            "userAccessForCreate": "All" if self.can_create else "None",
            "userAccessForDelete": "All" if self.can_delete else "None",
            "userAccessForQuery": "All",
            "userAccessForUpdate": "All" if self.can_update else "None",
        }


TICKET_CHARGES = EntitySpec(
    name="TicketCharges",
    fields=TICKET_CHARGE_FIELDS,
    can_create=True,
    can_update=True,
    can_delete=True,
    parent="Tickets",
)
BILLING_CODES = EntitySpec(name="BillingCodes", fields=BILLING_CODE_FIELDS)
PRODUCTS = EntitySpec(name="Products", fields=PRODUCT_FIELDS, can_create=True, can_update=True)
TICKETS = EntitySpec(name="Tickets", fields=TICKET_FIELDS)
COMPANIES = EntitySpec(name="Companies", fields=COMPANY_FIELDS)
INVENTORY_ITEMS = EntitySpec(name="InventoryItems", fields=INVENTORY_ITEM_FIELDS)
PURCHASE_ORDERS = EntitySpec(
    name="PurchaseOrders", fields=PURCHASE_ORDER_FIELDS, can_create=True, can_update=True
)
# Items and receipts are written only under their parent; they are queried at the root.
PURCHASE_ORDER_ITEMS = EntitySpec(
    name="PurchaseOrderItems",
    fields=PURCHASE_ORDER_ITEM_FIELDS,
    can_create=True,
    can_update=True,
    parent="PurchaseOrders",
)
RECEIVING = EntitySpec(
    name="PurchaseOrderItemReceiving",
    fields=RECEIVING_FIELDS,
    can_create=True,
    parent="PurchaseOrderItems",
)
INVENTORY_LOCATIONS = EntitySpec(
    name="InventoryLocations", fields=INVENTORY_LOCATION_FIELDS, can_create=True, can_update=True
)
SERIAL_NUMBERS = EntitySpec(name="InventoryItemSerialNumbers", fields=SERIAL_NUMBER_FIELDS)
PRODUCT_VENDORS = EntitySpec(name="ProductVendors", fields=PRODUCT_VENDOR_FIELDS, parent="Products")

ENTITIES: dict[str, EntitySpec] = {
    spec.name.lower(): spec
    for spec in (
        TICKET_CHARGES,
        BILLING_CODES,
        PRODUCTS,
        TICKETS,
        COMPANIES,
        INVENTORY_ITEMS,
        PURCHASE_ORDERS,
        PURCHASE_ORDER_ITEMS,
        RECEIVING,
        INVENTORY_LOCATIONS,
        SERIAL_NUMBERS,
        PRODUCT_VENDORS,
    )
}


def find_entity(name: str) -> EntitySpec | None:
    return ENTITIES.get(name.lower())
