"""Ingram Micro order search: status filters, parameter rules, page sizes and strict types."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.distributor_sandbox import DistributorServer, ingram_session

SEARCH = "/resellers/v6/orders/search"


async def place(client: httpx.AsyncClient, headers: dict[str, str], reference: str) -> str:
    body = {
        "customerOrderNumber": reference,
        "lines": [{"customerLineNumber": "1", "ingramPartNumber": "1CV093", "quantity": 1}],
    }
    response = await client.post("/resellers/v6/orders", json=body, headers=headers)
    assert response.status_code == 201, response.text
    number: str = response.json()["orders"][0]["ingramOrderNumber"]
    return number


async def search(client: httpx.AsyncClient, headers: dict[str, str], params: Any) -> httpx.Response:
    return await client.get(SEARCH, params=params, headers=headers)


@pytest.fixture
async def three_orders(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> tuple[dict[str, str], dict[str, str]]:
    """Orders PD-OPEN (processing), PD-CLOSED (shipped) and PD-CANCELLED; (headers, numbers)."""
    headers = await ingram_session(ingram_http)
    closed = await place(ingram_http, headers, "PD-CLOSED")
    distributors.clock.advance(2 * 3600 + 1)
    cancelled = await place(ingram_http, headers, "PD-CANCELLED")
    cancel = await ingram_http.delete(f"/resellers/v6/orders/{cancelled}", headers=headers)
    assert cancel.status_code == 200
    opened = await place(ingram_http, headers, "PD-OPEN")
    return headers, {"OPEN": opened, "CLOSED": closed, "CANCELLED": cancelled}


STATUS_FILTERS: list[tuple[str, Any, set[str]]] = [
    ("orderStatus", {"orderStatus": "OPEN"}, {"OPEN"}),
    ("orderStatus any case", {"orderStatus": "closed"}, {"CLOSED"}),
    ("orderStatus-in repeated", [("orderStatus-in", "OPEN"), ("orderStatus-in", "CANCELLED")],
     {"OPEN", "CANCELLED"}),
    ("orderStatus-in comma list", {"orderStatus-in": "CLOSED,CANCELLED"}, {"CLOSED", "CANCELLED"}),
    ("both filters", [("orderStatus", "OPEN"), ("orderStatus-in", "OPEN,CLOSED")], {"OPEN"}),
    ("no filter", {}, {"OPEN", "CLOSED", "CANCELLED"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"), [c[1:] for c in STATUS_FILTERS], ids=[c[0] for c in STATUS_FILTERS]
)
async def test_status_filters(
    ingram_http: httpx.AsyncClient,
    three_orders: tuple[dict[str, str], dict[str, str]],
    params: Any,
    expected: set[str],
) -> None:
    headers, numbers = three_orders
    response = await search(ingram_http, headers, params)
    assert response.status_code == 200, response.text
    found = {o["ingramOrderNumber"]: o["orderStatus"] for o in response.json()["orders"]}
    assert found == {numbers[status]: status for status in expected}


async def test_filters_that_match_nothing_answer_204(
    ingram_http: httpx.AsyncClient, three_orders: tuple[dict[str, str], dict[str, str]]
) -> None:
    headers, numbers = three_orders
    params = {"orderStatus": "CLOSED", "ingramOrderNumber": numbers["OPEN"]}
    response = await search(ingram_http, headers, params)
    assert (response.status_code, response.content) == (204, b"")


async def test_ingram_order_number_filter_ignores_case(
    ingram_http: httpx.AsyncClient, three_orders: tuple[dict[str, str], dict[str, str]]
) -> None:
    headers, numbers = three_orders
    response = await search(ingram_http, headers, {"ingramOrderNumber": numbers["OPEN"].lower()})
    assert [o["customerOrderNumber"] for o in response.json()["orders"]] == ["PD-OPEN"]


BAD_PARAMS: list[tuple[str, dict[str, str], str]] = [
    ("unknown status", {"orderStatus": "SHIPPED"}, "orderStatus"),
    ("unknown status in a list", {"orderStatus-in": "OPEN,LOST"}, "orderStatus-in"),
    ("customerOrderNumber of 36", {"customerOrderNumber": "C" * 36}, "customerOrderNumber"),
    ("ingramOrderNumber of 12", {"ingramOrderNumber": "2" * 12}, "ingramOrderNumber"),
    ("pageSize 0", {"pageSize": "0"}, "pageSize"),
    ("pageSize not a number", {"pageSize": "ten"}, "pageSize"),
    ("pageNumber 0", {"pageNumber": "0"}, "pageNumber"),
]


@pytest.mark.parametrize(
    ("params", "field"), [c[1:] for c in BAD_PARAMS], ids=[c[0] for c in BAD_PARAMS]
)
async def test_bad_parameters_are_400_naming_the_parameter(
    ingram_http: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    headers = await ingram_session(ingram_http)
    response = await search(ingram_http, headers, params)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["type"] == "VALIDATION"
    assert [f["field"] for f in error["fields"]] == [field]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"customerOrderNumber": "C" * 35}, 204),
        ({"ingramOrderNumber": "2" * 11}, 204),
        ({"pageSize": "100"}, 204),
    ],
    ids=["customerOrderNumber of 35", "ingramOrderNumber of 11", "pageSize 100"],
)
async def test_parameters_at_their_limits_are_accepted(
    ingram_http: httpx.AsyncClient, params: dict[str, str], status: int
) -> None:
    headers = await ingram_session(ingram_http)
    assert (await search(ingram_http, headers, params)).status_code == status


@pytest.mark.parametrize(("asked", "served"), [(None, 25), ("101", 100), ("3", 3)])
async def test_page_size_defaults_to_25_and_stops_at_100(
    ingram_http: httpx.AsyncClient,
    three_orders: tuple[dict[str, str], dict[str, str]],
    asked: str | None,
    served: int,
) -> None:
    headers, _ = three_orders
    params = {} if asked is None else {"pageSize": asked}
    body = (await search(ingram_http, headers, params)).json()
    assert (body["pageSize"], body["pageNumber"], body["recordsFound"]) == (served, 1, 3)
    assert len(body["orders"]) == 3


async def test_pages_link_to_each_other_with_strict_types(
    ingram_http: httpx.AsyncClient, three_orders: tuple[dict[str, str], dict[str, str]]
) -> None:
    headers, numbers = three_orders
    first = (await search(ingram_http, headers, {"pageSize": "2"})).json()
    assert all(type(first[key]) is int for key in ("recordsFound", "pageSize", "pageNumber"))
    assert (first["previousPage"], len(first["orders"])) == ("", 2)
    second = (await ingram_http.get(first["nextPage"], headers=headers)).json()
    assert (second["pageNumber"], second["nextPage"], len(second["orders"])) == (2, "", 1)
    back = (await ingram_http.get(second["previousPage"], headers=headers)).json()
    assert back["orders"] == first["orders"]
    listed = [o["ingramOrderNumber"] for o in first["orders"] + second["orders"]]
    assert listed == [numbers["OPEN"], numbers["CANCELLED"], numbers["CLOSED"]]  # newest first
    order = first["orders"][0]
    assert type(order["orderTotal"]) in (int, float)
    (sub_order,) = order["subOrders"]
    assert type(sub_order["subOrderTotal"]) in (int, float)
    assert sub_order["subOrderTotal"] == order["orderTotal"]
    assert sub_order["subOrderStatus"] == "Processing"
