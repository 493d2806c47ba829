"""TD SYNNEX ION (cloud subscriptions): nothing ships and there are no serial numbers. When
ION completes the order, each line counts as delivered in full on the order's update date (a
"provisioned" shipment with a stable id), and it is received in Autotask through the same
exactly-once path as a parcel; read back through the sandbox's own query endpoints."""

from __future__ import annotations

from datetime import timedelta

from procdesk.domain.enums import Distributor, OrderStatus
from procdesk.domain.purchase_order import provisioned_shipment_id
from procdesk.integrations.tdsynnex.mapping import snapshot
from procdesk.integrations.tdsynnex.models import Order, OrderItem
from procdesk.sandbox.autotask.demo_procurement import TDSYNNEX_VENDOR_ID
from procdesk.services.dashboard.detail import load_detail
from procdesk.store import orders as order_store
from tests.support.purchase_orders import M365, PoWorld


def test_only_a_completed_order_is_provisioned_and_its_id_is_stable() -> None:
    items = [OrderItem(skuId="ms365-bp-p1m", quantity=10), OrderItem(skuId="acr-1", quantity=3)]
    running = Order(name="accounts/1/customers/2/orders/77", status="IN_PROGRESS", orderItems=items)
    assert all(line.shipments == [] for line in snapshot(running).lines)
    done = Order.model_validate(
        {**running.model_dump(), "status": "COMPLETED", "updateTime": "2026-11-24T10:05:00Z"}
    )
    first, second = (snapshot(done) for _ in range(2))
    assert first == second  # read twice: the same shipments
    [one], [two] = (line.shipments for line in first.lines)
    assert one.shipment_id == provisioned_shipment_id("77", 1)
    assert two.shipment_id == provisioned_shipment_id("77", 2)
    assert (one.quantity, two.quantity) == (10, 3)
    assert str(one.delivered_on) == "2026-11-24"
    assert one.tracking_number is None
    assert one.serial_numbers == []
    failed = Order.model_validate({**running.model_dump(), "status": "FAILED"})
    assert all(line.shipments == [] for line in snapshot(failed).lines)


async def test_a_completed_cloud_order_is_received_in_full_once(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.TDSYNNEX, TDSYNNEX_VENDOR_ID)
    [order_id] = await world.quote("Q-CLOUD", [(M365, 10)], company="Contoso Legal LLP")
    await world.procure(Distributor.TDSYNNEX)  # placed at ION: IN_PROGRESS
    await world.po_cycle()
    async with world.ledger.read() as conn:
        order = await order_store.get_order(conn, order_id)
    assert order is not None
    assert order.distributor_order_id, (order.last_error, order.error_kind)
    [po] = world.query(
        "PurchaseOrders",
        {"op": "eq", "field": "externalPONumber", "value": order.distributor_order_id},
    )
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"
    [item] = world.items_of(po["id"])
    assert world.receipts_of(item["id"]) == []

    world.time.advance(timedelta(minutes=10))  # ION completes the order
    await world.procure(Distributor.TDSYNNEX)
    await world.po_cycle()
    await world.procure(Distributor.TDSYNNEX)  # read again: nothing new
    await world.po_cycle()
    await world.actions.retry(order_id)

    receipts = world.receipts_of(item["id"])
    assert [(r["quantityNowReceiving"], r["serialNumber"]) for r in receipts] == [(10, None)]
    [po] = world.query("PurchaseOrders", {"op": "eq", "field": "id", "value": po["id"]})
    assert world.labels("PurchaseOrders")[po["status"]] == "Received Full"
    view = await world.actions.view(order_id)
    [shipment] = view.shipments
    assert shipment.provisioned
    assert view.counts == (10, 10, 10)
    detail = await load_detail(world.ledger, "orders", order_id)
    assert detail is not None
    assert detail.status == OrderStatus.DELIVERED.value
    text = detail.as_text()
    assert "line 1 ms365-bp-p1m: 10/10 provisioned, 10/10 received" in text
    assert "10 provisioned on " in text
    assert "(a cloud subscription: nothing was shipped)" in text
