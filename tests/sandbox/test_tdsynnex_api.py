"""TD SYNNEX ION emulator: customers, products and orders under /api/v3/accounts/{id}."""

from __future__ import annotations

from typing import Any

import httpx

from procdesk.sandbox.tdsynnex.catalog import DEMO_PRODUCTS
from procdesk.sandbox.tdsynnex.customers import DEMO_CUSTOMERS
from tests.support.distributor_sandbox import ION_ACCOUNT, DistributorServer, tdsynnex_session

CUSTOMER = DEMO_CUSTOMERS[0].customer_id
ORDERS = f"{ION_ACCOUNT}/customers/{CUSTOMER}/orders"


def order_body(reference: str, sku: str = "ms365-bb-p1m", quantity: int = 5) -> dict[str, Any]:
    product = next(p for p in DEMO_PRODUCTS if any(s.sku_id == sku for s in p.skus))
    return {
        "referenceId": reference,
        "orderItems": [
            {"productId": product.product_id, "skuId": sku, "quantity": quantity, "action": "NEW"}
        ],
        "notes": "procdesk sandbox test",
    }


async def test_customers_page_with_next_page_token(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    seen: list[str] = []
    token = ""
    pages = 0
    while True:
        params = {"pageSize": 2, **({"pageToken": token} if token else {})}
        response = await tdsynnex_http.get(
            f"{ION_ACCOUNT}/customers", params=params, headers=headers
        )
        assert response.status_code == 200
        body = response.json()
        assert len(body["customers"]) <= 2
        seen += [c["name"] for c in body["customers"]]
        pages += 1
        token = body["nextPageToken"]
        if not token:
            break
    assert pages == 3
    assert seen == [f"accounts/1000123/customers/{c.customer_id}" for c in DEMO_CUSTOMERS]


async def test_customer_filters_and_get(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    response = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/customers",
        params={"filter.customerName": "contoso", "filter.customerStatus": "ACTIVE"},
        headers=headers,
    )
    (customer,) = response.json()["customers"]
    assert customer["customerName"] == "Contoso Legal LLP"
    assert set(customer["customerAddress"]) == {"street", "city", "state", "zip", "country"}
    assert response.json()["nextPageToken"] == ""
    one = await tdsynnex_http.get(f"{ION_ACCOUNT}/customers/500175", headers=headers)
    assert one.json() == customer
    none = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/customers", params={"filter.customerName": "nobody"}, headers=headers
    )
    assert none.status_code == 404
    assert (
        await tdsynnex_http.get(f"{ION_ACCOUNT}/customers/9", headers=headers)
    ).status_code == 404


async def test_wrong_account_is_403_and_no_token_is_401(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    other = await tdsynnex_http.get("/api/v3/accounts/999/customers", headers=headers)
    assert other.status_code == 403
    assert other.json()["code"] == 403
    anonymous = await tdsynnex_http.get(f"{ION_ACCOUNT}/customers")
    assert anonymous.status_code == 401


async def test_invalid_page_token_is_400(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    response = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/customers", params={"pageToken": "garbage!"}, headers=headers
    )
    assert response.status_code == 400
    assert response.json()["code"] == 400


async def test_products_filter_by_sku_and_price_types(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    response = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/products", params={"filter.skuId": "ms365-bp-legacy"}, headers=headers
    )
    (product,) = response.json()["products"]
    assert product["name"] == "accounts/1000123/products/ms365-business-premium"
    legacy = next(s for s in product["skus"] if s["id"] == "ms365-bp-legacy")
    assert legacy["status"] == "DISCONTINUED"
    for price in legacy["prices"]:
        assert type(price["amount"]) in (int, float)
    one = await tdsynnex_http.get(f"{ION_ACCOUNT}/products/google-workspace", headers=headers)
    assert len(one.json()["skus"]) == 3
    missing = await tdsynnex_http.get(f"{ION_ACCOUNT}/products/nope", headers=headers)
    assert missing.status_code == 404
    everything = await tdsynnex_http.get(f"{ION_ACCOUNT}/products", headers=headers)
    assert len(everything.json()["products"]) == len(DEMO_PRODUCTS)


async def test_order_goes_in_progress_then_completed(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    created = await tdsynnex_http.post(ORDERS, json=order_body("PD-ION-1"), headers=headers)
    assert created.status_code == 200, created.text
    order = created.json()
    assert order["status"] == "IN_PROGRESS"
    assert order["referenceId"] == "PD-ION-1"
    assert order["name"] == f"accounts/1000123/customers/{CUSTOMER}/orders/{order['id']}"
    item = order["orderItems"][0]
    assert type(item["quantity"]) is int
    assert item["quantity"] == 5
    assert order["createTime"].endswith("Z")
    distributors.clock.advance(5 * 60 + 1)
    fetched = await tdsynnex_http.get(f"{ORDERS}/{order['id']}", headers=headers)
    assert fetched.json()["status"] == "COMPLETED"
    assert fetched.json()["updateTime"] > order["createTime"]
    assert distributors.tdsynnex.snapshot()["orders"][0]["status"] == "COMPLETED"


async def test_discontinued_sku_order_fails_with_a_message(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    created = await tdsynnex_http.post(
        ORDERS, json=order_body("PD-ION-2", "gws-basic-legacy"), headers=headers
    )
    assert created.json()["status"] == "IN_PROGRESS"
    assert "statusMessage" not in created.json()
    distributors.clock.advance(5 * 60 + 1)
    failed = (await tdsynnex_http.get(f"{ORDERS}/{created.json()['id']}", headers=headers)).json()
    assert failed["status"] == "FAILED"
    assert "gws-basic-legacy" in failed["statusMessage"]


async def test_unknown_sku_or_product_is_400_and_creates_nothing(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    body = order_body("PD-ION-3")
    body["orderItems"][0]["skuId"] = "no-such-sku"
    response = await tdsynnex_http.post(ORDERS, json=body, headers=headers)
    assert response.status_code == 400
    assert "no-such-sku" in response.json()["message"]
    body["orderItems"][0]["productId"] = "no-such-product"
    assert (await tdsynnex_http.post(ORDERS, json=body, headers=headers)).status_code == 400
    invalid = await tdsynnex_http.post(ORDERS, json={"orderItems": []}, headers=headers)
    assert invalid.status_code == 400
    assert distributors.tdsynnex.snapshot()["orders"] == []


async def test_order_for_unknown_customer_is_404(tdsynnex_http: httpx.AsyncClient) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    response = await tdsynnex_http.post(
        f"{ION_ACCOUNT}/customers/9/orders", json=order_body("PD-ION-4"), headers=headers
    )
    assert response.status_code == 404


async def test_order_lists_page_and_filter_by_status(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await tdsynnex_session(tdsynnex_http)
    other = DEMO_CUSTOMERS[1].customer_id
    for n in range(3):
        await tdsynnex_http.post(ORDERS, json=order_body(f"PD-L-{n}"), headers=headers)
    await tdsynnex_http.post(
        f"{ION_ACCOUNT}/customers/{other}/orders", json=order_body("PD-L-X"), headers=headers
    )
    distributors.clock.advance(5 * 60 + 1)
    late = await tdsynnex_http.post(ORDERS, json=order_body("PD-L-late"), headers=headers)

    first = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/orders", params={"pageSize": 3}, headers=headers
    )
    assert len(first.json()["orders"]) == 3
    rest = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/orders",
        params={"pageSize": 3, "pageToken": first.json()["nextPageToken"]},
        headers=headers,
    )
    assert [o["referenceId"] for o in rest.json()["orders"]] == ["PD-L-X", "PD-L-late"]
    assert rest.json()["nextPageToken"] == ""

    mine = await tdsynnex_http.get(ORDERS, headers=headers)
    assert [o["referenceId"] for o in mine.json()["orders"]] == [
        "PD-L-0",
        "PD-L-1",
        "PD-L-2",
        "PD-L-late",
    ]
    running = await tdsynnex_http.get(ORDERS, params={"status": "IN_PROGRESS"}, headers=headers)
    assert [o["id"] for o in running.json()["orders"]] == [late.json()["id"]]
    nothing = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/customers/{DEMO_CUSTOMERS[4].customer_id}/orders", headers=headers
    )
    assert nothing.status_code == 404
    foreign = await tdsynnex_http.get(f"{ORDERS}/{rest.json()['orders'][0]['id']}", headers=headers)
    assert foreign.status_code == 404
