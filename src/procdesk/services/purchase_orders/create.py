"""One Autotask purchase order per placed order, exactly once.

Before each create the marker is committed (`create_started_at` on the order's row, or on
the line's item row); when a marker is found without the id it stands for, the outcome was
uncertain, so Autotask is searched first and what exists is adopted: the PO by its
externalPONumber (the distributor's order number), an item by its charge or by the memo
that names our order and line. Then the PO is submitted.
"""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.enums import IssueKind
from procdesk.domain.order import Order
from procdesk.domain.purchase_order import PoState, PurchaseOrderItemLink, PurchaseOrderLink
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.autotask.procurement_models import (
    NewPurchaseOrder,
    NewPurchaseOrderItem,
    PurchaseOrderItem,
    PurchaseOrderStatus,
)
from procdesk.integrations.errors import ValidationError
from procdesk.services.purchase_orders.lines import LineCharge, line_charges
from procdesk.services.purchase_orders.problems import NeedsPerson, NotYet
from procdesk.services.purchase_orders.settings import PoService
from procdesk.store import purchase_orders as po_store
from procdesk.store import vendors
from procdesk.store.orders import get_lines

ORDERABLE_CHARGE = "need to order"  # Autotask's "Need To Order/Fulfill", any spelling


def item_memo(order: Order, line_number: int) -> str:
    """The item's marker: our order reference and line, searchable in Autotask."""
    return f"procdesk {order.reference} line {line_number}"


def new_purchase_order(order: Order, vendor_id: int) -> NewPurchaseOrder:
    ship = order.ship_to
    lines = ship.address_lines
    return NewPurchaseOrder(
        vendorID=vendor_id,
        shipToName=ship.company[:100],
        shipToAddress1=lines[0][:128],
        shipToAddress2=(lines[1][:128] if len(lines) > 1 else None),
        shipToCity=ship.city[:30],
        shipToState=(ship.state or "")[:25] or None,
        shipToPostalCode=(ship.postal_code or "")[:10] or None,
        phone=(ship.phone or "")[:25] or None,
        externalPONumber=order.distributor_order_id,
        generalMemo=f"procdesk order {order.reference} for {order.company_name}",
    )


class PurchaseOrderCreator(PoService):
    async def create(
        self, order: Order, link: PurchaseOrderLink, client: AutotaskProcurementClient
    ) -> PurchaseOrderLink:
        """Make (or adopt) the PO and its items, then submit it; the row as it is after."""
        async with self._ledger.read() as conn:
            lines = await get_lines(conn, order.id)
            charges = await line_charges(conn, lines)
            items = await po_store.items_of(conn, order.id)
            mapping = await vendors.get(conn, order.distributor)
        if not charges:
            return await self._nothing_to_order(order)
        waiting = [c.line.line_number for c in charges if c.waiting]
        if waiting:
            raise NotYet(f"line(s) {waiting} wait for their ticket charge to reach Autotask")
        po_id = link.autotask_po_id
        if po_id is None:
            vendor_id = await self._vendor(order, mapping.company_id if mapping else None, client)
            po_id = await self._purchase_order(order, link, vendor_id, client)
        location = await self._location(client)
        todo = [c for c in charges if not _settled(items.get(c.line.line_number))]
        if todo:
            existing = await client.purchase_order_items(po_id)
            for charge in todo:
                await self._item(order, po_id, charge, location, existing, client)
        status = await client.purchase_order_status(po_id)
        if status is PurchaseOrderStatus.NEW:
            await client.submit_purchase_order(po_id)
        po = await client.get_purchase_order(po_id)
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.set_fields(
                conn,
                order.id,
                now=now,
                state=PoState.SUBMITTED.value,
                po_number=po.purchaseOrderNumber if po else None,
            )
            await po_store.note(
                conn,
                order.id,
                "po_submitted",
                actor=self._actor,
                now=now,
                detail={"autotask_po_id": po_id, "items": len(charges)},
            )
            found = await po_store.get(conn, order.id)
        assert found is not None
        return found

    async def _nothing_to_order(self, order: Order) -> PurchaseOrderLink:
        """No line has an Autotask product (e.g. licences): no purchase order is made."""
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.set_fields(conn, order.id, now=now, state=PoState.SKIPPED.value)
            await po_store.note(
                conn,
                order.id,
                "po_not_needed",
                actor=self._actor,
                now=now,
                detail={"why": "no line has an Autotask product to procure"},
            )
            found = await po_store.get(conn, order.id)
        assert found is not None
        return found

    async def _vendor(
        self, order: Order, company_id: int | None, client: AutotaskProcurementClient
    ) -> int:
        name = order.distributor.value
        if company_id is None:
            raise NeedsPerson(
                IssueKind.VENDOR_NOT_MAPPED,
                f"{name} is not mapped to an Autotask vendor company",
                distributor=name,
            )
        if await client.active_vendor(company_id) is None:
            raise NeedsPerson(
                IssueKind.VENDOR_NOT_MAPPED,
                f"{name} is mapped to Autotask company {company_id}, which is missing, "
                "inactive or not a vendor",
                distributor=name,
                company_id=company_id,
            )
        return company_id

    async def _location(self, client: AutotaskProcurementClient) -> int:
        wanted = self._settings.inventory_location()
        if wanted is not None:
            found = await client.active_inventory_location(wanted)
            if found is None:
                raise NeedsPerson(
                    IssueKind.NO_INVENTORY_LOCATION,
                    f"inventory location {wanted} is missing or inactive in Autotask",
                )
            return found.id
        default = await client.default_inventory_location()
        if default is None:
            raise NeedsPerson(
                IssueKind.NO_INVENTORY_LOCATION,
                "no inventory location is configured and Autotask has no active default one",
            )
        return default.id

    async def _purchase_order(
        self,
        order: Order,
        link: PurchaseOrderLink,
        vendor_id: int,
        client: AutotaskProcurementClient,
    ) -> int:
        number = order.distributor_order_id or ""
        po_id: int | None = None
        if link.create_started_at is not None:  # uncertain before: adopt what exists
            found = await client.find_purchase_orders(number)
            po_id = found[0].id if found else None
        if po_id is None:
            async with self._ledger.write() as conn:
                await po_store.set_fields(
                    conn, order.id, now=self._clock(), create_started_at=self._clock()
                )
            try:
                po_id = await client.create_purchase_order(new_purchase_order(order, vendor_id))
            except ValidationError as error:
                raise NeedsPerson(IssueKind.PO_REFUSED, error.message) from error
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.set_fields(
                conn, order.id, now=now, autotask_po_id=po_id, vendor_id=vendor_id
            )
            await po_store.note(
                conn,
                order.id,
                "po_created",
                actor=self._actor,
                now=now,
                detail={"autotask_po_id": po_id, "external_po_number": number},
            )
        return po_id

    async def _item(
        self,
        order: Order,
        po_id: int,
        charge: LineCharge,
        location: int,
        existing: list[PurchaseOrderItem],
        client: AutotaskProcurementClient,
    ) -> None:
        line = charge.line
        memo = item_memo(order, line.line_number)
        match = next(
            (
                item
                for item in existing
                if item.memo == memo
                or (charge.charge_id is not None and item.chargeID == charge.charge_id)
            ),
            None,
        )
        item_id = match.id if match else None
        if item_id is None:
            if charge.charge_id is None and charge.product_id is None:
                raise NeedsPerson(
                    IssueKind.PO_REFUSED,
                    f"line {line.line_number} ({line.sku}) has neither a ticket charge nor an "
                    "Autotask product to put on the purchase order",
                    line=line.line_number,
                )
            async with self._ledger.write() as conn:
                now = self._clock()
                await po_store.put_item(
                    conn,
                    order.id,
                    line.line_number,
                    now=now,
                    create_started_at=now,
                    charge_id=charge.charge_id,
                    ticket_id=charge.ticket_id,
                )
            item = NewPurchaseOrderItem(
                inventoryLocationID=location,
                quantity=int(line.quantity),
                unitCost=Decimal(line.unit_price),
                productID=charge.product_id,
                chargeID=charge.charge_id,
                ticketID=charge.ticket_id,
                memo=memo,
            )
            try:
                item_id = await client.add_purchase_order_item(po_id, item)
            except ValidationError as error:
                await self._refused_item(charge, error, client)
        async with self._ledger.write() as conn:
            await po_store.put_item(
                conn,
                order.id,
                line.line_number,
                now=self._clock(),
                autotask_item_id=item_id,
                charge_id=charge.charge_id,
                ticket_id=charge.ticket_id,
            )

    async def _refused_item(
        self, charge: LineCharge, error: ValidationError, client: AutotaskProcurementClient
    ) -> None:
        """Say why: a charge Autotask no longer lets anyone order, or its own refusal."""
        number = charge.line.line_number
        if charge.charge_id is not None:
            label = await client.charge_status_label(charge.charge_id)
            if label is not None and not label.lower().startswith(ORDERABLE_CHARGE):
                raise NeedsPerson(
                    IssueKind.CHARGE_NOT_ORDERABLE,
                    f"line {number}: ticket charge {charge.charge_id} is {label!r} in Autotask "
                    f"(it may have been fulfilled by hand); Autotask says: {error.message}",
                    line=number,
                    charge_id=charge.charge_id,
                    charge_status=label,
                ) from error
        raise NeedsPerson(
            IssueKind.PO_REFUSED, f"line {number}: {error.message}", line=number
        ) from error


def _settled(item: PurchaseOrderItemLink | None) -> bool:
    return item is not None and (item.autotask_item_id is not None or item.skipped)
