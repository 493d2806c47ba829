"""PurchaseOrders over HTTP: metadata, create and update rules, status moves, routes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.autotask.demo_procurement import (
    INACTIVE_VENDOR_ID,
    INGRAM_VENDOR_ID,
    NON_VENDOR_COMPANY_ID,
    TDSYNNEX_VENDOR_ID,
)
from tests.support.procurement_sandbox import PLAIN, PoSandbox, answered, ok_id, picklist, refused

ENTITY_CAPABILITIES = [
    ("PurchaseOrders", True, True),
    ("PurchaseOrderItems", True, True),
    ("PurchaseOrderItemReceiving", True, False),
    ("InventoryLocations", True, True),
    ("InventoryItems", False, False),
    ("InventoryItemSerialNumbers", False, False),
    ("ProductVendors", False, False),
    ("Companies", False, False),
]


@pytest.mark.parametrize(("entity", "create", "update"), ENTITY_CAPABILITIES)
def test_entity_information_states_what_each_entity_allows(
    autotask: httpx.Client, entity: str, create: bool, update: bool
) -> None:
    info = autotask.get(f"/{entity}/entityInformation").json()["info"]
    assert info["name"] == entity
    assert (info["canCreate"], info["canUpdate"], info["canQuery"]) == (create, update, True)
    assert info["canDelete"] is False


def fields_of(autotask: httpx.Client, entity: str) -> dict[str, dict[str, Any]]:
    fields = autotask.get(f"/{entity}/entityInformation/fields").json()["fields"]
    return {f["name"]: f for f in fields}


def test_purchase_order_fields_state_types_lengths_and_required(autotask: httpx.Client) -> None:
    fields = fields_of(autotask, "PurchaseOrders")
    lengths = {name: f["length"] for name, f in fields.items() if f["dataType"] == "string"}
    assert lengths == {
        "additionalVendorInvoiceNumbers": 8000,
        "externalPONumber": 50,
        "fax": 25,
        "generalMemo": 4000,
        "phone": 25,
        "purchaseOrderNumber": 50,
        "shipToAddress1": 128,
        "shipToAddress2": 128,
        "shipToCity": 30,
        "shipToName": 100,
        "shipToPostalCode": 10,
        "shipToState": 25,
        "vendorInvoiceNumber": 50,
    }
    required = {name for name, f in fields.items() if f["isRequired"]}
    assert required == {"id", "vendorID", "status", "shipToName", "shipToAddress1"}
    types = {name: fields[name]["dataType"] for name in ("id", "vendorID", "freight", "status")}
    assert types == {"id": "long", "vendorID": "integer", "freight": "double", "status": "integer"}
    assert fields["vendorID"]["referenceEntityType"] == "Companies"
    assert fields["purchaseOrderNumber"]["isReadOnly"] is True


# (entity, field, dataType, length, required, read-only)
FIELD_FACTS = [
    ("PurchaseOrderItems", "id", "long", 0, True, True),
    ("PurchaseOrderItems", "orderID", "integer", 0, True, False),
    ("PurchaseOrderItems", "ticketID", "long", 0, False, False),
    ("PurchaseOrderItems", "chargeID", "integer", 0, False, False),
    ("PurchaseOrderItems", "inventoryLocationID", "integer", 0, True, False),
    ("PurchaseOrderItems", "quantity", "integer", 0, True, False),
    ("PurchaseOrderItems", "unitCost", "double", 0, True, False),
    ("PurchaseOrderItems", "memo", "string", 4000, False, False),
    ("PurchaseOrderItemReceiving", "purchaseOrderItemID", "long", 0, True, False),
    ("PurchaseOrderItemReceiving", "quantityNowReceiving", "integer", 0, True, False),
    ("PurchaseOrderItemReceiving", "quantityPreviouslyReceived", "integer", 0, False, True),
    ("PurchaseOrderItemReceiving", "quantityBackOrdered", "integer", 0, False, True),
    ("PurchaseOrderItemReceiving", "receivedByResourceID", "integer", 0, False, True),
    ("PurchaseOrderItemReceiving", "receiveDate", "datetime", 0, False, False),
    ("PurchaseOrderItemReceiving", "serialNumber", "string", 50, False, False),
    ("InventoryLocations", "locationName", "string", 50, True, False),
    ("InventoryLocations", "isActive", "boolean", 0, True, False),
    ("InventoryItemSerialNumbers", "serialNumber", "string", 50, True, False),
    ("InventoryItemSerialNumbers", "inventoryItemID", "integer", 0, True, False),
    ("ProductVendors", "vendorPartNumber", "string", 50, False, False),
    ("ProductVendors", "vendorCost", "double", 0, False, False),
    ("Companies", "companyType", "integer", 0, True, False),
]


@pytest.mark.parametrize(
    ("entity", "name", "data_type", "length", "required", "read_only"), FIELD_FACTS
)
def test_procurement_field_metadata(
    autotask: httpx.Client,
    entity: str,
    name: str,
    data_type: str,
    length: int,
    required: bool,
    read_only: bool,
) -> None:
    field = fields_of(autotask, entity)[name]
    assert (field["dataType"], field["length"]) == (data_type, length)
    assert (field["isRequired"], field["isReadOnly"]) == (required, read_only)


PICKLISTS = [
    (
        "PurchaseOrders",
        "status",
        {"New", "Submitted", "Received Partial", "Received Full", "Canceled"},
    ),
    ("Companies", "companyType", {"Customer", "Vendor", "Prospect"}),
    ("TicketCharges", "status", {"Need To Order", "On Order", "Ready to Ship"}),
    ("PurchaseOrders", "shippingType", {"Ground"}),
]


@pytest.mark.parametrize(("entity", "field", "labels"), PICKLISTS)
def test_procurement_picklists_are_served(
    autotask: httpx.Client, entity: str, field: str, labels: set[str]
) -> None:
    assert labels <= set(picklist(autotask, entity, field))


def test_status_numbers_are_not_the_guessed_ones(autotask: httpx.Client) -> None:
    """A client hard-coding 1=New ... 5=Cancelled must fail, so it reads them at run time."""
    assert not set(picklist(autotask, "PurchaseOrders", "status").values()) & {1, 2, 3, 4, 5}


def test_create_starts_new_with_server_fields(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po(purchaseOrderNumber="MINE", submitDateTime="2030-01-01T00:00:00Z")
    po = po_sandbox.get("PurchaseOrders", po_id)
    assert po_sandbox.po_label(po_id) == "New"
    assert po["purchaseOrderNumber"] == str(po_id)
    assert po["submitDateTime"] is None
    assert isinstance(po["createDateTime"], str)
    assert type(po["creatorResourceID"]) is int
    assert (po["vendorID"], po["externalPONumber"]) == (INGRAM_VENDOR_ID, "20-TEST1")


def test_strings_at_their_limits_are_accepted(po_sandbox: PoSandbox) -> None:
    limits = {
        "shipToName": 100,
        "shipToAddress1": 128,
        "shipToAddress2": 128,
        "shipToCity": 30,
        "shipToState": 25,
        "shipToPostalCode": 10,
        "phone": 25,
        "fax": 25,
        "externalPONumber": 50,
        "vendorInvoiceNumber": 50,
        "generalMemo": 4000,
    }
    po_id = po_sandbox.po(**{name: "x" * n for name, n in limits.items()})
    po = po_sandbox.get("PurchaseOrders", po_id)
    assert {name: len(po[name]) for name in limits} == limits


CREATE_REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("shipToName over 100", {"shipToName": "x" * 101}),
    ("shipToAddress1 over 128", {"shipToAddress1": "x" * 129}),
    ("shipToCity over 30", {"shipToCity": "x" * 31}),
    ("shipToState over 25", {"shipToState": "x" * 26}),
    ("shipToPostalCode over 10", {"shipToPostalCode": "x" * 11}),
    ("phone over 25", {"phone": "x" * 26}),
    ("externalPONumber over 50", {"externalPONumber": "x" * 51}),
    ("generalMemo over 4000", {"generalMemo": "x" * 4001}),
    ("no vendorID", {"vendorID": None}),
    ("no shipToName", {"shipToName": None}),
    ("blank shipToName", {"shipToName": "  "}),
    ("no shipToAddress1", {"shipToAddress1": None}),
    ("no status", {"status": None}),
    ("a hard-coded guess 1=New", {"status": 1}),
    ("vendor that is not a Vendor company", {"vendorID": NON_VENDOR_COMPANY_ID}),
    ("a customer as vendor", {"vendorID": 174}),
    ("an inactive vendor", {"vendorID": INACTIVE_VENDOR_ID}),
    ("an unknown vendor", {"vendorID": 999999}),
    ("unknown purchaseForCompanyID", {"purchaseForCompanyID": 999999}),
    ("unknown field", {"colour": "red"}),
    ("vendorID not a number", {"vendorID": "Ingram"}),
]


@pytest.mark.parametrize(
    "fields", [c[1] for c in CREATE_REFUSED], ids=[c[0] for c in CREATE_REFUSED]
)
def test_invalid_purchase_orders_are_refused(po_sandbox: PoSandbox, fields: dict[str, Any]) -> None:
    refused(po_sandbox.create_po(**fields))
    assert po_sandbox.count("PurchaseOrders") == 0


@pytest.mark.parametrize("label", ["Submitted", "Received Full", "Canceled"])
def test_a_purchase_order_is_created_new(po_sandbox: PoSandbox, label: str) -> None:
    refused(po_sandbox.create_po(status=po_sandbox.po_status[label]))
    assert po_sandbox.count("PurchaseOrders") == 0


def test_other_vendor_and_customer_purchase_are_accepted(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po(vendorID=TDSYNNEX_VENDOR_ID, purchaseForCompanyID=174)
    po = po_sandbox.get("PurchaseOrders", po_id)
    assert (po["vendorID"], po["purchaseForCompanyID"]) == (TDSYNNEX_VENDOR_ID, 174)


# (status the PO is in, status a client asks for, accepted?)
MOVES = [
    ("New", "Submitted", True),
    ("New", "Canceled", True),
    ("Submitted", "Canceled", True),
    ("Submitted", "Submitted", True),
    ("New", "Received Partial", False),
    ("Submitted", "Received Partial", False),
    ("Submitted", "Received Full", False),
    ("Submitted", "New", False),
    ("Received Partial", "Canceled", False),
    ("Received Partial", "Received Full", False),
    ("Received Partial", "Submitted", False),
    ("Received Full", "Canceled", False),
    ("Canceled", "Submitted", False),
    ("Canceled", "New", False),
]


@pytest.mark.parametrize(("before", "wanted", "accepted"), MOVES)
def test_status_moves_a_client_may_make(
    po_sandbox: PoSandbox, before: str, wanted: str, accepted: bool
) -> None:
    po_id, _ = po_sandbox.po_in(before)
    response = po_sandbox.set_po_status(po_id, wanted)
    if accepted:
        assert ok_id(response) == po_id
        assert po_sandbox.po_label(po_id) == wanted
    else:
        refused(response)
        assert po_sandbox.po_label(po_id) == before


def test_submitting_needs_an_item(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po()
    refused(po_sandbox.set_po_status(po_id, "Submitted"))
    po_sandbox.item(po_id, productID=demo_product_id(PLAIN))
    assert ok_id(po_sandbox.set_po_status(po_id, "Submitted")) == po_id


def test_submit_and_cancel_are_stamped(po_sandbox: PoSandbox) -> None:
    po_id, _ = po_sandbox.po_in("Submitted")
    assert isinstance(po_sandbox.get("PurchaseOrders", po_id)["submitDateTime"], str)
    assert po_sandbox.get("PurchaseOrders", po_id)["cancelDateTime"] is None
    po_sandbox.set_po_status(po_id, "Canceled")
    assert isinstance(po_sandbox.get("PurchaseOrders", po_id)["cancelDateTime"], str)


def test_patch_changes_only_what_it_names(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po(shipToCity="Tacoma")
    assert ok_id(po_sandbox.update_po(po_id, generalMemo="note")) == po_id
    po = po_sandbox.get("PurchaseOrders", po_id)
    assert (po["generalMemo"], po["shipToCity"]) == ("note", "Tacoma")


def test_put_replaces_every_writable_field(po_sandbox: PoSandbox) -> None:
    po_id = po_sandbox.po(shipToCity="Tacoma")
    before = po_sandbox.get("PurchaseOrders", po_id)
    body = {
        "id": po_id,
        "vendorID": INGRAM_VENDOR_ID,
        "status": po_sandbox.po_status["New"],
        "shipToName": "Replaced",
        "shipToAddress1": "2 Dock Road",
    }
    assert ok_id(po_sandbox.http.put("/PurchaseOrders", json=body)) == po_id
    after = po_sandbox.get("PurchaseOrders", po_id)
    assert (after["shipToName"], after["shipToCity"], after["externalPONumber"]) == (
        "Replaced",
        None,
        None,
    )
    assert after["createDateTime"] == before["createDateTime"]
    del body["shipToName"]
    refused(po_sandbox.http.put("/PurchaseOrders", json=body))


VENDOR_CHANGES = [
    ("New", TDSYNNEX_VENDOR_ID, True),
    ("New", NON_VENDOR_COMPANY_ID, False),
    ("New", INACTIVE_VENDOR_ID, False),
    ("Submitted", TDSYNNEX_VENDOR_ID, False),
]


@pytest.mark.parametrize(("state", "vendor", "accepted"), VENDOR_CHANGES)
def test_vendor_changes(po_sandbox: PoSandbox, state: str, vendor: int, accepted: bool) -> None:
    po_id, _ = po_sandbox.po_in(state)
    response = po_sandbox.update_po(po_id, vendorID=vendor)
    expected = vendor if accepted else INGRAM_VENDOR_ID
    answered(response, accepted)
    assert po_sandbox.get("PurchaseOrders", po_id)["vendorID"] == expected


@pytest.mark.parametrize(("state", "accepted"), [("Received Full", True), ("Canceled", False)])
def test_fields_stay_editable_until_canceled(
    po_sandbox: PoSandbox, state: str, accepted: bool
) -> None:
    po_id, _ = po_sandbox.po_in(state)
    response = po_sandbox.update_po(po_id, vendorInvoiceNumber="INV-77")
    answered(response, accepted)
    invoice = po_sandbox.get("PurchaseOrders", po_id)["vendorInvoiceNumber"]
    assert invoice == ("INV-77" if accepted else None)


@pytest.mark.parametrize(
    "body", [{"generalMemo": "x"}, {"id": 999999, "generalMemo": "x"}], ids=["no id", "unknown"]
)
def test_updates_need_an_existing_id(po_sandbox: PoSandbox, body: dict[str, Any]) -> None:
    refused(po_sandbox.http.patch("/PurchaseOrders", json=body))


@pytest.mark.parametrize("path", ["/PurchaseOrders/{id}", "/PurchaseOrders"])
def test_purchase_orders_cannot_be_deleted(po_sandbox: PoSandbox, path: str) -> None:
    po_id = po_sandbox.po()
    assert po_sandbox.http.delete(path.format(id=po_id)).status_code == 405
    assert po_sandbox.count("PurchaseOrders") == 1


def test_query_count_and_get(po_sandbox: PoSandbox) -> None:
    first = po_sandbox.po(externalPONumber="20-AAAAA")
    po_sandbox.po(externalPONumber="20-BBBBB")
    marker = {"op": "eq", "field": "externalPONumber", "value": "20-aaaaa"}
    assert [p["id"] for p in po_sandbox.query("PurchaseOrders", marker)] == [first]
    assert po_sandbox.count("PurchaseOrders") == 2
    assert po_sandbox.http.get("/PurchaseOrders/999999").json() == {"item": None}
    search = '{"filter":[{"op":"eq","field":"vendorID","value":179}]}'
    listed = po_sandbox.http.get("/PurchaseOrders/query", params={"search": search}).json()
    assert listed["pageDetails"]["count"] == 2
