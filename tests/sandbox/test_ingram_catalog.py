"""Ingram Micro emulator: price and availability, product search, product details."""

from __future__ import annotations

import httpx

from procdesk.sandbox.ingram.catalog import DEMO_CATALOG
from tests.support.distributor_sandbox import ingram_session

PNA = "/resellers/v6/catalog/priceandavailability"


async def test_price_and_availability_is_an_array_with_strict_types(
    ingram_http: httpx.AsyncClient,
) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.post(
        PNA,
        params={"includeAvailability": "true", "includePricing": "true"},
        json={"products": [{"ingramPartNumber": "8YR471"}, {"vendorPartNumber": "MR36-HW"}]},
        headers=headers,
    )
    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list)
    assert [row["ingramPartNumber"] for row in rows] == ["8YR471", "6YE881"]
    row = rows[0]
    assert "productStatusCode" not in row
    assert row["productAuthorized"] is True
    assert row["acceptBackOrder"] is False
    availability = row["availability"]
    assert availability["available"] is True
    assert type(availability["totalAvailability"]) is int
    assert availability["totalAvailability"] == 17
    for warehouse in availability["availabilityByWarehouse"]:
        assert type(warehouse["quantityAvailable"]) is int
        assert type(warehouse["quantityBackordered"]) is int
        assert type(warehouse["warehouseId"]) is str
    pricing = row["pricing"]
    assert pricing["currencyCode"] == "USD"
    assert type(pricing["customerPrice"]) is float
    assert pricing["customerPrice"] == 899.0
    assert type(pricing["retailPrice"]) is float


async def test_unknown_and_discontinued_parts_answer_e_with_a_message(
    ingram_http: httpx.AsyncClient,
) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.post(
        PNA,
        json={
            "products": [
                {"ingramPartNumber": "5QW330"},
                {"ingramPartNumber": "NOPE99"},
                {"ingramPartNumber": "3PL904"},
            ]
        },
        headers=headers,
    )
    assert response.status_code == 207
    ok, unknown, discontinued = response.json()
    assert "productStatusCode" not in ok
    assert unknown["productStatusCode"] == "E"
    assert unknown["ingramPartNumber"] == "NOPE99"
    assert "Invalid SKU" in unknown["productStatusMessage"]
    assert discontinued["productStatusCode"] == "E"
    assert "discontinued" in discontinued["productStatusMessage"]
    assert "availability" not in discontinued


async def test_backorderable_part_shows_eta_and_no_stock(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.post(
        PNA, json={"products": [{"ingramPartNumber": "4MN118"}]}, headers=headers
    )
    (row,) = response.json()
    assert row["acceptBackOrder"] is True
    assert row["availability"]["available"] is False
    assert row["availability"]["totalAvailability"] == 0
    assert all(w["quantityBackorderedEta"] for w in row["availability"]["availabilityByWarehouse"])


async def test_pricing_can_be_left_out(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.post(
        PNA,
        params={"includePricing": "false"},
        json={"products": [{"ingramPartNumber": "8YR471"}]},
        headers=headers,
    )
    (row,) = response.json()
    assert "pricing" not in row
    assert "availability" in row


async def test_empty_pna_request_is_400(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.post(PNA, json={"products": []}, headers=headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"][0]["field"] == "products"


async def test_product_search_by_keyword_with_paging(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.get(
        "/resellers/v6/catalog", params={"keyword": "dell", "pageSize": 2}, headers=headers
    )
    assert response.status_code == 200
    body = response.json()
    dell_parts = [p for p in DEMO_CATALOG if p.vendor_name == "DELL"]
    assert body["recordsFound"] == len(dell_parts)
    assert type(body["recordsFound"]) is int
    assert len(body["catalog"]) == 2
    item = body["catalog"][0]
    assert item["vendorName"] == "DELL"
    assert item["discontinued"] in ("True", "False")
    next_page = await ingram_http.get(body["nextPage"], headers=headers)
    assert next_page.json()["pageNumber"] == 2
    details = await ingram_http.get(item["links"][0]["href"], headers=headers)
    assert details.status_code == 200


async def test_product_search_without_match_is_empty(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.get(
        "/resellers/v6/catalog", params={"keyword": "zeppelin"}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["recordsFound"] == 0
    assert response.json()["catalog"] == []


async def test_product_details_and_404(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.get("/resellers/v6/catalog/details/2BR902", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["vendorPartNumber"] == "HL-L2350DW"
    assert body["productClass"] == "D"
    assert body["indicators"]["isDiscontinuedProduct"] is True
    missing = await ingram_http.get("/resellers/v6/catalog/details/NOPE99", headers=headers)
    assert missing.status_code == 404
