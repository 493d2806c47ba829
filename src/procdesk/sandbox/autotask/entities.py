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

ENTITIES: dict[str, EntitySpec] = {
    spec.name.lower(): spec
    for spec in (TICKET_CHARGES, BILLING_CODES, PRODUCTS, TICKETS, COMPANIES, INVENTORY_ITEMS)
}


def find_entity(name: str) -> EntitySpec | None:
    return ENTITIES.get(name.lower())
