"""After each step: the ticket charges' procurement status as Autotask has it now (read,
never written), and their purchase-order number fields carrying the distributor's order
number and the Autotask PO number."""

from __future__ import annotations

from procdesk.domain.order import Order
from procdesk.domain.purchase_order import PurchaseOrderLink
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.services.purchase_orders.settings import PoService
from procdesk.store import charges as charge_store
from procdesk.store import purchase_orders as po_store
from procdesk.store.orders import get_lines


class ChargeFollower(PoService):
    async def follow(
        self, order: Order, link: PurchaseOrderLink, client: AutotaskProcurementClient
    ) -> None:
        async with self._ledger.read() as conn:
            items = await po_store.items_of(conn, order.id)
            lines = {line.line_number: line for line in await get_lines(conn, order.id)}
        labels = await client.charge_status_labels()
        for number, item in items.items():
            if item.charge_id is None:
                continue
            charge = await client.get_ticket_charge(item.charge_id)
            if charge is None:
                continue
            label = labels.get(charge.status) if charge.status is not None else None
            numbers = {
                "purchaseOrderNumber": order.distributor_order_id,
                "internalPurchaseOrderNumber": link.po_number,
            }
            current = {
                "purchaseOrderNumber": charge.purchase_order_number,
                "internalPurchaseOrderNumber": charge.internal_purchase_order_number,
            }
            wanted = {k: v for k, v in numbers.items() if v and current[k] != v}
            if wanted and not charge.is_billed and charge.ticket_id is not None:
                await client.update_ticket_charge(charge.ticket_id, item.charge_id, wanted)
            async with self._ledger.write() as conn:
                now = self._clock()
                if label != item.charge_status:
                    await po_store.put_item(conn, order.id, number, now=now, charge_status=label)
                line = lines.get(number)
                ledger_id = (
                    await charge_store.live_charge_for_line(conn, line.quote_line_id)
                    if line
                    else None
                )
                ledger_charge = await charge_store.get(conn, ledger_id) if ledger_id else None
                if ledger_charge is not None and (
                    ledger_charge.procurement_status != label
                    or ledger_charge.is_billed != bool(charge.is_billed)
                ):
                    await charge_store.record_autotask_state(
                        conn,
                        ledger_charge,
                        procurement_status=label,
                        is_billed=bool(charge.is_billed),
                        actor=self._actor,
                        now=now,
                    )
