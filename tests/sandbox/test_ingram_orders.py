"""Ingram Micro emulator: order create (201/207/400), details, search, cancel, JSON types."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.distributor_sandbox import DistributorServer, ingram_session


def is_money(value: object) -> bool:
    return type(value) in (int, float)


def order_body(reference: str, *lines: tuple[str, int], **extra: Any) -> dict[str, Any]:
    return {
        "customerOrderNumber": reference,
        "shipToInfo": {"companyName": "Northwind Dental Group", "city": "Tacoma"},
        "lines": [
            {"customerLineNumber": str(n), "ingramPartNumber": part, "quantity": qty}
            for n, (part, qty) in enumerate(lines, start=1)
        ],
        **extra,
    }


async def place(
    client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]
) -> httpx.Response:
    return await client.post("/resellers/v6/orders", json=body, headers=headers)


async def test_create_answers_201_with_strict_types(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    response = await place(
        ingram_http, headers, order_body("PD-1001", ("8YR471", 2), ("5QW330", 3))
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["customerOrderNumber"] == "PD-1001"
    assert body["processedPartially"] is False
    assert is_money(body["purchaseOrderTotal"])
    assert body["purchaseOrderTotal"] == 2 * 899.00 + 3 * 219.00
    (order,) = body["orders"]
    assert type(order["ingramOrderNumber"]) is str
    assert order["ingramOrderNumber"].startswith("20-")
    assert type(order["ingramOrderDate"]) is str
    for key in ("orderTotal", "freightCharges", "totalTax"):
        assert is_money(order[key]), key
    for key in ("numberOfLinesWithSuccess", "numberOfLinesWithError", "numberOfLinesWithWarning"):
        assert type(order[key]) is int, key
    assert (order["numberOfLinesWithSuccess"], order["numberOfLinesWithError"]) == (2, 0)
    assert order["rejectedLineItems"] == []
    first = order["lines"][0]
    assert first["lineStatus"] == "In Progress"
    assert first["customerLineNumber"] == "1"
    assert first["vendorPartNumber"] == "86Q47UT#ABA"
    for key in ("unitPrice", "extendedUnitPrice"):
        assert is_money(first[key]), key
    for key in ("quantityOrdered", "quantityConfirmed", "quantityBackOrdered"):
        assert type(first[key]) is int, key
    assert (first["quantityOrdered"], first["quantityConfirmed"]) == (2, 2)
    href = order["links"][0]["href"]
    assert href == f"{distributors.ingram_url}/resellers/v6.1/orders/{order['ingramOrderNumber']}"
    followed = await ingram_http.get(href, headers=headers)
    assert followed.status_code == 200
    assert followed.json()["orderStatus"] == "Processing"


async def test_unknown_discontinued_and_unstocked_lines_give_207(
    ingram_http: httpx.AsyncClient,
) -> None:
    headers = await ingram_session(ingram_http)
    body = order_body(
        "PD-1002", ("8YR471", 1), ("NOPE99", 1), ("3PL904", 2), ("2HB765", 1), ("7JD552", 1)
    )
    body["acceptBackOrder"] = False
    response = await place(ingram_http, headers, body)
    assert response.status_code == 207, response.text
    payload = response.json()
    assert payload["processedPartially"] is True
    (order,) = payload["orders"]
    assert order["numberOfLinesWithError"] == 4
    assert [line["ingramPartNumber"] for line in order["lines"]] == ["8YR471"]
    rejected = {item["ingramPartNumber"]: item for item in order["rejectedLineItems"]}
    assert set(rejected) == {"NOPE99", "3PL904", "2HB765", "7JD552"}
    assert rejected["3PL904"]["customerLinenumber"] == "3"
    assert type(rejected["3PL904"]["quantityOrdered"]) is int
    assert "discontinued" in rejected["3PL904"]["rejectReason"]
    assert "not backorderable" in rejected["2HB765"]["rejectReason"]
    assert "acceptBackOrder" in rejected["7JD552"]["rejectReason"]


async def test_all_lines_rejected_is_400_and_creates_nothing(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    response = await place(ingram_http, headers, order_body("PD-1003", ("2BR902", 1)))
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["type"] == "ORDER_REJECTED"
    assert error["fields"][0]["value"] == "2BR902"
    assert distributors.ingram.snapshot()["orders"] == []
    search = await ingram_http.get(
        "/resellers/v6/orders/search", params={"customerOrderNumber": "PD-1003"}, headers=headers
    )
    assert search.status_code == 204


async def test_invalid_order_request_is_400_with_fields(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    body = {"lines": [{"ingramPartNumber": "8YR471", "quantity": "many"}]}
    response = await place(ingram_http, headers, body)
    assert response.status_code == 400
    fields = {field["field"] for field in response.json()["errors"][0]["fields"]}
    assert {"customerOrderNumber", "lines.0.quantity"} <= fields


async def test_details_on_v61_and_v6_paths_agree(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    created = await place(ingram_http, headers, order_body("PD-1004", ("6YE881", 2)))
    number = created.json()["orders"][0]["ingramOrderNumber"]
    new = await ingram_http.get(f"/resellers/v6.1/orders/{number}", headers=headers)
    old = await ingram_http.get(f"/resellers/v6/orders/{number}", headers=headers)
    assert new.status_code == old.status_code == 200
    assert new.json() == old.json()
    detail = new.json()
    assert detail["customerOrderNumber"] == "PD-1004"
    assert detail["orderStatus"] == "Processing"
    for key in ("orderTotal", "orderSubTotal", "freightCharges", "totalTax"):
        assert is_money(detail[key]), key
    line = detail["lines"][0]
    assert line["lineStatus"] == "In Progress"
    assert line["partDescription"].startswith("Cisco Meraki")
    assert is_money(line["extendedPrice"])
    assert line["extendedPrice"] == 994.0
    assert line["shipmentDetails"] == []
    missing = await ingram_http.get("/resellers/v6.1/orders/20-ZZZZZ", headers=headers)
    assert missing.status_code == 404
    assert "20-ZZZZZ" in missing.json()["errors"][0]["message"]


async def test_search_by_customer_order_number_with_paging(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    for _ in range(3):
        await place(ingram_http, headers, order_body("PD-2000", ("1CV093", 1)))
    await place(ingram_http, headers, order_body("PD-OTHER", ("1CV093", 1)))
    first = await ingram_http.get(
        "/resellers/v6/orders/search",
        params={"customerOrderNumber": "PD-2000", "pageSize": 2},
        headers=headers,
    )
    assert first.status_code == 200
    body = first.json()
    assert (body["recordsFound"], body["pageSize"], body["pageNumber"]) == (3, 2, 1)
    assert all(type(body[key]) is int for key in ("recordsFound", "pageSize", "pageNumber"))
    assert len(body["orders"]) == 2
    assert body["previousPage"] == ""
    order = body["orders"][0]
    assert order["customerOrderNumber"] == "PD-2000"
    assert order["orderStatus"] == "OPEN"
    assert is_money(order["orderTotal"])
    assert order["subOrders"][0]["subOrderStatus"] == "Processing"
    second = await ingram_http.get(body["nextPage"], headers=headers)
    assert second.status_code == 200
    assert second.json()["pageNumber"] == 2
    assert len(second.json()["orders"]) == 1
    assert second.json()["nextPage"] == ""
    numbers = {o["ingramOrderNumber"] for o in body["orders"] + second.json()["orders"]}
    assert len(numbers) == 3


async def test_search_without_match_is_204_without_body(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.get(
        "/resellers/v6/orders/search", params={"customerOrderNumber": "NOPE"}, headers=headers
    )
    assert response.status_code == 204
    assert response.content == b""


async def test_cancel_before_shipping(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    created = await place(ingram_http, headers, order_body("PD-3000", ("5LG120", 4)))
    number = created.json()["orders"][0]["ingramOrderNumber"]
    cancel = await ingram_http.delete(f"/resellers/v6/orders/{number}", headers=headers)
    assert cancel.status_code == 200
    detail = (await ingram_http.get(f"/resellers/v6.1/orders/{number}", headers=headers)).json()
    assert detail["orderStatus"] == "Canceled"
    assert detail["lines"][0]["lineStatus"] == "Canceled"
    search = await ingram_http.get(
        "/resellers/v6/orders/search", params={"customerOrderNumber": "PD-3000"}, headers=headers
    )
    assert search.json()["orders"][0]["orderStatus"] == "CANCELLED"
    again = await ingram_http.delete(f"/resellers/v6/orders/{number}", headers=headers)
    assert again.status_code == 400
    unknown = await ingram_http.delete("/resellers/v6/orders/20-ZZZZZ", headers=headers)
    assert unknown.status_code == 404


async def test_cancel_after_shipping_is_refused(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    created = await place(ingram_http, headers, order_body("PD-3001", ("5LG120", 1)))
    number = created.json()["orders"][0]["ingramOrderNumber"]
    distributors.clock.advance(2 * 3600 + 1)
    cancel = await ingram_http.delete(f"/resellers/v6/orders/{number}", headers=headers)
    assert cancel.status_code == 400
    assert "released to the warehouse" in cancel.json()["errors"][0]["message"]
    detail = (await ingram_http.get(f"/resellers/v6.1/orders/{number}", headers=headers)).json()
    assert detail["orderStatus"] == "Shipped"


async def test_order_numbers_are_deterministic_per_seed(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    first = await place(ingram_http, headers, order_body("PD-4000", ("1CV093", 1)))
    distributors.reset()
    headers = await ingram_session(ingram_http)
    again = await place(ingram_http, headers, order_body("PD-4000", ("1CV093", 1)))
    number = first.json()["orders"][0]["ingramOrderNumber"]
    assert again.json()["orders"][0]["ingramOrderNumber"] == number
    assert [o["ingramOrderNumber"] for o in distributors.ingram.snapshot()["orders"]] == [number]
