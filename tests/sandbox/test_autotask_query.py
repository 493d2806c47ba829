"""The Autotask query grammar over HTTP: every operator, groups, casing, paging, errors."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from procdesk.sandbox.autotask.demo_data import DEMO_PRODUCTS, DemoProduct
from procdesk.sandbox.autotask.fields import PRODUCT_CATEGORY_VALUES

NETWORKING = PRODUCT_CATEGORY_VALUES["Networking"]
ALL = [{"op": "gte", "field": "id", "value": 0}]


def cond(op: str, field: str, value: object = None) -> dict[str, object]:
    return {"op": op, "field": field, "value": value}


def expected(pred: Callable[[DemoProduct], bool]) -> list[int]:
    return sorted(p.id for p in DEMO_PRODUCTS if pred(p))


CASES: list[tuple[str, list[dict[str, object]], list[int]]] = [
    (
        "eq",
        [cond("eq", "productCategory", NETWORKING)],
        expected(lambda p: p.productCategory == NETWORKING),
    ),
    (
        "noteq",
        [cond("noteq", "productCategory", NETWORKING)],
        expected(lambda p: p.productCategory != NETWORKING),
    ),
    ("gt", [cond("gt", "unitCost", 1150)], expected(lambda p: p.unitCost > 1150)),
    ("gte", [cond("gte", "unitCost", 1150)], expected(lambda p: p.unitCost >= 1150)),
    ("lt", [cond("lt", "unitPrice", 10)], expected(lambda p: p.unitPrice < 10)),
    ("lte", [cond("lte", "unitPrice", "9.00")], expected(lambda p: p.unitPrice <= 9)),
    (
        "beginsWith ignores case",
        [cond("beginsWith", "name", "forti")],
        expected(lambda p: p.name.lower().startswith("forti")),
    ),
    (
        "endsWith",
        [cond("endsWith", "name", "SWITCH")],
        expected(lambda p: p.name.lower().endswith("switch")),
    ),
    ("contains", [cond("contains", "name", "pro")], expected(lambda p: "pro" in p.name.lower())),
    ("exist", [cond("exist", "defaultVendorID")], []),
    ("notExist", [cond("notExist", "defaultVendorID")], expected(lambda p: True)),
    ("in", [cond("in", "id", [1001, 1003, 9999])], [1001, 1003]),
    (
        "notIn",
        [cond("notIn", "productCategory", [NETWORKING, 11, 12, 14, 15])],
        expected(lambda p: p.productCategory == 16),
    ),
    (
        "boolean literal",
        [cond("eq", "doesNotRequireProcurement", True)],
        expected(lambda p: p.doesNotRequireProcurement),
    ),
    (
        "numeric string for a numeric field",
        [cond("eq", "productCategory", str(NETWORKING))],
        expected(lambda p: p.productCategory == NETWORKING),
    ),
    (
        "top level is an implicit and",
        [cond("eq", "productCategory", NETWORKING), cond("lt", "unitCost", 500)],
        expected(lambda p: p.productCategory == NETWORKING and p.unitCost < 500),
    ),
    (
        "or group",
        [{"op": "or", "items": [cond("eq", "id", 1001), cond("eq", "id", 1040)]}],
        [1001, 1040],
    ),
    (
        "nested and inside or",
        [
            {
                "op": "or",
                "items": [
                    {
                        "op": "and",
                        "items": [
                            cond("eq", "productCategory", NETWORKING),
                            cond("gt", "unitCost", 4000),
                        ],
                    },
                    cond("eq", "name", "Logitech MX Keys S Combo"),
                ],
            }
        ],
        expected(
            lambda p: (
                (p.productCategory == NETWORKING and p.unitCost > 4000)
                or p.name == "Logitech MX Keys S Combo"
            )
        ),
    ),
    (
        "keys and field names in any case",
        [{"OP": "EQ", "Field": "PRODUCTCATEGORY", "Value": NETWORKING}],
        expected(lambda p: p.productCategory == NETWORKING),
    ),
]


@pytest.mark.parametrize(("filters", "ids"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_post_query_operators(
    autotask: httpx.Client, filters: list[object], ids: list[int]
) -> None:
    response = autotask.post("/Products/query", json={"filter": filters})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [item["id"] for item in body["items"]] == ids
    assert body["pageDetails"]["count"] == len(ids)


@pytest.mark.parametrize(("filters", "ids"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_get_query_and_count_agree(
    autotask: httpx.Client, filters: list[object], ids: list[int]
) -> None:
    search = json.dumps({"filter": filters})
    page = autotask.get("/Products/query", params={"search": search}).json()
    assert [item["id"] for item in page["items"]] == ids
    count = autotask.get("/Products/query/count", params={"search": search}).json()
    assert count == {"queryCount": len(ids)}
    assert autotask.post("/Products/query/count", json={"filter": filters}).json() == count


ERRORS = [
    ("MaxRecords 0", {"MaxRecords": 0, "filter": ALL}),
    ("MaxRecords 501", {"MaxRecords": 501, "filter": ALL}),
    ("unknown field", {"filter": [cond("eq", "colour", "red")]}),
    ("unknown operator", {"filter": [cond("like", "name", "x")]}),
    ("in without a list", {"filter": [cond("in", "id", 1001)]}),
    ("boolean as a string", {"filter": [cond("eq", "isActive", "true")]}),
    ("text operator on a number", {"filter": [cond("contains", "id", "1")]}),
    ("no filter", {"MaxRecords": 10}),
    ("group without items", {"filter": [{"op": "or", "items": []}]}),
    ("unknown IncludeFields", {"IncludeFields": ["nope"], "filter": ALL}),
]


@pytest.mark.parametrize("body", [e[1] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_invalid_queries_are_http_500_errors(autotask: httpx.Client, body: object) -> None:
    response = autotask.post("/Products/query", json=body)
    assert response.status_code == 500
    errors = response.json()["errors"]
    assert isinstance(errors, list)
    assert errors
    assert all(isinstance(e, str) for e in errors)


def test_more_than_500_or_conditions_are_refused(autotask: httpx.Client) -> None:
    items = [cond("eq", "id", n) for n in range(501)]
    response = autotask.post("/Products/query", json={"filter": [{"op": "or", "items": items}]})
    assert response.status_code == 500


def test_include_fields_limit_the_columns_and_keep_id(autotask: httpx.Client) -> None:
    body = {"IncludeFields": ["NAME", "unitPrice"], "filter": [cond("eq", "id", 1001)]}
    items = autotask.post("/Products/query", json=body).json()["items"]
    assert items == [{"id": 1001, "name": "HP ProBook 450 G10 15.6in i5", "unitPrice": 1049.0}]


def test_json_types_are_strict(autotask: httpx.Client) -> None:
    item = autotask.get("/Products/1001").json()["item"]
    assert isinstance(item["id"], int)
    assert isinstance(item["productCategory"], int)
    assert isinstance(item["unitCost"], float)
    assert isinstance(item["doesNotRequireProcurement"], bool)
    page = autotask.post("/Products/query", json={"MaxRecords": 5, "filter": ALL}).json()
    details = page["pageDetails"]
    assert isinstance(details["count"], int)
    assert isinstance(details["requestCount"], int)
    assert details["requestCount"] == 5


def _follow(autotask: httpx.Client, page: dict[str, object], body: object | None) -> list[int]:
    ids: list[int] = []
    while True:
        ids += [item["id"] for item in page["items"]]  # type: ignore[attr-defined, index]
        next_url = page["pageDetails"]["nextPageUrl"]  # type: ignore[index]
        if next_url is None:
            return ids
        response = autotask.get(next_url) if body is None else autotask.post(next_url, json=body)
        assert response.status_code == 200, response.text
        page = response.json()


def test_get_query_pages_by_following_next_url(autotask: httpx.Client) -> None:
    search = json.dumps({"MaxRecords": 7, "filter": ALL})
    first = autotask.get("/Products/query", params={"search": search}).json()
    assert first["pageDetails"]["count"] == 7
    assert first["pageDetails"]["prevPageUrl"] is None
    assert _follow(autotask, first, None) == sorted(p.id for p in DEMO_PRODUCTS)


def test_post_query_pages_by_posting_the_same_body(autotask: httpx.Client) -> None:
    body = {"MaxRecords": 9, "filter": [cond("noteq", "productCategory", NETWORKING)]}
    first = autotask.post("/Products/query", json=body).json()
    assert _follow(autotask, first, body) == expected(lambda p: p.productCategory != NETWORKING)


def test_second_page_links_back_to_the_first(autotask: httpx.Client) -> None:
    body = {"MaxRecords": 10, "filter": ALL}
    first = autotask.post("/Products/query", json=body).json()
    second = autotask.post(first["pageDetails"]["nextPageUrl"], json=body).json()
    again = autotask.post(second["pageDetails"]["prevPageUrl"], json=body).json()
    assert again["items"] == first["items"]


def test_get_on_a_post_query_next_url_is_405(autotask: httpx.Client) -> None:
    first = autotask.post("/Products/query", json={"MaxRecords": 5, "filter": ALL}).json()
    response = autotask.get(first["pageDetails"]["nextPageUrl"])
    assert response.status_code == 405
    assert response.json() == {
        "Message": "The requested resource does not support http method 'GET'."
    }


def test_results_come_ordered_by_id(autotask: httpx.Client) -> None:
    body = {"filter": [cond("in", "id", [1030, 1002, 1017])]}
    ids = [i["id"] for i in autotask.post("/Products/query", json=body).json()["items"]]
    assert ids == [1002, 1017, 1030]


def test_path_segments_ignore_case(sandbox: object, autotask: httpx.Client) -> None:
    url = str(autotask.base_url).rstrip("/").replace("/atservicesrest/v1.0", "/ATServicesRest/V1.0")
    response = autotask.post(f"{url}/PRODUCTS/Query", json={"filter": [cond("eq", "id", 1001)]})
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == 1001


@pytest.mark.parametrize("entity", ["BillingCodes", "Tickets", "InventoryItems", "Companies"])
def test_other_entities_answer_queries(autotask: httpx.Client, entity: str) -> None:
    body = autotask.post(f"/{entity}/query", json={"filter": ALL}).json()
    assert body["pageDetails"]["count"] == len(body["items"]) > 0


@pytest.mark.parametrize("paging", ["not json", '{"afterId": "x"}'])
def test_a_damaged_paging_parameter_is_an_error(autotask: httpx.Client, paging: str) -> None:
    response = autotask.post(
        "/Products/query/next", params={"paging": paging}, json={"filter": ALL}
    )
    assert response.status_code == 500
    assert response.json()["errors"]
