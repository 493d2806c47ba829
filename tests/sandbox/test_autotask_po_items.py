"""PurchaseOrderItems over HTTP: created and changed only under their PO, linked to charges."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.autotask.demo_procurement import DEFAULT_LOCATION_ID, INACTIVE_LOCATION_ID
from tests.support.procurement_sandbox import (
    PLAIN,
    SERIALIZED,
    TICKET,
    PoSandbox,
    answered,
    ok_id,
    refused,
)

MONITOR = demo_product_id(PLAIN)
LAPTOP = demo_product_id(SERIALIZED)


def test_an_item_from_a_charge_takes_its_ticket_and_product(po_sandbox: PoSandbox) -> None:
    charge_id = po_sandbox.charge(SERIALIZED, quantity=2)
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, chargeID=charge_id, quantity=2, memo="line 1")
    item = po_sandbox.get("PurchaseOrderItems", item_id)
    assert (item["orderID"], item["chargeID"], item["ticketID"], item["productID"]) == (
        po_id,
        charge_id,
        TICKET,
        LAPTOP,
    )
    assert (item["quantity"], item["unitCost"], item["memo"]) == (2, 1029.0, "line 1")
    assert po_sandbox.charge_label(charge_id) == "On Order"


def test_boundary_values_are_accepted(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=MONITOR, quantity=1, unitCost=0, memo="m" * 4000)
    item = po_sandbox.get("PurchaseOrderItems", item_id)
    assert (item["quantity"], item["unitCost"], len(item["memo"])) == (1, 0.0, 4000)
    assert item["chargeID"] is None


# Each refusal leaves no item behind and the charge (when there is one) still Need To Order.
CREATE_REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("quantity 0", {"quantity": 0}),
    ("negative quantity", {"quantity": -1}),
    ("fractional quantity", {"quantity": 1.5}),
    ("negative unitCost", {"unitCost": -0.01}),
    ("inactive location", {"inventoryLocationID": INACTIVE_LOCATION_ID}),
    ("unknown location", {"inventoryLocationID": 999}),
    ("no location", {"inventoryLocationID": None}),
    ("no quantity", {"quantity": None}),
    ("no unitCost", {"unitCost": None}),
    ("memo over 4000", {"memo": "m" * 4001}),
    ("ticketID not the charge's", {"ticketID": 7001}),
    ("productID not the charge's", {"productID": MONITOR}),
    ("unknown chargeID", {"chargeID": 999999}),
    ("a project context", {"projectID": 5}),
    ("orderID of another PO", {"orderID": 999999}),
    ("unknown field", {"quantityReceived": 1}),
]


@pytest.mark.parametrize(
    "fields", [c[1] for c in CREATE_REFUSED], ids=[c[0] for c in CREATE_REFUSED]
)
def test_invalid_items_are_refused(po_sandbox: PoSandbox, fields: dict[str, Any]) -> None:
    charge_id = po_sandbox.charge()
    po_id = po_sandbox.po()
    refused(po_sandbox.add_item(po_id, **{"chargeID": charge_id, **fields}))
    assert po_sandbox.count("PurchaseOrderItems") == 0
    assert po_sandbox.charge_label(charge_id) == "Need To Order"


def test_an_item_needs_a_product_or_a_charge(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    refused(po_sandbox.add_item(po_id))
    refused(po_sandbox.add_item(po_id, productID=999999))
    assert po_sandbox.count("PurchaseOrderItems") == 0


@pytest.mark.parametrize(
    "label", ["Ready to Ship", "Waiting Approval", "On Order", "Delivered", "Pending"]
)
def test_only_a_need_to_order_charge_can_be_ordered(
    po_sandbox: PoSandbox, control: httpx.Client, label: str
) -> None:
    charge_id = po_sandbox.charge()
    control.put(f"/autotask/charges/{charge_id}/status", json={"status": label}).raise_for_status()
    refused(po_sandbox.add_item(po_sandbox.po(), chargeID=charge_id))
    assert po_sandbox.charge_label(charge_id) == label


def test_a_charge_goes_on_one_purchase_order_only(po_sandbox: PoSandbox) -> None:
    charge_id = po_sandbox.charge()
    po_sandbox.item(po_sandbox.po(), chargeID=charge_id)
    refused(po_sandbox.add_item(po_sandbox.po(), chargeID=charge_id))
    assert po_sandbox.count("PurchaseOrderItems") == 1


@pytest.mark.parametrize(
    ("state", "accepted"),
    [
        ("New", True),
        ("Submitted", False),
        ("Received Partial", False),
        ("Received Full", False),
        ("Canceled", False),
    ],
)
def test_items_are_added_only_while_new(po_sandbox: PoSandbox, state: str, accepted: bool) -> None:
    po_id, _ = po_sandbox.po_in(state)
    response = po_sandbox.add_item(po_id, productID=MONITOR)
    answered(response, accepted)
    assert po_sandbox.count("PurchaseOrderItems") == (2 if accepted else 1)


def test_two_lines_of_the_same_product_are_fine(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    po_sandbox.item(po_id, productID=MONITOR)
    po_sandbox.item(po_id, productID=MONITOR)
    assert po_sandbox.count("PurchaseOrderItems") == 2


@pytest.mark.parametrize("method", ["POST", "PATCH", "PUT"])
def test_items_are_never_written_at_the_root(po_sandbox: PoSandbox, method: str) -> None:
    po_id = po_sandbox.po()
    body = {"orderID": po_id, "productID": MONITOR, "quantity": 1, "unitCost": 1}
    body["inventoryLocationID"] = DEFAULT_LOCATION_ID
    assert po_sandbox.http.request(method, "/PurchaseOrderItems", json=body).status_code == 405
    assert po_sandbox.count("PurchaseOrderItems") == 0


def test_items_are_listed_under_their_po_and_queried_at_the_root(po_sandbox: PoSandbox) -> None:
    first, second = po_sandbox.po(), po_sandbox.po()
    a = po_sandbox.item(first, productID=MONITOR)
    po_sandbox.item(second, productID=MONITOR)
    b = po_sandbox.item(first, productID=LAPTOP)
    listed = po_sandbox.http.get(f"/PurchaseOrders/{first}/Items").json()
    assert [i["id"] for i in listed["items"]] == [a, b]
    assert listed["pageDetails"]["nextPageUrl"] is None
    by_order = po_sandbox.query(
        "PurchaseOrderItems", {"op": "eq", "field": "orderID", "value": first}
    )
    assert [i["id"] for i in by_order] == [a, b]
    assert po_sandbox.http.get("/PurchaseOrders/999999/Items").status_code == 404


@pytest.mark.parametrize(
    ("state", "accepted"),
    [
        ("New", True),
        ("Submitted", True),
        ("Received Partial", True),
        ("Received Full", False),
        ("Canceled", False),
    ],
)
def test_item_updates_by_po_status(po_sandbox: PoSandbox, state: str, accepted: bool) -> None:
    po_id, item_id = po_sandbox.po_in(state)
    body = {"id": item_id, "memo": "changed"}
    response = po_sandbox.http.patch(f"/PurchaseOrders/{po_id}/Items", json=body)
    if accepted:
        assert ok_id(response) == item_id
    else:
        refused(response)
    memo = po_sandbox.get("PurchaseOrderItems", item_id)["memo"]
    assert memo == ("changed" if accepted else None)


UPDATE_REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("quantity below what is received", {"quantity": 1}),
    ("quantity 0", {"quantity": 0}),
    ("another product", {"productID": LAPTOP}),
    ("a charge added later", {"chargeID": 40001}),
    ("another location once received", {"inventoryLocationID": 3}),
    ("negative unitCost", {"unitCost": -1}),
]


@pytest.mark.parametrize(
    "change", [c[1] for c in UPDATE_REFUSED], ids=[c[0] for c in UPDATE_REFUSED]
)
def test_invalid_item_updates_are_refused(po_sandbox: PoSandbox, change: dict[str, Any]) -> None:
    po_sandbox.http.post(
        "/InventoryLocations", json={"locationName": "Van 1", "isActive": True}
    ).raise_for_status()
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=MONITOR, quantity=3)
    po_sandbox.submit(po_id)
    ok_id(po_sandbox.receive(item_id, quantityNowReceiving=2))
    before = po_sandbox.get("PurchaseOrderItems", item_id)
    refused(po_sandbox.http.patch(f"/PurchaseOrders/{po_id}/Items", json={"id": item_id, **change}))
    assert po_sandbox.get("PurchaseOrderItems", item_id) == before


@pytest.mark.parametrize(("location", "accepted"), [("active", True), ("inactive", False)])
def test_location_changes_before_receiving(
    po_sandbox: PoSandbox, location: str, accepted: bool
) -> None:
    body = {"locationName": "Van 1", "isActive": location == "active"}
    new_location = ok_id(po_sandbox.http.post("/InventoryLocations", json=body))
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=MONITOR)
    change = {"id": item_id, "inventoryLocationID": new_location}
    response = po_sandbox.http.patch(f"/PurchaseOrders/{po_id}/Items", json=change)
    expected = new_location if accepted else DEFAULT_LOCATION_ID
    answered(response, accepted)
    assert po_sandbox.get("PurchaseOrderItems", item_id)["inventoryLocationID"] == expected


def test_an_item_is_changed_only_under_its_own_po(po_sandbox: PoSandbox) -> None:
    po_id, other = po_sandbox.po(), po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=MONITOR)
    refused(
        po_sandbox.http.patch(f"/PurchaseOrders/{other}/Items", json={"id": item_id, "quantity": 5})
    )
    assert po_sandbox.get("PurchaseOrderItems", item_id)["quantity"] == 2


def test_put_replaces_the_item(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    item_id = po_sandbox.item(po_id, productID=MONITOR, memo="before")
    body = {
        "id": item_id,
        "productID": MONITOR,
        "inventoryLocationID": DEFAULT_LOCATION_ID,
        "quantity": 4,
        "unitCost": 200,
    }
    assert ok_id(po_sandbox.http.put(f"/PurchaseOrders/{po_id}/Items", json=body)) == item_id
    item = po_sandbox.get("PurchaseOrderItems", item_id)
    assert (item["quantity"], item["unitCost"], item["memo"]) == (4, 200.0, None)
    del body["unitCost"]
    refused(po_sandbox.http.put(f"/PurchaseOrders/{po_id}/Items", json=body))


def test_lowering_quantity_to_what_arrived_completes_the_order(po_sandbox: PoSandbox) -> None:
    po_id, item_id, charge_id = po_sandbox.ordered(SERIALIZED, quantity=2)
    ok_id(po_sandbox.receive(item_id, serialNumber="SN-ONLY-ONE"))
    assert (po_sandbox.po_label(po_id), po_sandbox.charge_label(charge_id)) == (
        "Received Partial",
        "On Order",
    )
    ok_id(
        po_sandbox.http.patch(f"/PurchaseOrders/{po_id}/Items", json={"id": item_id, "quantity": 1})
    )
    assert (po_sandbox.po_label(po_id), po_sandbox.charge_label(charge_id)) == (
        "Received Full",
        "Ready to Ship",
    )


def test_canceling_the_po_puts_its_charges_back_to_need_to_order(po_sandbox: PoSandbox) -> None:
    po_id, _, charge_id = po_sandbox.ordered()
    assert po_sandbox.charge_label(charge_id) == "On Order"
    ok_id(po_sandbox.set_po_status(po_id, "Canceled"))
    assert po_sandbox.charge_label(charge_id) == "Need To Order"
    again = po_sandbox.po()
    po_sandbox.item(again, chargeID=charge_id)
    assert po_sandbox.charge_label(charge_id) == "On Order"
