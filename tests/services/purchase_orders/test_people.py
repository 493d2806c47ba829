"""What people do on the Autotask side: a charge fulfilled by hand in Autotask (skip the
line or link an existing PO), goods received by hand, and bad serial numbers refused with
words that say why."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.services.purchase_orders.errors import PoActionError, ReceivingRefusedError
from procdesk.store import charges as charge_store
from procdesk.store import issues
from procdesk.store import orders as order_store
from tests.support.purchase_orders import LAPTOP, MONITOR, NAS, PoWorld


async def autotask_charge_of(world: PoWorld, order_id: int, line: int = 1) -> int:
    async with world.ledger.read() as conn:
        lines = await order_store.get_lines(conn, order_id)
        ledger_id = await charge_store.live_charge_for_line(conn, lines[line - 1].quote_line_id)
        assert ledger_id is not None
        charge = await charge_store.get(conn, ledger_id)
    assert charge is not None
    assert charge.autotask_id is not None
    return charge.autotask_id


async def distributor_order(world: PoWorld, order_id: int) -> str:
    async with world.ledger.read() as conn:
        order = await order_store.get_order(conn, order_id)
    assert order is not None
    assert order.distributor_order_id
    return order.distributor_order_id


async def test_a_charge_fulfilled_by_hand_is_shown_and_the_line_can_be_skipped(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-HAND", [(NAS, 1), (LAPTOP, 1)])
    await world.procure()
    fulfilled = await autotask_charge_of(world, order_id, line=1)
    world.fulfil_by_hand(fulfilled)

    await world.po_cycle()
    async with world.ledger.read() as conn:
        [issue] = await issues.list_open(conn, kind=IssueKind.CHARGE_NOT_ORDERABLE)
    assert issue.subject_id == str(order_id)
    assert "Ready to Ship" in issue.message
    assert str(fulfilled) in issue.message
    external = await distributor_order(world, order_id)
    [po] = world.purchase_orders_for(external)
    assert world.labels("PurchaseOrders")[po["status"]] == "New"  # not submitted yet

    view = await world.actions.skip_line(order_id, 1)
    [po] = world.purchase_orders_for(external)  # the same PO, now complete
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"
    [item] = world.items_of(po["id"])
    assert item["chargeID"] == await autotask_charge_of(world, order_id, line=2)
    assert view.lines[0].skipped
    async with world.ledger.read() as conn:
        assert await issues.list_open(conn, kind=IssueKind.CHARGE_NOT_ORDERABLE) == []


async def test_goods_received_by_hand_go_through_the_same_exactly_once_path(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-MANUAL", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    external = await distributor_order(world, order_id)
    [po] = world.purchase_orders_for(external)
    [item] = world.items_of(po["id"])

    view = await world.actions.receive_by_hand(order_id, 1, 1, ["SWAP-0001"])
    receipts = world.receipts_of(item["id"])
    assert [(r["quantityNowReceiving"], r["serialNumber"]) for r in receipts] == [(1, "SWAP-0001")]
    assert view.counts == (0, 1, 3)
    assert [s.manual for s in view.shipments] == [True]

    await world.actions.retry(order_id)  # doing it again creates nothing
    assert len(world.receipts_of(item["id"])) == 1


@pytest.mark.parametrize(
    ("line", "quantity", "serials", "expected"),
    [
        (2, 1, [], "has no line 2"),
        (1, 0, [], "at least 1"),
        (1, 2, ["ONE"], "one per unit"),
        (1, 1, ["X" * 51], "51 characters"),
        (1, 2, ["DUP", "DUP"], "appears twice"),
        (1, 4, [], "3 unit(s) still to receive"),
    ],
)
async def test_receiving_by_hand_refuses_bad_input_and_changes_nothing(
    world: PoWorld, line: int, quantity: int, serials: list[str], expected: str
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-BAD", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    with pytest.raises(PoActionError) as refused:
        await world.actions.receive_by_hand(order_id, line, quantity, serials)
    assert expected in str(refused.value)
    view = await world.actions.view(order_id)
    assert view.shipments == []
    assert view.receipts == []


async def test_an_order_placed_elsewhere_is_linked_to_its_existing_purchase_order(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-LINK", [(LAPTOP, 1)])
    await world.procure()
    charge_id = await autotask_charge_of(world, order_id)
    po_id = world.purchase_order_by_hand(charge_id, "BY-PHONE-1", INGRAM_VENDOR_ID)
    view = await world.actions.link_purchase_order(order_id, po_id)
    assert view.purchase_order is not None
    assert view.purchase_order.autotask_po_id == po_id
    assert view.purchase_order.linked_by_hand
    external = await distributor_order(world, order_id)
    assert world.purchase_orders_for(external) == []  # none made: the linked one is used
    assert len(world.items_of(po_id)) == 1
    [po] = world.query("PurchaseOrders", {"op": "eq", "field": "id", "value": po_id})
    assert world.labels("PurchaseOrders")[po["status"]] == "Submitted"


async def test_a_receipt_autotask_refuses_raises_its_words_and_keeps_nothing(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-REFUSED", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    [po] = world.purchase_orders_for(await distributor_order(world, order_id))
    world.cancel_purchase_order(po["id"])
    with pytest.raises(ReceivingRefusedError) as refused:
        await world.actions.receive_by_hand(order_id, 1, 1, ["SWAP-1"])
    assert "only on a Submitted or Received Partial purchase order" in str(refused.value)
    view = await world.actions.view(order_id)
    assert view.shipments == []
    assert view.receipts == []
    async with world.ledger.read() as conn:
        [issue] = await issues.list_open(conn, kind=IssueKind.RECEIVING_REFUSED)
    assert issue.subject_id == str(order_id)


async def test_serials_follow_the_products_serialisation_in_autotask(world: PoWorld) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-SERIALS", [(MONITOR, 2), (NAS, 1)])
    await world.procure()
    await world.po_cycle()
    with pytest.raises(PoActionError, match="not serialised in Autotask"):
        await world.actions.receive_by_hand(order_id, 1, 1, ["MON-1"])
    with pytest.raises(PoActionError, match="serialised in Autotask: give one serial"):
        await world.actions.receive_by_hand(order_id, 2, 1, [])
    assert (await world.actions.view(order_id)).shipments == []
    view = await world.actions.receive_by_hand(order_id, 1, 2, [])
    assert view.counts == (0, 2, 3)


async def test_a_serial_already_received_on_the_order_is_refused_before_asking_autotask(
    world: PoWorld,
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-AGAIN", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    await world.actions.receive_by_hand(order_id, 1, 1, ["SWAP-7"])
    with pytest.raises(PoActionError) as refused:
        await world.actions.receive_by_hand(order_id, 1, 1, ["SWAP-7"])
    assert "'SWAP-7' is already received on this order" in str(refused.value)
    assert len((await world.actions.view(order_id)).shipments) == 1
