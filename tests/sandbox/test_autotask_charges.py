"""TicketCharges over HTTP, rule by rule, as the Autotask entity documentation states them."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import (
    DEMO_CATEGORY_BILLING_CODES,
    INACTIVE_MATERIAL_CODE_ID,
    RMA_CODE_ID,
    WORK_TYPE_CODE_ID,
    demo_product_id,
)

TICKET = 7003
HARDWARE = DEMO_CATEGORY_BILLING_CODES["Hardware"]
CABLING = DEMO_CATEGORY_BILLING_CODES["Cabling"]
INVALID_CODE = {"errors": ["BillingCode does not exist or is invalid"]}


def status_values(autotask: httpx.Client) -> dict[str, int]:
    """Label -> value of TicketCharges.status, read at run time as a client must."""
    fields = autotask.get("/TicketCharges/entityInformation/fields").json()["fields"]
    status = next(f for f in fields if f["name"] == "status")
    assert status["isPickList"]
    return {p["label"]: int(p["value"]) for p in status["picklistValues"]}


def create(autotask: httpx.Client, ticket: int = TICKET, **fields: object) -> httpx.Response:
    body = {"ticketID": ticket, "name": "Quote line", "unitQuantity": 1, **fields}
    return autotask.post(f"/Tickets/{ticket}/Charges", json=body)


def created(autotask: httpx.Client, **fields: object) -> dict[str, object]:
    response = create(autotask, **fields)
    assert response.status_code == 200, response.text
    item_id = response.json()["itemId"]
    assert isinstance(item_id, int)
    return autotask.get(f"/TicketCharges/{item_id}").json()["item"]


def test_product_supplies_billing_code_cost_and_price(autotask: httpx.Client) -> None:
    charge = created(
        autotask, productID=demo_product_id("Dell Latitude 5440 14in i5"), unitQuantity=2
    )
    assert charge["billingCodeID"] == HARDWARE
    assert charge["unitCost"] == 1029.0
    assert charge["unitPrice"] == 1199.0
    assert charge["billableAmount"] == 2398.0
    assert charge["extendedCost"] == 2058.0
    assert charge["isBilled"] is False


def test_supplied_price_wins_over_the_product(autotask: httpx.Client) -> None:
    charge = created(
        autotask, productID=demo_product_id("Microsoft Surface Dock 2"), unitPrice="199.99"
    )
    assert charge["unitPrice"] == 199.99
    assert charge["unitCost"] == 259.0


def test_billing_code_alone_supplies_cost_and_price(autotask: httpx.Client) -> None:
    charge = created(autotask, billingCodeID=CABLING, unitQuantity=10)
    assert (charge["unitCost"], charge["unitPrice"]) == (5.0, 8.0)
    assert charge["billableAmount"] == 80.0


def test_values_are_rounded_to_four_places_before_arithmetic(autotask: httpx.Client) -> None:
    charge = created(
        autotask,
        billingCodeID=HARDWARE,
        unitQuantity="1.23456",
        unitPrice=10.00005,
        unitCost="3.33334",
    )
    assert Decimal(str(charge["unitQuantity"])) == Decimal("1.2346")
    assert Decimal(str(charge["unitPrice"])) == Decimal("10.0001")
    assert Decimal(str(charge["billableAmount"])) == Decimal("1.2346") * Decimal("10.0001")
    assert Decimal(str(charge["extendedCost"])) == Decimal("1.2346") * Decimal("3.3333")


def test_is_billable_to_company_defaults_to_true(autotask: httpx.Client) -> None:
    assert created(autotask, billingCodeID=HARDWARE)["isBillableToCompany"] is True
    explicit = created(autotask, billingCodeID=HARDWARE, isBillableToCompany=False)
    assert explicit["isBillableToCompany"] is False


STATUS_CASES = [
    ("no product", {"billingCodeID": HARDWARE}, "Ready to Ship"),
    (
        "product needs no procurement",
        {"productID": demo_product_id("Vendor Support Contract"), "unitQuantity": 50},
        "Ready to Ship",
    ),
    (
        "in stock",
        {"productID": demo_product_id("Microsoft Surface Dock 2"), "unitQuantity": 10},
        "Ready to Ship",
    ),
    (
        "not enough stock",
        {"productID": demo_product_id("Microsoft Surface Dock 2"), "unitQuantity": 11},
        "Need To Order",
    ),
    (
        "stock all reserved",
        {"productID": demo_product_id("Dell 24 Monitor P2423D")},
        "Need To Order",
    ),
    (
        "no stock, under the approval threshold",
        {"productID": demo_product_id("Dell Latitude 5440 14in i5")},
        "Need To Order",
    ),
    (
        "over the approval threshold",
        {"productID": demo_product_id("Dell PowerEdge R760 Rack Server")},
        "Waiting Approval",
    ),
    (
        "quantity takes it over the threshold",
        {"productID": demo_product_id("Dell Latitude 5440 14in i5"), "unitQuantity": 5},
        "Waiting Approval",
    ),
]


@pytest.mark.parametrize(
    ("fields", "label"), [c[1:] for c in STATUS_CASES], ids=[c[0] for c in STATUS_CASES]
)
def test_status_is_derived_on_create(
    autotask: httpx.Client, fields: dict[str, object], label: str
) -> None:
    assert created(autotask, **fields)["status"] == status_values(autotask)[label]


def test_procurement_disabled_makes_every_charge_pending(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    control.put("/autotask/settings", json={"procurement_enabled": False}).raise_for_status()
    charge = created(autotask, productID=demo_product_id("Dell PowerEdge R760 Rack Server"))
    assert charge["status"] == status_values(autotask)["Pending"]


def test_status_is_read_only(autotask: httpx.Client) -> None:
    values = status_values(autotask)
    charge = created(autotask, billingCodeID=HARDWARE, status=values["Pending"])
    assert charge["status"] == values["Ready to Ship"]


REFUSED = [
    ("neither product nor billing code", {}, None),
    ("inactive Material Cost Code", {"billingCodeID": INACTIVE_MATERIAL_CODE_ID}, INVALID_CODE),
    ("the RMA code", {"billingCodeID": RMA_CODE_ID}, INVALID_CODE),
    ("a Work Type code", {"billingCodeID": WORK_TYPE_CODE_ID}, INVALID_CODE),
    ("an unknown code", {"billingCodeID": 1}, INVALID_CODE),
    (
        "product on a retired code",
        {"productID": demo_product_id("Legacy KVM Switch")},
        INVALID_CODE,
    ),
    ("unknown product", {"productID": 424242}, None),
    ("name over 100", {"billingCodeID": HARDWARE, "name": "n" * 101}, None),
    ("description over 8000", {"billingCodeID": HARDWARE, "description": "d" * 8001}, None),
    ("notes over 2000", {"billingCodeID": HARDWARE, "notes": "n" * 2001}, None),
    ("PO number over 50", {"billingCodeID": HARDWARE, "purchaseOrderNumber": "p" * 51}, None),
    (
        "internal PO over 50",
        {"billingCodeID": HARDWARE, "internalPurchaseOrderNumber": "p" * 51},
        None,
    ),
    ("quantity not a number", {"billingCodeID": HARDWARE, "unitQuantity": "two"}, None),
    ("unknown field", {"billingCodeID": HARDWARE, "colour": "red"}, None),
    ("body ticketID differs from the URL", {"billingCodeID": HARDWARE, "ticketID": 7004}, None),
]


@pytest.mark.parametrize(("fields", "body"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_invalid_charges_are_refused_with_http_500(
    autotask: httpx.Client, control: httpx.Client, fields: dict[str, object], body: object
) -> None:
    response = create(autotask, **fields)
    assert response.status_code == 500
    errors = response.json()["errors"]
    assert errors
    assert all(isinstance(e, str) for e in errors)
    if body is not None:
        assert response.json() == body
    assert control.get("/state").json()["autotask"]["charges_by_ticket"] == {}


def test_limits_are_inclusive(autotask: httpx.Client) -> None:
    charge = created(
        autotask,
        billingCodeID=HARDWARE,
        name="n" * 100,
        notes="x" * 2000,
        purchaseOrderNumber="p" * 50,
    )
    assert len(str(charge["name"])) == 100


def test_unknown_ticket_is_refused(autotask: httpx.Client) -> None:
    response = create(autotask, ticket=99999, billingCodeID=HARDWARE)
    assert response.status_code == 500


def test_there_is_no_post_on_ticket_charges(autotask: httpx.Client) -> None:
    response = autotask.post("/TicketCharges", json={"ticketID": TICKET, "name": "x"})
    assert response.status_code == 405


def test_list_query_count_and_get(autotask: httpx.Client) -> None:
    first = created(autotask, billingCodeID=HARDWARE, description="procdesk:line-1")
    created(autotask, billingCodeID=CABLING)
    other = create(autotask, ticket=7004, billingCodeID=HARDWARE).json()["itemId"]
    listed = autotask.get(f"/Tickets/{TICKET}/Charges").json()
    assert [c["ticketID"] for c in listed["items"]] == [TICKET, TICKET]
    marker = {"filter": [{"op": "contains", "field": "description", "value": "line-1"}]}
    found = autotask.post("/TicketCharges/query", json=marker).json()["items"]
    assert [c["id"] for c in found] == [first["id"]]
    count = autotask.post(
        "/TicketCharges/query/count", json={"filter": [{"op": "gte", "field": "id", "value": 0}]}
    ).json()
    assert count == {"queryCount": 3}
    assert (
        autotask.get(f"/Tickets/{TICKET}/Charges/{first['id']}").json()["item"]["id"] == first["id"]
    )
    assert autotask.get(f"/Tickets/{TICKET}/Charges/{other}").json() == {"item": None}
    assert autotask.get("/TicketCharges/999999").json() == {"item": None}


def test_update_changes_fields_and_recomputes(autotask: httpx.Client) -> None:
    charge = created(autotask, billingCodeID=HARDWARE, unitQuantity=2)
    response = autotask.patch(
        f"/Tickets/{TICKET}/Charges",
        json={"id": charge["id"], "unitQuantity": 3, "notes": "updated"},
    )
    assert response.json() == {"itemId": charge["id"]}
    after = autotask.get(f"/TicketCharges/{charge['id']}").json()["item"]
    assert (after["notes"], after["unitQuantity"], after["billableAmount"]) == (
        "updated",
        3.0,
        375.0,
    )


def test_changing_the_billing_code_takes_its_prices(autotask: httpx.Client) -> None:
    charge = created(autotask, billingCodeID=HARDWARE)
    autotask.patch(
        f"/Tickets/{TICKET}/Charges", json={"id": charge["id"], "billingCodeID": CABLING}
    )
    after = autotask.get(f"/TicketCharges/{charge['id']}").json()["item"]
    assert (after["billingCodeID"], after["unitPrice"]) == (CABLING, 8.0)


UPDATE_REFUSED = [
    ("ticketID cannot change", {"ticketID": 7004}),
    ("to the RMA code", {"billingCodeID": RMA_CODE_ID}),
    ("to an inactive code", {"billingCodeID": INACTIVE_MATERIAL_CODE_ID}),
    ("notes too long", {"notes": "n" * 2001}),
]


@pytest.mark.parametrize(
    "change", [c[1] for c in UPDATE_REFUSED], ids=[c[0] for c in UPDATE_REFUSED]
)
def test_invalid_updates_are_refused(autotask: httpx.Client, change: dict[str, object]) -> None:
    charge = created(autotask, billingCodeID=HARDWARE, notes="before")
    response = autotask.patch(f"/Tickets/{TICKET}/Charges", json={"id": charge["id"], **change})
    assert response.status_code == 500
    assert autotask.get(f"/TicketCharges/{charge['id']}").json()["item"] == charge


def test_delete_removes_the_charge(autotask: httpx.Client, control: httpx.Client) -> None:
    charge = created(autotask, billingCodeID=HARDWARE)
    response = autotask.delete(f"/Tickets/{TICKET}/Charges/{charge['id']}")
    assert response.json() == {"itemId": charge["id"]}
    assert autotask.get(f"/TicketCharges/{charge['id']}").json() == {"item": None}
    assert control.get("/state").json()["autotask"]["counts"]["ticketcharges"] == 0


def test_billed_charges_are_read_only(autotask: httpx.Client, control: httpx.Client) -> None:
    charge = created(autotask, billingCodeID=HARDWARE)
    billed = control.post(f"/autotask/charges/{charge['id']}/bill").json()["item"]
    assert billed["isBilled"] is True
    update = autotask.patch(f"/Tickets/{TICKET}/Charges", json={"id": charge["id"], "notes": "x"})
    assert update.status_code == 500
    delete = autotask.delete(f"/Tickets/{TICKET}/Charges/{charge['id']}")
    assert delete.status_code == 500
    assert autotask.get(f"/TicketCharges/{charge['id']}").json()["item"]["notes"] is None


def test_state_lists_charges_per_ticket_with_their_markers(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    created(autotask, billingCodeID=HARDWARE, description="procdesk:q1:l1", notes="n1")
    by_ticket = control.get("/state").json()["autotask"]["charges_by_ticket"]
    assert list(by_ticket) == [str(TICKET)]
    (charge,) = by_ticket[str(TICKET)]
    assert (charge["description"], charge["notes"]) == ("procdesk:q1:l1", "n1")


def test_body_keys_ignore_case(autotask: httpx.Client) -> None:
    body = {"TicketID": TICKET, "NAME": "Upper", "unitquantity": "2", "BillingCodeId": CABLING}
    item_id = autotask.post(f"/Tickets/{TICKET}/Charges", json=body).json()["itemId"]
    charge = autotask.get(f"/TicketCharges/{item_id}").json()["item"]
    assert (charge["name"], charge["unitQuantity"], charge["billingCodeID"]) == (
        "Upper",
        2.0,
        CABLING,
    )


def test_a_ticket_charge_list_pages_by_get(autotask: httpx.Client) -> None:
    for n in range(501):
        create(autotask, billingCodeID=CABLING, name=f"line {n}").raise_for_status()
    first = autotask.get(f"/Tickets/{TICKET}/Charges").json()
    assert first["pageDetails"]["count"] == 500
    second = autotask.get(first["pageDetails"]["nextPageUrl"]).json()
    assert [c["name"] for c in second["items"]] == ["line 500"]
    assert second["pageDetails"]["nextPageUrl"] is None
