"""Autotask procurement calls: vendors, inventory locations, purchase orders, their items and
receipts, and the procurement status of a ticket charge (see shared/api/autotask-procurement.md).

`AutotaskProcurementClient` is an `AutotaskClient` (same constructor, same typed errors) with
these calls added. It is a subclass rather than functions over an `AutotaskClient` because
the existing client has no public create/update for arbitrary entities: writes here go
through the same session (gate, thread limit, error classification) as the charge writes.

Nothing here hard-codes a picklist number: PO statuses, the Vendor company type and charge
status labels are read from `entityInformation/fields` (once per client) at run time.

Autotask has no idempotency key. Every create here may have happened even when the call
failed (`TransientError.maybe_applied`), so look before creating again:
- a PO: `find_purchase_orders(external_po_number)`;
- an item: `purchase_order_items(po_id)` (compare chargeID / productID);
- a receipt: `receipts(item_id, serial_number)`, or use `receive_serial_once` /
  `receive_up_to`, which look first and create only what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from procdesk.domain.enums import Provider
from procdesk.integrations.autotask.client import TICKET_CHARGES, AutotaskClient
from procdesk.integrations.autotask.filters import F, Filter
from procdesk.integrations.autotask.pages import ItemId
from procdesk.integrations.autotask.procurement_models import (
    Company,
    InventoryItemSerialNumber,
    InventoryLocation,
    NewPurchaseOrder,
    NewPurchaseOrderItem,
    NewReceipt,
    ProductVendor,
    PurchaseOrder,
    PurchaseOrderItem,
    PurchaseOrderReceipt,
    PurchaseOrderStatus,
    PurchaseOrderStatuses,
    label_key,
)
from procdesk.integrations.errors import NotFoundError

PURCHASE_ORDERS = "PurchaseOrders"
PURCHASE_ORDER_ITEMS = "PurchaseOrderItems"
RECEIVING = "PurchaseOrderItemReceiving"
COMPANIES = "Companies"
INVENTORY_LOCATIONS = "InventoryLocations"
SERIAL_NUMBERS = "InventoryItemSerialNumbers"
PRODUCT_VENDORS = "ProductVendors"
VENDOR = "Vendor"


class AutotaskProcurementClient(AutotaskClient):
    """`AutotaskClient` plus purchase orders. Use as `async with AutotaskProcurementClient(
    credentials, base_url=...) as client:`. Refusals come back as the client's typed errors
    (a business-rule refusal is a `ValidationError` carrying Autotask's message)."""

    async def _write(self, method: str, path: str, entity: str, body: Mapping[str, Any]) -> int:
        raw = await self._session.call(method, path, entity=entity, body=dict(body))
        return ItemId.model_validate(raw).item_id

    # --- picklists -----------------------------------------------------------------------

    async def purchase_order_statuses(self) -> PurchaseOrderStatuses:
        """PurchaseOrders.status numbers of this database (NotFoundError if one is missing)."""
        return PurchaseOrderStatuses.from_picklist(await self.picklist(PURCHASE_ORDERS, "status"))

    async def company_type_value(self, label: str = VENDOR) -> int:
        """The Companies.companyType number of `label` (Vendor by default)."""
        for value, text in (await self.picklist(COMPANIES, "companyType")).items():
            if label_key(text) == label_key(label):
                return value
        raise NotFoundError(Provider.AUTOTASK, f"Companies.companyType has no value {label!r}")

    async def charge_status_labels(self) -> dict[int, str]:
        """TicketCharges.status: number -> label (e.g. "Need To Order", "On Order")."""
        return await self.picklist(TICKET_CHARGES, "status")

    # --- vendors and locations -----------------------------------------------------------

    async def vendor_companies(
        self,
        name: str | None = None,
        *,
        include_inactive: bool = False,
        name_contains: str | None = None,
    ) -> list[Company]:
        """Vendor-type companies (active ones unless asked), optionally by exact name or by
        a part of the name (Autotask compares without regard to case)."""
        conditions: list[Filter] = [F.eq("companyType", await self.company_type_value())]
        if not include_inactive:
            conditions.append(F.eq("isActive", True))
        if name is not None:
            conditions.append(F.eq("companyName", name.strip()))
        if name_contains:
            conditions.append(F.contains("companyName", name_contains.strip()))
        records = await self.query(COMPANIES, F.and_(*conditions))
        return [Company.model_validate(r) for r in records]

    async def company(self, company_id: int) -> Company | None:
        record = await self.get(COMPANIES, company_id)
        return None if record is None else Company.model_validate(record)

    async def is_vendor(self, company: Company) -> bool:
        return company.companyType == await self.company_type_value()

    async def active_vendor(self, company_id: int) -> Company | None:
        """The company if it can be a PO's vendorID (active, Vendor type), else None."""
        company = await self.company(company_id)
        if company is None:
            return None
        return company if await self.is_vendor(company) and company.isActive else None

    async def inventory_location(self, location_id: int) -> InventoryLocation | None:
        record = await self.get(INVENTORY_LOCATIONS, location_id)
        return None if record is None else InventoryLocation.model_validate(record)

    async def inventory_locations(
        self, *, include_inactive: bool = False
    ) -> list[InventoryLocation]:
        filter_ = None if include_inactive else F.eq("isActive", True)
        records = await self.query(INVENTORY_LOCATIONS, filter_)
        return [InventoryLocation.model_validate(r) for r in records]

    async def default_inventory_location(self) -> InventoryLocation | None:
        """The active location marked default, if there is one."""
        records = await self.query(
            INVENTORY_LOCATIONS, F.eq("isDefault", True) & F.eq("isActive", True), limit=1
        )
        return InventoryLocation.model_validate(records[0]) if records else None

    async def active_inventory_location(self, location_id: int) -> InventoryLocation | None:
        """The location if it exists and is active (what a PO item needs), else None."""
        location = await self.inventory_location(location_id)
        return location if location is not None and location.isActive else None

    async def product_vendors(self, product_id: int) -> list[ProductVendor]:
        """The vendors of a product with their part numbers (ProductVendors)."""
        records = await self.query(PRODUCT_VENDORS, F.eq("productID", product_id))
        return [ProductVendor.model_validate(r) for r in records]

    # --- purchase orders -----------------------------------------------------------------

    async def create_purchase_order(self, order: NewPurchaseOrder) -> int:
        """POST PurchaseOrders with status New; the new PO's id. Not idempotent: after an
        uncertain outcome, `find_purchase_orders(order.externalPONumber)` first."""
        statuses = await self.purchase_order_statuses()
        body = {**order.to_wire(), "status": statuses.value(PurchaseOrderStatus.NEW)}
        return await self._write("POST", PURCHASE_ORDERS, PURCHASE_ORDERS, body)

    async def get_purchase_order(self, po_id: int) -> PurchaseOrder | None:
        record = await self.get(PURCHASE_ORDERS, po_id)
        return None if record is None else PurchaseOrder.model_validate(record)

    async def find_purchase_orders(self, external_po_number: str) -> list[PurchaseOrder]:
        """POs whose externalPONumber is exactly this (the marker procdesk writes)."""
        records = await self.query(PURCHASE_ORDERS, F.eq("externalPONumber", external_po_number))
        return [PurchaseOrder.model_validate(r) for r in records]

    async def purchase_orders_numbered(self, po_number: str) -> list[PurchaseOrder]:
        """POs whose own purchaseOrderNumber is exactly this (what people read and type)."""
        records = await self.query(PURCHASE_ORDERS, F.eq("purchaseOrderNumber", po_number))
        return [PurchaseOrder.model_validate(r) for r in records]

    async def purchase_order_status(self, po_id: int) -> PurchaseOrderStatus | None:
        """The PO's status, or None when there is no such PO."""
        order = await self.get_purchase_order(po_id)
        if order is None:
            return None
        return (await self.purchase_order_statuses()).status(order.status)

    async def update_purchase_order(self, po_id: int, fields: Mapping[str, Any]) -> int:
        """PATCH PurchaseOrders with the PO id in the body."""
        return await self._write("PATCH", PURCHASE_ORDERS, PURCHASE_ORDERS, {**fields, "id": po_id})

    async def submit_purchase_order(self, po_id: int) -> int:
        """New -> Submitted (needs at least one item; no items can be added afterwards)."""
        value = (await self.purchase_order_statuses()).value(PurchaseOrderStatus.SUBMITTED)
        return await self.update_purchase_order(po_id, {"status": value})

    async def cancel_purchase_order(self, po_id: int) -> int:
        value = (await self.purchase_order_statuses()).value(PurchaseOrderStatus.CANCELED)
        return await self.update_purchase_order(po_id, {"status": value})

    # --- items ---------------------------------------------------------------------------

    async def add_purchase_order_item(self, po_id: int, item: NewPurchaseOrderItem) -> int:
        """POST PurchaseOrders/{po}/Items (only while the PO is New); the item's id."""
        body = {**item.to_wire(), "orderID": po_id}
        return await self._write(
            "POST", f"{PURCHASE_ORDERS}/{po_id}/Items", PURCHASE_ORDER_ITEMS, body
        )

    async def update_purchase_order_item(
        self, po_id: int, item_id: int, fields: Mapping[str, Any]
    ) -> int:
        """PATCH PurchaseOrders/{po}/Items with the item id in the body."""
        body = {**fields, "id": item_id}
        return await self._write(
            "PATCH", f"{PURCHASE_ORDERS}/{po_id}/Items", PURCHASE_ORDER_ITEMS, body
        )

    async def purchase_order_items(self, po_id: int) -> list[PurchaseOrderItem]:
        """Every item of one PO, by id."""
        records = await self.query(PURCHASE_ORDER_ITEMS, F.eq("orderID", po_id))
        return [PurchaseOrderItem.model_validate(r) for r in records]

    async def get_purchase_order_item(self, item_id: int) -> PurchaseOrderItem | None:
        record = await self.get(PURCHASE_ORDER_ITEMS, item_id)
        return None if record is None else PurchaseOrderItem.model_validate(record)

    # --- receiving -----------------------------------------------------------------------

    async def receive(self, item_id: int, receipt: NewReceipt) -> int:
        """POST PurchaseOrderItems/{item}/Receiving; the receipt's id. Not idempotent: a
        retried call receives twice. Look with `receipts` first, or use the *_once helpers."""
        body = {**receipt.to_wire(), "purchaseOrderItemID": item_id}
        return await self._write(
            "POST", f"{PURCHASE_ORDER_ITEMS}/{item_id}/Receiving", RECEIVING, body
        )

    async def receipts(
        self, item_id: int, serial_number: str | None = None
    ) -> list[PurchaseOrderReceipt]:
        """The item's receipts, optionally only those of one serial number."""
        filter_: Filter = F.eq("purchaseOrderItemID", item_id)
        if serial_number is not None:
            filter_ = filter_ & F.eq("serialNumber", serial_number)
        records = await self.query(RECEIVING, filter_)
        return [PurchaseOrderReceipt.model_validate(r) for r in records]

    async def received_quantity(self, item_id: int) -> int:
        return sum(r.quantityNowReceiving or 0 for r in await self.receipts(item_id))

    async def receive_serial_once(
        self, item_id: int, serial_number: str, receive_date: datetime | None = None
    ) -> int:
        """Receive one serialized unit unless a receipt of this serial exists on the item;
        the receipt's id either way."""
        found = await self.receipts(item_id, serial_number)
        if found:
            return found[0].id
        receipt = NewReceipt(
            quantityNowReceiving=1, serialNumber=serial_number, receiveDate=receive_date
        )
        return await self.receive(item_id, receipt)

    async def receive_up_to(
        self, item_id: int, total: int, receive_date: datetime | None = None
    ) -> int | None:
        """Receive what is missing for the item to have `total` received (non-serialized
        products); the new receipt's id, or None when `total` is already reached."""
        missing = total - await self.received_quantity(item_id)
        if missing <= 0:
            return None
        return await self.receive(
            item_id, NewReceipt(quantityNowReceiving=missing, receiveDate=receive_date)
        )

    async def serial_numbers(self, serial_number: str) -> list[InventoryItemSerialNumber]:
        """Inventory serial records with exactly this serial number."""
        records = await self.query(SERIAL_NUMBERS, F.eq("serialNumber", serial_number))
        return [InventoryItemSerialNumber.model_validate(r) for r in records]

    # --- charges -------------------------------------------------------------------------

    async def charge_status_label(self, charge_id: int) -> str | None:
        """The charge's procurement status as Autotask labels it ("On Order", "Ready to
        Ship", ...); None when there is no such charge. procdesk reads it, never writes it."""
        charge = await self.get_ticket_charge(charge_id)
        if charge is None or charge.status is None:
            return None
        return (await self.charge_status_labels()).get(charge.status)
