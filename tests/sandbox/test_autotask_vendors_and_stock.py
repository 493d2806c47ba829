"""Vendor companies, inventory locations, product vendors, the charge-status lever and the
procurement demo data."""

from __future__ import annotations

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import DEMO_COMPANIES, DEMO_PRODUCTS, demo_product_id
from procdesk.sandbox.autotask.demo_procurement import (
    DEFAULT_LOCATION_ID,
    DEMO_PRODUCT_VENDORS,
    INACTIVE_LOCATION_ID,
    INGRAM_VENDOR_ID,
    TDSYNNEX_VENDOR_ID,
)
from procdesk.sandbox.ingram.catalog import part_by_ingram_number
from procdesk.sandbox.tdsynnex.catalog import DEMO_PRODUCTS as ION_PRODUCTS
from tests.support.procurement_sandbox import PoSandbox, answered, ok_id, picklist, refused


def cond(op: str, field: str, value: object) -> dict[str, object]:
    return {"op": op, "field": field, "value": value}


def test_vendor_companies_are_found_by_company_type(po_sandbox: PoSandbox) -> None:
    vendor = picklist(po_sandbox.http, "Companies", "companyType")["Vendor"]
    active = po_sandbox.query(
        "Companies", cond("eq", "companyType", vendor), cond("eq", "isActive", True)
    )
    assert [(c["id"], c["companyName"]) for c in active] == [
        (INGRAM_VENDOR_ID, "Ingram Micro"),
        (TDSYNNEX_VENDOR_ID, "TD SYNNEX"),
    ]
    every = po_sandbox.query("Companies", cond("eq", "companyType", vendor))
    assert {c["companyName"] for c in every} - {c["companyName"] for c in active} == {
        "Tech Data (legacy)"
    }


def test_existing_companies_keep_their_ids_and_are_customers(po_sandbox: PoSandbox) -> None:
    customer = picklist(po_sandbox.http, "Companies", "companyType")["Customer"]
    for company in DEMO_COMPANIES:
        record = po_sandbox.get("Companies", company.id)
        assert (record["companyName"], record["companyType"]) == (company.companyName, customer)


def test_companies_are_read_only(po_sandbox: PoSandbox) -> None:
    body = {"companyName": "New Vendor", "companyType": 37, "isActive": True}
    assert po_sandbox.http.post("/Companies", json=body).status_code == 405


def test_the_default_location_is_found_by_its_flag(po_sandbox: PoSandbox) -> None:
    found = po_sandbox.query(
        "InventoryLocations", cond("eq", "isDefault", True), cond("eq", "isActive", True)
    )
    assert [loc["id"] for loc in found] == [DEFAULT_LOCATION_ID]
    assert po_sandbox.get("InventoryLocations", INACTIVE_LOCATION_ID)["isActive"] is False


def test_a_new_default_location_takes_the_flag(po_sandbox: PoSandbox) -> None:
    body = {"locationName": "Van 7", "isActive": True, "isDefault": True}
    location_id = ok_id(po_sandbox.http.post("/InventoryLocations", json=body))
    defaults = po_sandbox.query("InventoryLocations", cond("eq", "isDefault", True))
    assert [loc["id"] for loc in defaults] == [location_id]
    change = {"id": DEFAULT_LOCATION_ID, "isDefault": True}
    ok_id(po_sandbox.http.patch("/InventoryLocations", json=change))
    defaults = po_sandbox.query("InventoryLocations", cond("eq", "isDefault", True))
    assert [loc["id"] for loc in defaults] == [DEFAULT_LOCATION_ID]


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ({"locationName": "L" * 50, "isActive": True}, True),
        ({"locationName": "L" * 51, "isActive": True}, False),
        ({"locationName": "Van 8"}, False),
        ({"isActive": True}, False),
    ],
    ids=["name of 50", "name of 51", "no isActive", "no name"],
)
def test_location_rules(po_sandbox: PoSandbox, body: dict[str, object], accepted: bool) -> None:
    response = po_sandbox.http.post("/InventoryLocations", json=body)
    answered(response, accepted)
    assert po_sandbox.count("InventoryLocations") == 2 + accepted


def test_product_vendors_carry_distributor_part_numbers(po_sandbox: PoSandbox) -> None:
    probook = demo_product_id("HP ProBook 450 G10 15.6in i5")
    listed = po_sandbox.http.get(f"/Products/{probook}/Vendors").json()["items"]
    assert [(v["vendorID"], v["vendorPartNumber"]) for v in listed] == [
        (INGRAM_VENDOR_ID, "8YR471")
    ]
    assert po_sandbox.http.get("/Products/999999/Vendors").status_code == 404
    assert po_sandbox.http.post("/ProductVendors", json={}).status_code == 405


def test_ingram_part_numbers_match_the_ingram_catalog() -> None:
    products = {p.id: p for p in DEMO_PRODUCTS}
    ingram = [v for v in DEMO_PRODUCT_VENDORS if v.vendorID == INGRAM_VENDOR_ID]
    assert len(ingram) == 20
    for vendor in ingram:
        part = part_by_ingram_number(vendor.vendorPartNumber)
        assert part is not None, vendor.vendorPartNumber
        assert part.vendor_part_number == products[vendor.productID].manufacturerProductName


def test_tdsynnex_skus_match_the_ion_catalog() -> None:
    skus = {sku.sku_id for product in ION_PRODUCTS for sku in product.skus}
    tdsynnex = [v for v in DEMO_PRODUCT_VENDORS if v.vendorID == TDSYNNEX_VENDOR_ID]
    assert tdsynnex
    assert {v.vendorPartNumber for v in tdsynnex} <= skus


def test_ingram_serialized_parts_are_serialized_products() -> None:
    products = {p.id: p for p in DEMO_PRODUCTS}
    for vendor in DEMO_PRODUCT_VENDORS:
        part = part_by_ingram_number(vendor.vendorPartNumber)
        if vendor.vendorID == INGRAM_VENDOR_ID and part is not None:
            assert part.serialized == products[vendor.productID].isSerialized, part.description


# (label sent, HTTP status, the charge's label afterwards)
STATUS_LEVER = [
    ("Ready to Ship", 200, "Ready to Ship"),
    ("delivered", 200, "Delivered"),
    ("Fulfilled", 422, "Need To Order"),
    ("", 422, "Need To Order"),
]


@pytest.mark.parametrize(("label", "status", "after"), STATUS_LEVER)
def test_charge_status_can_be_set_by_hand(
    po_sandbox: PoSandbox, control: httpx.Client, label: str, status: int, after: str
) -> None:
    charge_id = po_sandbox.charge()
    response = control.put(f"/autotask/charges/{charge_id}/status", json={"status": label})
    assert response.status_code == status
    assert po_sandbox.charge_label(charge_id) == after


def test_the_status_lever_needs_a_known_charge(control: httpx.Client) -> None:
    response = control.put("/autotask/charges/999999/status", json={"status": "Delivered"})
    assert response.status_code == 404


def test_charge_status_stays_read_only_to_clients(po_sandbox: PoSandbox) -> None:
    charge_id = po_sandbox.charge()
    change = {"id": charge_id, "status": po_sandbox.charge_status["Ready to Ship"]}
    ok_id(po_sandbox.http.patch("/Tickets/7005/Charges", json=change))
    assert po_sandbox.charge_label(charge_id) == "Need To Order"


@pytest.mark.parametrize(
    ("category", "accepted"), [(11, True), (99, False)], ids=["listed", "unlisted"]
)
def test_picklist_values_are_checked_on_write(
    po_sandbox: PoSandbox, category: int, accepted: bool
) -> None:
    body = {"name": "Widget", "isActive": True, "isSerialized": False, "productCategory": category}
    response = po_sandbox.http.post("/Products", json=body)
    if accepted:
        ok_id(response)
    else:
        assert "not a valid picklist value" in refused(response)[0]
