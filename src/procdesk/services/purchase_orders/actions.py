"""People's actions on the Autotask side of orders: the distributor → vendor mapping
(checked live), the order view, receiving by hand, linking an existing PO, skipping a
line, and retrying. Each action that changes Autotask runs through the same exactly-once
path as the worker, under a lease on the order."""

from __future__ import annotations

from procdesk.domain.clock import Clock
from procdesk.domain.enums import Distributor, IssueKind
from procdesk.domain.purchase_order import PoState, VendorMapping
from procdesk.integrations.autotask.procurement_models import PurchaseOrderStatus
from procdesk.services.purchase_orders.errors import (
    AutotaskUnavailableError,
    OrderNotFoundError,
    PoActionError,
    ReceivingRefusedError,
)
from procdesk.services.purchase_orders.lines import coming, line_charges
from procdesk.services.purchase_orders.loop import PurchaseOrderWork
from procdesk.services.purchase_orders.manual import receiving_problem
from procdesk.services.purchase_orders.preview import PoPreview, find_po_id, read_preview
from procdesk.services.purchase_orders.settings import (
    PoClientService,
    PoSettings,
    ProcurementClientFactory,
)
from procdesk.services.purchase_orders.vendor_setup import ORDERING, VendorCheck, check_vendor
from procdesk.services.purchase_orders.views import LineProgress, OrderPoView
from procdesk.store import purchase_orders as po_store
from procdesk.store import shipments as shipment_store
from procdesk.store import vendors
from procdesk.store.ledger import Ledger
from procdesk.store.orders import get_lines, get_order

# The parked outcomes that mean Autotask turned the receipt down.
_RECEIVING_REFUSALS = (IssueKind.RECEIVING_REFUSED.value, IssueKind.BAD_SERIAL_NUMBER.value)


class PurchaseOrderActions(PoClientService):
    def __init__(
        self,
        ledger: Ledger,
        settings: PoSettings,
        client: ProcurementClientFactory,
        *,
        actor: str,
        clock: Clock,
    ) -> None:
        super().__init__(ledger, settings, client, actor=actor, clock=clock)
        self._work = PurchaseOrderWork(ledger, settings, actor=actor, clock=clock)

    # ---- vendor mapping -------------------------------------------------------------------

    async def vendor_mappings(self) -> list[VendorMapping]:
        async with self._ledger.read() as conn:
            return await vendors.list_all(conn)

    async def set_vendor(self, distributor: Distributor, company_id: int) -> VendorMapping:
        """Map after checking live that the company exists, is a vendor and is active;
        orders waiting on the mapping then go on."""
        if distributor.provider is None or not distributor.supports_ordering:
            raise PoActionError(f"procdesk does not order from {distributor.value}")
        async with self._autotask() as client:
            company = await client.active_vendor(company_id)
        if company is None:
            raise PoActionError(
                f"Autotask company {company_id} is missing, inactive or not a vendor"
            )
        async with self._ledger.write() as conn:
            now = self._clock()
            await vendors.put(
                conn,
                distributor,
                company_id=company_id,
                company_name=company.companyName,
                actor=self._actor,
                now=now,
            )
            for order_id in await po_store.parked_by(
                conn, IssueKind.VENDOR_NOT_MAPPED.value, distributor.value
            ):
                await po_store.wake(conn, order_id, now=now)
            found = await vendors.get(conn, distributor)
        assert found is not None
        return found

    async def check_vendors(self) -> list[VendorCheck]:
        """Each orderable distributor's mapping, checked live."""
        mappings = {m.distributor: m for m in await self.vendor_mappings()}
        async with self._autotask() as client:
            return [await check_vendor(client, d, mappings.get(d)) for d in ORDERING]

    # ---- the order's view -------------------------------------------------------------------

    async def view(self, order_id: int) -> OrderPoView:
        async with self._ledger.read() as conn:
            order = await get_order(conn, order_id)
            if order is None:
                raise OrderNotFoundError(order_id)
            link = await po_store.get(conn, order_id)
            items = await po_store.items_of(conn, order_id)
            lines = coming(await get_lines(conn, order_id))
            shipments = await shipment_store.of_order(conn, order_id)
            receipts = await shipment_store.receipts_of(conn, order_id)
        progress = [
            LineProgress(
                line_number=line.line_number,
                sku=line.sku,
                quantity=int(line.quantity),
                shipped=sum(
                    s.quantity
                    for s in shipments
                    if s.line_number == line.line_number and not s.manual
                ),
                received=sum(r.quantity for r in receipts if r.line_number == line.line_number),
                backordered=line.quantity_backordered,
                backorder_eta=line.backorder_eta,
                charge_id=items[line.line_number].charge_id if line.line_number in items else None,
                charge_status=(
                    items[line.line_number].charge_status if line.line_number in items else None
                ),
                skipped=items[line.line_number].skipped if line.line_number in items else False,
            )
            for line in lines
        ]
        return OrderPoView(
            order_id=order.id,
            reference=order.reference,
            distributor_order_id=order.distributor_order_id,
            purchase_order=link,
            lines=progress,
            items=list(items.values()),
            shipments=shipments,
            receipts=receipts,
        )

    async def receiving_view(self, order_id: int) -> OrderPoView:
        """The view with each line's product's serialisation read live from Autotask (what
        receiving by hand checks the serial numbers against); left unknown when Autotask
        does not answer, so Autotask itself decides when the receipt is sent."""
        view = await self.view(order_id)
        async with self._ledger.read() as conn:
            charges = await line_charges(conn, await get_lines(conn, order_id))
        products = {c.line.line_number: c.product_id for c in charges if c.product_id}
        serialized: dict[int, bool | None] = {}
        try:
            async with self._autotask() as client:
                for number, product_id in products.items():
                    product = await client.get_product(product_id)
                    serialized[number] = product.is_serialized if product else None
        except AutotaskUnavailableError:
            return view
        lines = [
            line.model_copy(update={"serialized": serialized.get(line.line_number)})
            for line in view.lines
        ]
        return view.model_copy(update={"lines": lines})

    # ---- acting on an order ------------------------------------------------------------------

    async def receive_by_hand(
        self, order_id: int, line_number: int, quantity: int, serials: list[str]
    ) -> OrderPoView:
        """Goods that came without distributor data: recorded as a shipment, then received
        in Autotask through the same path as the distributor's. When Autotask refuses the
        receipt (its words in `ReceivingRefusedError`, and an issue on the order), the
        package is forgotten again unless part of it was received: nothing half-written."""
        view = await self.receiving_view(order_id)
        problem = receiving_problem(view, line_number, quantity, serials)
        if problem is not None:
            raise PoActionError(problem)
        link = view.purchase_order
        if link is None or link.autotask_po_id is None:
            raise PoActionError(
                f"order {order_id} has no Autotask purchase order yet; create or link one first"
            )
        async with self._ledger.write() as conn:
            now = self._clock()
            shipment = await shipment_store.add_manual(
                conn,
                order_id,
                line_number,
                quantity=quantity,
                serial_numbers=serials,
                received_on=now.date(),
                now=now,
            )
            await po_store.wake(conn, order_id, now=now)
        try:
            after = await self.retry(order_id)
        except PoActionError:  # a worker holds the order: it receives the package next
            return await self.view(order_id)
        refused = after.purchase_order
        if refused is None or refused.error_kind not in _RECEIVING_REFUSALS:
            return after
        if refused.next_attempt_at is not None or any(
            r.shipment_id == shipment.shipment_id for r in after.receipts
        ):
            return after
        async with self._ledger.write() as conn:
            await shipment_store.remove_unreceived(conn, shipment)
        raise ReceivingRefusedError(refused.last_error or "Autotask refused the receipt")

    async def preview_purchase_order(self, order_id: int, typed: str) -> PoPreview:
        """The Autotask PO a person typed (its number, or its id), read live, before they
        link the order to it."""
        async with self._ledger.read() as conn:
            if await get_order(conn, order_id) is None:
                raise OrderNotFoundError(order_id)
            charges = await line_charges(conn, await get_lines(conn, order_id))
        ours = {c.charge_id for c in charges if c.charge_id is not None}
        async with self._autotask() as client:
            po_id = await find_po_id(client, typed)
            return await read_preview(client, po_id, ours)

    async def link_purchase_order(self, order_id: int, po_id: int) -> OrderPoView:
        """Use a PO that already exists in Autotask (an order placed outside procdesk)."""
        async with self._ledger.read() as conn:  # (no order: nothing to ask Autotask for)
            if await get_order(conn, order_id) is None:
                raise OrderNotFoundError(order_id)
        async with self._autotask() as client:
            po = await client.get_purchase_order(po_id)
            if po is None:
                raise PoActionError(f"Autotask has no purchase order {po_id}")
            status = await client.purchase_order_status(po_id)
            items = await client.purchase_order_items(po_id)
        async with self._ledger.write() as conn:
            now = self._clock()
            if await get_order(conn, order_id) is None:
                raise OrderNotFoundError(order_id)
            await po_store.ensure(conn, order_id, now=now)
            by_charge = {item.chargeID: item.id for item in items if item.chargeID}
            for number, item in (await po_store.items_of(conn, order_id)).items():
                if item.autotask_item_id is None and item.charge_id in by_charge:
                    await po_store.put_item(
                        conn, order_id, number, now=now, autotask_item_id=by_charge[item.charge_id]
                    )
            pending = status in (PurchaseOrderStatus.NEW, None)
            await po_store.set_fields(
                conn,
                order_id,
                now=now,
                autotask_po_id=po_id,
                po_number=po.purchaseOrderNumber,
                vendor_id=po.vendorID,
                linked_by_hand=True,
                state=(PoState.PENDING if pending else PoState.SUBMITTED).value,
            )
            await po_store.wake(conn, order_id, now=now)
            await po_store.note(
                conn,
                order_id,
                "po_linked",
                actor=self._actor,
                now=now,
                detail={"autotask_po_id": po_id},
            )
        return await self.retry(order_id)

    async def skip_line(self, order_id: int, line_number: int) -> OrderPoView:
        """Leave a line out of Autotask (e.g. its charge was fulfilled by hand there)."""
        view = await self.view(order_id)
        if line_number not in {p.line_number for p in view.lines}:
            raise PoActionError(f"order {order_id} has no line {line_number}")
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.ensure(conn, order_id, now=now)
            await po_store.put_item(conn, order_id, line_number, now=now, skipped=True)
            await po_store.wake(conn, order_id, now=now)
            await po_store.note(
                conn,
                order_id,
                "po_line_skipped",
                actor=self._actor,
                now=now,
                detail={"line": line_number},
            )
        return await self.retry(order_id)

    async def retry(self, order_id: int) -> OrderPoView:
        """Do the order's Autotask work now; the view after (problems are issues)."""
        async with self._ledger.write() as conn:
            now = self._clock()
            if await get_order(conn, order_id) is None:
                raise OrderNotFoundError(order_id)
            await po_store.ensure(conn, order_id, now=now)
            link = await po_store.claim_one(
                conn,
                order_id,
                owner=f"person:{self._actor}",
                now=now,
                lease_for=self._settings.lease_for,
            )
        if link is None:
            raise PoActionError(f"a worker is busy with order {order_id}; try again in a moment")
        async with self._autotask() as client:
            await self._work.run(link, client)
        return await self.view(order_id)
