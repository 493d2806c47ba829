"""From order to fully received in Autotask, over loopback HTTP against the sandbox; what
exists in Autotask is read through its own query endpoints."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.domain.purchase_order import PoState
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.services.dashboard.detail import load_detail
from procdesk.store import issues
from procdesk.store import orders as order_store
from tests.support.purchase_orders import LAPTOP, NAS, OTHER_TICKET, PoWorld


async def test_an_order_ships_in_two_parts_and_ends_fully_received(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-PO-1", [(NAS, 3)])
    await world.procure()  # placed at Ingram
    async with world.ledger.read() as conn:
        order = await order_store.get_order(conn, order_id)
    assert order is not None
    assert order.distributor_order_id

    await world.po_cycle()
    [po] = world.purchase_orders_for(order.distributor_order_id)
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"
    assert po["vendorID"] == INGRAM_VENDOR_ID
    [item] = world.items_of(po["id"])
    assert item["quantity"] == 3
    assert item["ticketID"] == 7005
    charge_id = item["chargeID"]
    assert world.charge_label(charge_id) == "On Order"
    view = await world.actions.view(order_id)
    assert view.purchase_order is not None
    assert view.purchase_order.po_number
    assert view.lines[0].charge_status == "On Order"

    await world.days_pass(1)  # two units ship; nothing delivered yet
    assert world.receipts_of(item["id"]) == []
    view = await world.actions.view(order_id)
    assert view.counts == (2, 0, 3)

    await world.days_pass(3)  # delivered: one receipt per serial number
    receipts = world.receipts_of(item["id"])
    assert len(receipts) == 2
    assert all(r["quantityNowReceiving"] == 1 and r["serialNumber"] for r in receipts)
    assert (
        world.labels("PurchaseOrders")[
            world.purchase_orders_for(order.distributor_order_id)[0]["status"]
        ]
        == "Received Partial"
    )
    view = await world.actions.view(order_id)
    assert view.counts == (2, 2, 3)
    assert view.purchase_order
    assert view.purchase_order.state is PoState.SUBMITTED

    await world.days_pass(14)  # the backorder ships and arrives
    receipts = world.receipts_of(item["id"])
    assert len(receipts) == 3
    assert len({r["serialNumber"] for r in receipts}) == 3
    [po] = world.purchase_orders_for(order.distributor_order_id)
    assert world.labels("PurchaseOrders")[po["status"]] == "Received Full"
    assert world.charge_label(charge_id) == "Ready to Ship"
    view = await world.actions.view(order_id)
    assert view.counts == (3, 3, 3)
    assert view.purchase_order
    assert view.purchase_order.state is PoState.RECEIVED
    assert view.lines[0].charge_status == "Ready to Ship"
    [charge] = world.query("TicketCharges", {"op": "eq", "field": "id", "value": charge_id})
    assert charge["purchaseOrderNumber"] == order.distributor_order_id
    assert charge["internalPurchaseOrderNumber"] == view.purchase_order.po_number

    detail = await load_detail(world.ledger, "orders", order_id)
    assert detail is not None
    text = detail.as_text()
    assert "line 1 7SY553: 3/3 shipped, 3/3 received" in text
    assert f"charge {charge_id}: Ready to Ship" in text
    assert all(r["serialNumber"] in text for r in receipts)
    assert "tracking " in text
    assert "https://" in text

    await world.days_pass(1)  # nothing more happens: still one PO, three receipts
    assert len(world.purchase_orders_for(order.distributor_order_id)) == 1
    assert len(world.receipts_of(item["id"])) == 3


async def test_an_unmapped_distributor_becomes_an_issue_and_the_mapping_fixes_it(
    world: PoWorld,
) -> None:
    order, issue = await world.unmapped_order("Q-PO-2")
    assert issue.subject_id == str(order.id)
    assert issue.detail["distributor"] == "ingram"

    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    await world.po_cycle()
    assert order.distributor_order_id
    assert len(world.purchase_orders_for(order.distributor_order_id)) == 1
    async with world.ledger.read() as conn:
        assert await issues.list_open(conn, kind=IssueKind.VENDOR_NOT_MAPPED) == []


@pytest.mark.parametrize("company", [181, 182, 999999])  # inactive, not a vendor, missing
async def test_a_vendor_mapping_is_checked_live(world: PoWorld, company: int) -> None:
    from procdesk.services.purchase_orders.errors import PoActionError

    with pytest.raises(PoActionError, match=str(company)):
        await world.actions.set_vendor(Distributor.INGRAM, company)
    assert await world.actions.vendor_mappings() == []


async def test_a_merged_order_gives_one_po_with_items_on_two_tickets(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [first] = await world.quote("Q-PO-3", [(LAPTOP, 1)])
    [second] = await world.quote("Q-PO-4", [(NAS, 1)], ticket=OTHER_TICKET)
    merged = await world.ctx.order_actions().merge([first, second])
    await world.procure()
    await world.po_cycle()
    async with world.ledger.read() as conn:
        order = await order_store.get_order(conn, merged)
    assert order is not None
    assert order.distributor_order_id
    [po] = world.purchase_orders_for(order.distributor_order_id)
    items = world.items_of(po["id"])
    assert sorted(item["ticketID"] for item in items) == [7005, OTHER_TICKET]
    assert all(item["chargeID"] for item in items)
