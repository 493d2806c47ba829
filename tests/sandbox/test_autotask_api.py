"""Autotask zone lookup, authentication, metadata, routing and the two request limits."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from procdesk.sandbox.autotask.limits import usage_delay_seconds
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from tests.support.sandbox import AUTOTASK_ROOT, autotask_headers

USERNAME = DEMO_CREDENTIALS.autotask.username


def test_zone_lookup_answers_with_the_sandbox_url(sandbox: SandboxServer) -> None:
    response = httpx.get(
        f"{sandbox.base_url}{AUTOTASK_ROOT}/zoneInformation", params={"user": USERNAME.upper()}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == f"{sandbox.base_url}/autotask/atservicesrest/"
    assert set(body) >= {"zoneName", "url", "webUrl", "ci"}


def test_zone_lookup_of_an_unknown_user_is_500(sandbox: SandboxServer) -> None:
    response = httpx.get(
        f"{sandbox.base_url}{AUTOTASK_ROOT}/zoneInformation", params={"user": "nobody@example.com"}
    )
    assert response.status_code == 500
    assert response.json() == {"errors": ["Zone information could not be determined"]}


def _without(name: str) -> dict[str, str]:
    return {k: v for k, v in autotask_headers().items() if k != name}


def _wrong(name: str) -> dict[str, str]:
    return {**autotask_headers(), name: "wrong"}


@pytest.mark.parametrize(
    "headers",
    [
        _without("ApiIntegrationCode"),
        _without("UserName"),
        _without("Secret"),
        _wrong("ApiIntegrationCode"),
        _wrong("UserName"),
        _wrong("Secret"),
    ],
    ids=["no code", "no user", "no secret", "wrong code", "wrong user", "wrong secret"],
)
def test_missing_or_wrong_credentials_are_401(
    sandbox: SandboxServer, headers: dict[str, str]
) -> None:
    response = httpx.get(f"{sandbox.base_url}{AUTOTASK_ROOT}/Products/1001", headers=headers)
    assert response.status_code == 401
    assert DEMO_CREDENTIALS.autotask.secret not in response.text


def test_header_names_ignore_case(sandbox: SandboxServer) -> None:
    headers = {k.lower(): v for k, v in autotask_headers().items()}
    response = httpx.get(f"{sandbox.base_url}{AUTOTASK_ROOT}/Products/1001", headers=headers)
    assert response.json()["item"]["id"] == 1001


def test_unknown_ids_answer_item_null(autotask: httpx.Client) -> None:
    assert autotask.get("/Products/987654").json() == {"item": None}


@pytest.mark.parametrize("path", ["/Widgets/query", "/Products/1001/Nothing", "/Widgets/1"])
def test_unknown_routes_and_entities_are_404(autotask: httpx.Client, path: str) -> None:
    method = autotask.post if path.endswith("query") else autotask.get
    kwargs = (
        {"json": {"filter": [{"op": "gte", "field": "id", "value": 0}]}}
        if path.endswith("query")
        else {}
    )
    assert method(path, **kwargs).status_code == 404


def test_billing_codes_are_query_only(autotask: httpx.Client) -> None:
    response = autotask.post("/BillingCodes", json={"name": "x"})
    assert response.status_code == 405
    info = autotask.get("/BillingCodes/entityInformation").json()["info"]
    assert (info["canCreate"], info["canUpdate"], info["canQuery"]) == (False, False, True)


PICKLISTS = [
    ("TicketCharges", "status", {"Need To Order", "Waiting Approval", "Ready to Ship", "Pending"}),
    ("BillingCodes", "useType", {"Work Type", "Material Cost Code"}),
    ("BillingCodes", "billingCodeType", {"Standard", "System"}),
    (
        "Products",
        "productCategory",
        {"Hardware", "Software", "Networking", "Peripherals", "Cabling", "Licensing"},
    ),
]


@pytest.mark.parametrize(("entity", "field", "labels"), PICKLISTS)
def test_picklists_are_served(
    autotask: httpx.Client, entity: str, field: str, labels: set[str]
) -> None:
    fields = autotask.get(f"/{entity}/entityInformation/fields").json()["fields"]
    found = next(f for f in fields if f["name"] == field)
    assert found["isPickList"] is True
    served = {p["label"] for p in found["picklistValues"]}
    assert labels <= served
    assert all(p["value"].isdigit() for p in found["picklistValues"])


def test_field_metadata_states_lengths(autotask: httpx.Client) -> None:
    fields = autotask.get("/TicketCharges/entityInformation/fields").json()["fields"]
    lengths = {f["name"]: f["length"] for f in fields if f["dataType"] == "string"}
    assert lengths == {
        "name": 100,
        "description": 8000,
        "notes": 2000,
        "purchaseOrderNumber": 50,
        "internalPurchaseOrderNumber": 50,
    }
    assert autotask.get("/TicketCharges/entityInformation/userDefinedFields").json() == {
        "fields": []
    }


def test_products_can_be_created_and_updated(autotask: httpx.Client) -> None:
    body = {
        "name": "New Widget",
        "isActive": True,
        "isSerialized": False,
        "productCategory": "11",
        "unitCost": 10,
        "unitPrice": 12,
    }
    item_id = autotask.post("/Products", json=body).json()["itemId"]
    autotask.patch("/Products", json={"id": item_id, "unitPrice": 13.5}).raise_for_status()
    item = autotask.get(f"/Products/{item_id}").json()["item"]
    assert (item["name"], item["productCategory"], item["unitPrice"]) == ("New Widget", 11, 13.5)
    assert autotask.post("/Products", json={"name": "no flags"}).status_code == 500


def test_threshold_information_counts_requests_but_not_zone_lookups(
    sandbox: SandboxServer, autotask: httpx.Client
) -> None:
    for _ in range(3):
        autotask.get("/zoneInformation", params={"user": USERNAME})
    autotask.get("/Products/1001")
    info = autotask.get("/ThresholdInformation").json()
    assert info == {
        "externalRequestThreshold": 10000,
        "requestThresholdTimeframe": 60,
        "currentTimeframeRequestCount": 2,
    }


def test_hourly_threshold_refuses_with_retry_after_until_the_hour_rolls(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    control.put("/autotask/settings", json={"hourly_request_limit": 3}).raise_for_status()
    assert [autotask.get("/Products/1001").status_code for _ in range(3)] == [200, 200, 200]
    refused = autotask.get("/ThresholdInformation")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    control.post("/clock", json={"advance_seconds": 3600}).raise_for_status()
    info = autotask.get("/ThresholdInformation")
    assert info.status_code == 200
    assert info.json()["externalRequestThreshold"] == 3
    assert info.json()["currentTimeframeRequestCount"] == 1


async def test_thread_limit_refuses_a_fourth_concurrent_request(sandbox: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=10) as control:
        # Each Products call holds its thread for a second: six at once exceed the three allowed.
        spec = "autotask:GET:*/Products/*=latency:1000"
        (await control.put("/_sandbox/faults", json={"spec": spec})).raise_for_status()
        async with httpx.AsyncClient(
            base_url=f"{sandbox.base_url}{AUTOTASK_ROOT}", headers=autotask_headers(), timeout=10
        ) as client:
            responses = await asyncio.gather(*(client.get("/Products/1001") for _ in range(6)))
            other = await client.get("/Tickets/7001")
        state = (await control.get("/_sandbox/state")).json()
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200, 200, 429, 429, 429]
    refused = next(r for r in responses if r.status_code == 429)
    assert "Thread Threshold Exceeded" in refused.json()["errors"][0]
    assert int(refused.headers["Retry-After"]) >= 1
    assert other.status_code == 200
    # The emulator records the most attempted at once (3 held + 1 refused), the server the
    # most it ever had in flight on that path.
    assert state["autotask"]["max_concurrent_per_endpoint"]["products"] == 4
    assert state["autotask"]["thread_threshold_rejections"] == {"products": 3}
    seen = state["requests"]["max_concurrent_per_endpoint"]
    assert seen["GET /autotask/atservicesrest/v1.0/products/{id}"] >= 4


@pytest.mark.parametrize(
    ("used", "delay"), [(0, 0.0), (49, 0.0), (50, 0.5), (74, 0.5), (75, 1.0), (100, 1.0)]
)
def test_usage_delay_grows_with_the_hourly_budget(used: int, delay: float) -> None:
    assert usage_delay_seconds(used, 100) == delay


def test_calls_slow_down_once_three_quarters_of_the_budget_is_used(
    sandbox: SandboxServer, autotask: httpx.Client, control: httpx.Client
) -> None:
    control.put("/autotask/settings", json={"hourly_request_limit": 8, "usage_latency": True})
    for _ in range(6):
        autotask.get("/Tickets/7001", timeout=10).raise_for_status()
    with httpx.Client(
        base_url=str(autotask.base_url), headers=autotask_headers(), timeout=0.3
    ) as impatient:
        with pytest.raises(httpx.ReadTimeout):
            impatient.get("/Tickets/7001")
        control.put("/autotask/settings", json={"usage_latency": False})
    # Without the usage delay the same call answers; a generous timeout, so a loaded CI
    # machine cannot turn this into a timing test.
    assert autotask.get("/Tickets/7001", timeout=10).status_code == 200
