"""How far a purchase order has come: what each item has received, and the statuses that
follow from it.

Choices where the facts are UNVERIFIED:
- "Received Partial" and "Received Full" follow the receipts: the PO is Received Full once
  every item is fully received, Received Partial once anything is received. Clients cannot
  set either (see purchase_orders.py).
- An item counts as fully received when its receipts add up to its quantity; its charge then
  follows to "Ready to Ship" (see charge_procurement.py).
"""

from __future__ import annotations

from datetime import datetime

from procdesk.sandbox.autotask import charge_procurement
from procdesk.sandbox.autotask.bodies import as_int
from procdesk.sandbox.autotask.procurement_fields import (
    PO_STATUS_BY_VALUE,
    PO_STATUS_VALUES,
    PoStatus,
)
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import missing_reference

RECEIVING_OPEN = (PoStatus.SUBMITTED, PoStatus.RECEIVED_PARTIAL)


def purchase_order(store: AutotaskStore, po_id: int) -> Record:
    po = store.get("purchaseorders", po_id)
    if po is None:
        raise missing_reference("orderID", po_id)
    return po


def status_of(record: Record) -> PoStatus:
    return PO_STATUS_BY_VALUE[as_int(record["status"])]


def items_of(store: AutotaskStore, po_id: int) -> list[Record]:
    return [
        item
        for item in sorted(
            store.table("purchaseorderitems").values(), key=lambda r: as_int(r["id"])
        )
        if item["orderID"] == po_id
    ]


def received_quantity(store: AutotaskStore, item_id: int) -> int:
    return sum(
        as_int(receipt["quantityNowReceiving"])
        for receipt in store.table("purchaseorderitemreceiving").values()
        if receipt["purchaseOrderItemID"] == item_id
    )


def follow_receipts(store: AutotaskStore, po: Record, now: datetime) -> None:
    """Bring the PO's status and its charges in line with what has been received."""
    if status_of(po) not in (*RECEIVING_OPEN, PoStatus.RECEIVED_FULL):
        return
    items = items_of(store, as_int(po["id"]))
    received = [(item, received_quantity(store, as_int(item["id"]))) for item in items]
    if not any(quantity for _, quantity in received):
        return
    full = True
    for item, quantity in received:
        if quantity < as_int(item["quantity"]):
            full = False
            continue
        charge_procurement.follow(
            store,
            item["chargeID"],
            charge_procurement.ON_ORDER,
            charge_procurement.READY_TO_SHIP,
            now,
        )
    po["status"] = PO_STATUS_VALUES[PoStatus.RECEIVED_FULL if full else PoStatus.RECEIVED_PARTIAL]
