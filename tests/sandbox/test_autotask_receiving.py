"""PurchaseOrderItemReceiving over HTTP: receipts, serials, stock and the statuses they move."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.autotask.demo_procurement import DEFAULT_LOCATION_ID
from tests.support.procurement_sandbox import (
    PLAIN,
    SERIALIZED,
    PoSandbox,
    answered,
    ok_id,
    refused,
)

MONITOR = demo_product_id(PLAIN)
LAPTOP = demo_product_id(SERIALIZED)
PROBOOK = demo_product_id("HP ProBook 450 G10 15.6in i5")  # serialized, no InventoryItem


def stock(po_sandbox: PoSandbox, product_id: int) -> list[dict[str, Any]]:
    return po_sandbox.query(
        "InventoryItems",
        {"op": "eq", "field": "productID", "value": product_id},
        {"op": "eq", "field": "inventoryLocationID", "value": DEFAULT_LOCATION_ID},
    )


def test_receiving_in_two_parts(po_sandbox: PoSandbox) -> None:
    po_id, item_id, charge_id = po_sandbox.ordered(PLAIN, quantity=3)
    on_hand = stock(po_sandbox, MONITOR)[0]["quantityOnHand"]

    first = po_sandbox.get(
        "PurchaseOrderItemReceiving", ok_id(po_sandbox.receive(item_id, quantityNowReceiving=2))
    )
    assert (first["quantityPreviouslyReceived"], first["quantityBackOrdered"]) == (0, 1)
    assert (first["purchaseOrderItemID"], first["serialNumber"]) == (item_id, None)
    assert type(first["receivedByResourceID"]) is int
    assert isinstance(first["receiveDate"], str)
    assert po_sandbox.po_label(po_id) == "Received Partial"
    assert po_sandbox.charge_label(charge_id) == "On Order"
    assert stock(po_sandbox, MONITOR)[0]["quantityOnHand"] == on_hand + 2

    second = po_sandbox.get(
        "PurchaseOrderItemReceiving",
        ok_id(
            po_sandbox.receive(item_id, quantityNowReceiving=1, receiveDate="2026-12-01T10:00:00Z")
        ),
    )
    assert (second["quantityPreviouslyReceived"], second["quantityBackOrdered"]) == (2, 0)
    assert second["receiveDate"] == "2026-12-01T10:00:00.000Z"
    assert po_sandbox.po_label(po_id) == "Received Full"
    assert po_sandbox.charge_label(charge_id) == "Ready to Ship"
    assert stock(po_sandbox, MONITOR)[0]["quantityOnHand"] == on_hand + 3


def test_every_item_must_arrive_before_the_po_is_received_full(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    first = po_sandbox.item(po_id, productID=MONITOR, quantity=1)
    second = po_sandbox.item(po_id, productID=MONITOR, quantity=1)
    po_sandbox.submit(po_id)
    ok_id(po_sandbox.receive(first))
    assert po_sandbox.po_label(po_id) == "Received Partial"
    ok_id(po_sandbox.receive(second))
    assert po_sandbox.po_label(po_id) == "Received Full"


def test_server_computed_fields_ignore_what_the_client_sends(po_sandbox: PoSandbox) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=3)
    receipt_id = ok_id(
        po_sandbox.receive(item_id, quantityPreviouslyReceived=7, quantityBackOrdered=9)
    )
    receipt = po_sandbox.get("PurchaseOrderItemReceiving", receipt_id)
    assert (receipt["quantityPreviouslyReceived"], receipt["quantityBackOrdered"]) == (0, 2)


def test_receiving_creates_the_inventory_item_when_there_is_none(po_sandbox: PoSandbox) -> None:
    assert stock(po_sandbox, PROBOOK) == []
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=PROBOOK, quantity=1)
    po_sandbox.submit(po_id)
    ok_id(po_sandbox.receive(item_id, serialNumber="5CG1234XYZ"))
    (created,) = stock(po_sandbox, PROBOOK)
    assert (created["quantityOnHand"], created["quantityReserved"]) == (1, 0)
    serials = po_sandbox.query(
        "InventoryItemSerialNumbers", {"op": "eq", "field": "serialNumber", "value": "5CG1234XYZ"}
    )
    assert [s["inventoryItemID"] for s in serials] == [created["id"]]


@pytest.mark.parametrize(
    ("state", "accepted"),
    [
        ("New", False),
        ("Submitted", True),
        ("Received Partial", True),
        ("Received Full", False),
        ("Canceled", False),
    ],
)
def test_receiving_by_po_status(po_sandbox: PoSandbox, state: str, accepted: bool) -> None:
    _, item_id = po_sandbox.po_in(state)
    before = po_sandbox.count("PurchaseOrderItemReceiving")
    response = po_sandbox.receive(item_id)
    answered(response, accepted)
    assert po_sandbox.count("PurchaseOrderItemReceiving") == before + accepted


# (already received of 3, quantity now, accepted?)
QUANTITIES = [
    (0, 0, False),
    (0, -1, False),
    (0, 1, True),
    (0, 3, True),
    (0, 4, False),
    (2, 1, True),
    (2, 2, False),
]


@pytest.mark.parametrize(("already", "now", "accepted"), QUANTITIES)
def test_quantity_now_receiving_is_at_least_one_and_at_most_what_is_open(
    po_sandbox: PoSandbox, already: int, now: int, accepted: bool
) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=3)
    if already:
        ok_id(po_sandbox.receive(item_id, quantityNowReceiving=already))
    response = po_sandbox.receive(item_id, quantityNowReceiving=now)
    answered(response, accepted)
    receipts = po_sandbox.query(
        "PurchaseOrderItemReceiving", {"op": "eq", "field": "purchaseOrderItemID", "value": item_id}
    )
    assert sum(r["quantityNowReceiving"] for r in receipts) == already + (now if accepted else 0)


# Serialized product, one receipt: (fields, accepted?)
SERIALS: list[tuple[str, dict[str, Any], bool]] = [
    ("serial of 50 characters", {"serialNumber": "S" * 50}, True),
    ("serial of 51 characters", {"serialNumber": "S" * 51}, False),
    ("no serial", {}, False),
    ("blank serial", {"serialNumber": "   "}, False),
    ("two units under one serial", {"serialNumber": "SN-1", "quantityNowReceiving": 2}, False),
    ("two serials in one receipt", {"serialNumber": "SN-1,SN-2"}, False),
    ("serials on separate lines", {"serialNumber": "SN-1\nSN-2"}, False),
    ("a list of serials", {"serialNumber": ["SN-1"]}, False),
]


@pytest.mark.parametrize(
    ("fields", "accepted"), [c[1:] for c in SERIALS], ids=[c[0] for c in SERIALS]
)
def test_serialized_products_take_one_serial_per_receipt(
    po_sandbox: PoSandbox, fields: dict[str, Any], accepted: bool
) -> None:
    _, item_id, _ = po_sandbox.ordered(SERIALIZED, quantity=2)
    response = po_sandbox.receive(item_id, **fields)
    answered(response, accepted)
    assert po_sandbox.count("InventoryItemSerialNumbers") == int(accepted)


@pytest.mark.parametrize(
    ("serial", "product", "accepted"),
    [
        ("SN-DUP-1", SERIALIZED, False),
        ("sn-dup-1 ", SERIALIZED, False),
        ("SN-DUP-2", SERIALIZED, True),
        ("SN-DUP-1", "HP ProBook 450 G10 15.6in i5", True),
    ],
    ids=["same serial", "same serial in other case", "next serial", "same serial other product"],
)
def test_serials_are_unique_per_product(
    po_sandbox: PoSandbox, serial: str, product: str, accepted: bool
) -> None:
    _, first_item, _ = po_sandbox.ordered(SERIALIZED, quantity=1)
    ok_id(po_sandbox.receive(first_item, serialNumber="SN-DUP-1"))
    # A second unit bought for stock (a new charge would now find the first one on hand).
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=demo_product_id(product), quantity=1)
    po_sandbox.submit(po_id)
    response = po_sandbox.receive(item_id, serialNumber=serial)
    answered(response, accepted)
    assert po_sandbox.count("InventoryItemSerialNumbers") == 1 + accepted


def test_a_serial_on_a_product_that_is_not_serialized_is_refused(po_sandbox: PoSandbox) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=2)
    refused(po_sandbox.receive(item_id, serialNumber="SN-1"))
    ok_id(po_sandbox.receive(item_id, quantityNowReceiving=2))
    assert po_sandbox.count("InventoryItemSerialNumbers") == 0


def test_a_serialized_item_is_received_unit_by_unit(po_sandbox: PoSandbox) -> None:
    po_id, item_id, charge_id = po_sandbox.ordered(SERIALIZED, quantity=2)
    ok_id(po_sandbox.receive(item_id, serialNumber="LAT-0001"))
    assert po_sandbox.po_label(po_id) == "Received Partial"
    ok_id(po_sandbox.receive(item_id, serialNumber="LAT-0002"))
    assert (po_sandbox.po_label(po_id), po_sandbox.charge_label(charge_id)) == (
        "Received Full",
        "Ready to Ship",
    )
    refused(po_sandbox.receive(item_id, serialNumber="LAT-0003"))


def test_receipts_are_found_by_item_and_serial_before_a_retry(po_sandbox: PoSandbox) -> None:
    _, item_id, _ = po_sandbox.ordered(SERIALIZED, quantity=2)
    first = ok_id(po_sandbox.receive(item_id, serialNumber="LAT-0001"))
    ok_id(po_sandbox.receive(item_id, serialNumber="LAT-0002"))
    by_item = {"op": "eq", "field": "purchaseOrderItemID", "value": item_id}
    by_serial = {"op": "eq", "field": "serialNumber", "value": "LAT-0001"}
    assert [
        r["id"] for r in po_sandbox.query("PurchaseOrderItemReceiving", by_item, by_serial)
    ] == [first]
    listed = po_sandbox.http.get(f"/PurchaseOrderItems/{item_id}/Receiving").json()["items"]
    assert [r["serialNumber"] for r in listed] == ["LAT-0001", "LAT-0002"]
    assert po_sandbox.http.get("/PurchaseOrderItems/999999/Receiving").status_code == 404


@pytest.mark.parametrize(
    "fields",
    [{"purchaseOrderItemID": 999999}, {"quantityNowReceiving": None}, {"colour": "red"}],
    ids=["other item in body", "no quantity", "unknown field"],
)
def test_malformed_receipts_are_refused(po_sandbox: PoSandbox, fields: dict[str, Any]) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=2)
    refused(po_sandbox.receive(item_id, **fields))
    assert po_sandbox.count("PurchaseOrderItemReceiving") == 0


def test_an_unknown_item_cannot_be_received(po_sandbox: PoSandbox) -> None:
    refused(po_sandbox.receive(999999))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/PurchaseOrderItemReceiving"),
        ("PATCH", "/PurchaseOrderItemReceiving"),
        ("PUT", "/PurchaseOrderItemReceiving"),
        ("DELETE", "/PurchaseOrderItemReceiving/{receipt}"),
        ("PATCH", "/PurchaseOrderItems/{item}/Receiving"),
        ("PUT", "/PurchaseOrderItems/{item}/Receiving"),
        ("DELETE", "/PurchaseOrderItems/{item}/Receiving"),
    ],
)
def test_receipts_cannot_be_changed_or_deleted(
    po_sandbox: PoSandbox, method: str, path: str
) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=2)
    receipt_id = ok_id(po_sandbox.receive(item_id))
    url = path.format(item=item_id, receipt=receipt_id)
    body = {"id": receipt_id, "purchaseOrderItemID": item_id, "quantityNowReceiving": 2}
    assert po_sandbox.http.request(method, url, json=body).status_code == 405
    assert po_sandbox.get("PurchaseOrderItemReceiving", receipt_id)["quantityNowReceiving"] == 1
    assert po_sandbox.count("PurchaseOrderItemReceiving") == 1


def test_receiving_holds_its_own_thread_endpoint(
    po_sandbox: PoSandbox, control: httpx.Client
) -> None:
    _, item_id, _ = po_sandbox.ordered(PLAIN, quantity=2)
    ok_id(po_sandbox.receive(item_id))
    endpoints = control.get("/state").json()["autotask"]["max_concurrent_per_endpoint"]
    assert {"purchaseorders", "purchaseorderitems", "purchaseorderitemreceiving"} <= set(endpoints)


def test_a_charge_received_elsewhere_is_left_alone(
    po_sandbox: PoSandbox, control: httpx.Client
) -> None:
    """A charge someone moved by hand keeps that status when its item arrives."""
    _, item_id, charge_id = po_sandbox.ordered(PLAIN, quantity=1)
    control.put(f"/autotask/charges/{charge_id}/status", json={"status": "Delivered"})
    ok_id(po_sandbox.receive(item_id))
    assert po_sandbox.charge_label(charge_id) == "Delivered"
