"""What exists in the emulated Autotask database: records per entity and system settings."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from procdesk.sandbox.autotask.demo_data import (
    DEMO_BILLING_CODES,
    DEMO_COMPANIES,
    DEMO_INVENTORY,
    DEMO_PRODUCTS,
    DEMO_SETTINGS,
    DEMO_TICKETS,
)
from procdesk.sandbox.autotask.demo_procurement import (
    DEMO_LOCATIONS,
    DEMO_PRODUCT_VENDORS,
    DEMO_VENDORS,
)
from procdesk.sandbox.autotask.values import record_to_wire

Record = dict[str, object]

FIRST_CHARGE_ID = 40001
FIRST_PRODUCT_ID = 2001
# Each procurement entity has its own id range, so an item id passed as a PO id (or a
# receipt id as an item id) names nothing instead of the wrong record.
FIRST_IDS = {
    "purchaseorders": 61001,
    "purchaseorderitems": 62001,
    "purchaseorderitemreceiving": 63001,
    "inventoryitemserialnumbers": 64001,
    "inventorylocations": 3,
    "inventoryitems": max(i.id for i in DEMO_INVENTORY) + 1,
}


class AutotaskSettings(BaseModel):
    """Settings tests and the demo change through `/_sandbox/autotask/settings`."""

    procurement_enabled: bool = DEMO_SETTINGS.procurement_enabled
    approval_threshold: Decimal = DEMO_SETTINGS.approval_threshold
    hourly_request_limit: int = 10_000
    usage_latency: bool = True  # slow calls down as the hourly budget is used, as Autotask does


class AutotaskStore:
    def __init__(self, hourly_request_limit: int = 10_000) -> None:
        self._default_limit = hourly_request_limit
        self.tables: dict[str, dict[int, Record]] = {}
        self.settings = AutotaskSettings(hourly_request_limit=hourly_request_limit)
        self._next_ids: dict[str, int] = {}
        self.reset()

    def reset(self) -> None:
        self.settings = AutotaskSettings(hourly_request_limit=self._default_limit)
        self.tables = {
            "companies": {c.id: c.model_dump() for c in [*DEMO_COMPANIES, *DEMO_VENDORS]},
            "tickets": {t.id: t.model_dump() for t in DEMO_TICKETS},
            "billingcodes": {b.id: b.model_dump() for b in DEMO_BILLING_CODES},
            "products": {p.id: p.model_dump() for p in DEMO_PRODUCTS},
            "inventoryitems": {i.id: i.model_dump() for i in DEMO_INVENTORY},
            "ticketcharges": {},
            "inventorylocations": {loc.id: loc.model_dump() for loc in DEMO_LOCATIONS},
            "productvendors": {v.id: v.model_dump() for v in DEMO_PRODUCT_VENDORS},
            "purchaseorders": {},
            "purchaseorderitems": {},
            "purchaseorderitemreceiving": {},
            "inventoryitemserialnumbers": {},
        }
        self._next_ids = {
            "ticketcharges": FIRST_CHARGE_ID,
            "products": FIRST_PRODUCT_ID,
            **FIRST_IDS,
        }

    def table(self, entity: str) -> dict[int, Record]:
        return self.tables[entity.lower()]

    def get(self, entity: str, record_id: int) -> Record | None:
        return self.table(entity).get(record_id)

    def insert(self, entity: str, record: Record) -> int:
        key = entity.lower()
        record_id = self._next_ids[key]
        self._next_ids[key] = record_id + 1
        record["id"] = record_id
        self.tables[key][record_id] = record
        return record_id

    def available_stock(self, product_id: int) -> int:
        return sum(
            int(str(item["quantityOnHand"])) - int(str(item["quantityReserved"]))
            for item in self.tables["inventoryitems"].values()
            if item["productID"] == product_id
        )

    def snapshot(self) -> dict[str, object]:
        charges: dict[str, list[Record]] = {}
        for charge in sorted(
            self.tables["ticketcharges"].values(), key=lambda r: int(str(r["id"]))
        ):
            charges.setdefault(str(charge["ticketID"]), []).append(record_to_wire(charge))
        return {
            "counts": {name: len(rows) for name, rows in self.tables.items()},
            "charges_by_ticket": charges,
            "settings": self.settings.model_dump(mode="json"),
        }
