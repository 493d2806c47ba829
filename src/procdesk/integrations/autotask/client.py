"""AutotaskClient: the calls procdesk makes, typed, on top of the generic operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procdesk.integrations.autotask.base import AutotaskBase
from procdesk.integrations.autotask.filters import F, Filter
from procdesk.integrations.autotask.models import (
    BillingCode,
    Identified,
    InventoryItem,
    Product,
    Ticket,
    TicketCharge,
)
from procdesk.integrations.autotask.pages import ItemId
from procdesk.integrations.autotask.session import parsed

TICKET_CHARGES = "TicketCharges"
TICKETS = "Tickets"
BILLING_CODES = "BillingCodes"
PRODUCTS = "Products"
INVENTORY_ITEMS = "InventoryItems"


class AutotaskClient(AutotaskBase):
    """Async Autotask PSA REST client. Use as `async with AutotaskClient(creds, ...) as c:`."""

    # --- TicketCharges (a child of Tickets: created, updated and deleted under the ticket)

    async def create_ticket_charge(self, charge: TicketCharge) -> int:
        """POST Tickets/{id}/Charges; the new charge's id. Not idempotent: a retry after an
        uncertain outcome must look for the charge first."""
        ticket_id = charge.ticket_id
        if ticket_id is None:
            raise ValueError("a ticket charge is created under its ticket: ticketID is missing")
        body = charge.to_wire()
        body.pop("id", None)
        raw = await self._session.call(
            "POST", f"{TICKETS}/{ticket_id}/Charges", entity=TICKET_CHARGES, body=body
        )
        return parsed(ItemId, raw).item_id

    async def update_ticket_charge(
        self, ticket_id: int, charge_id: int, fields: Mapping[str, Any]
    ) -> int:
        """PATCH Tickets/{id}/Charges with the charge id in the body (only while unbilled)."""
        body = {**fields, "id": charge_id}
        raw = await self._session.call(
            "PATCH", f"{TICKETS}/{ticket_id}/Charges", entity=TICKET_CHARGES, body=body
        )
        return parsed(ItemId, raw).item_id

    async def delete_ticket_charge(self, ticket_id: int, charge_id: int) -> None:
        """DELETE Tickets/{id}/Charges/{chargeId} (only while unbilled)."""
        await self._session.call(
            "DELETE", f"{TICKETS}/{ticket_id}/Charges/{charge_id}", entity=TICKET_CHARGES
        )

    async def query_ticket_charges(self, filter_: Filter | None = None) -> list[TicketCharge]:
        records = await self.query(TICKET_CHARGES, filter_)
        return [parsed(TicketCharge, r) for r in records]

    async def list_ticket_charges(self, ticket_id: int) -> list[TicketCharge]:
        """Every charge on one ticket."""
        return await self.query_ticket_charges(F.eq("ticketID", ticket_id))

    async def find_ticket_charge_noting(self, ticket_id: int, text: str) -> TicketCharge | None:
        """The ticket's oldest charge whose notes contain `text` (procdesk's marker): how a
        create whose outcome was uncertain is found before anything is created again."""
        found = await self.query_ticket_charges(
            F.and_(F.eq("ticketID", ticket_id), F.contains("notes", text))
        )
        return min(found, key=lambda c: c.id or 0) if found else None

    async def get_ticket_charge(self, charge_id: int) -> TicketCharge | None:
        found = await self.query_ticket_charges(F.eq("id", charge_id))
        return found[0] if found else None

    # --- BillingCodes (query only over REST)

    async def query_billing_codes(self, filter_: Filter | None = None) -> list[BillingCode]:
        records = await self.query(BILLING_CODES, filter_)
        return [parsed(BillingCode, r) for r in records]

    # --- Products

    async def query_products(self, filter_: Filter | None = None) -> list[Product]:
        records = await self.query(PRODUCTS, filter_)
        return [parsed(Product, r) for r in records]

    async def get_product(self, product_id: int) -> Product | None:
        record = await self.get(PRODUCTS, product_id)
        return None if record is None else parsed(Product, record)

    # --- Tickets

    async def get_ticket(self, ticket_id: int) -> Ticket | None:
        record = await self.get(TICKETS, ticket_id)
        return None if record is None else parsed(Ticket, record)

    async def ticket_id_for_number(self, ticket_number: str) -> int | None:
        """The id of the ticket numbered e.g. "T20261122.0042", or None if none has it."""
        records = await self.query(
            TICKETS, F.eq("ticketNumber", ticket_number.strip()), ["id", "ticketNumber"], limit=1
        )
        return parsed(Identified, records[0]).id if records else None

    # --- InventoryItems

    async def query_inventory_items(self, filter_: Filter | None = None) -> list[InventoryItem]:
        records = await self.query(INVENTORY_ITEMS, filter_)
        return [parsed(InventoryItem, r) for r in records]
