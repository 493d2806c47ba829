"""Every fault kind over real loopback HTTP, set at run time and at start."""

from __future__ import annotations

import time

import httpx
import pytest

from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.server import SandboxServer
from tests.support.sandbox import AUTOTASK_ROOT, autotask_headers

CHARGE = {"ticketID": 7001, "name": "Line", "unitQuantity": 1, "billingCodeID": 29682801}


def set_faults(control: httpx.Client, spec: str, latency_ms: int | None = None) -> None:
    body: dict[str, object] = {"spec": spec}
    if latency_ms is not None:
        body["latency_ms"] = latency_ms
    control.put("/faults", json=body).raise_for_status()


def charge_count(control: httpx.Client) -> int:
    return int(control.get("/state").json()["autotask"]["counts"]["ticketcharges"])


def short_client(sandbox: SandboxServer, timeout: float) -> httpx.Client:
    return httpx.Client(
        base_url=f"{sandbox.base_url}{AUTOTASK_ROOT}", headers=autotask_headers(), timeout=timeout
    )


def test_injected_500_is_autotask_shaped_and_has_no_effect(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    set_faults(control, "autotask:POST:*/Charges=500")
    response = autotask.post("/Tickets/7001/Charges", json=CHARGE)
    assert response.status_code == 500
    assert isinstance(response.json()["errors"][0], str)
    assert charge_count(control) == 0
    assert autotask.get("/Products/1001").status_code == 200


@pytest.mark.parametrize(
    ("provider", "shape"),
    [("ingram", "errors"), ("tdsynnex", "message")],
)
def test_injected_500_takes_each_distributor_shape(
    sandbox: SandboxServer, control: httpx.Client, provider: str, shape: str
) -> None:
    set_faults(control, f"{provider}=500")
    response = httpx.get(f"{sandbox.base_url}/{provider}/anything")
    assert response.status_code == 500
    assert shape in response.json()


def test_injected_429_carries_retry_after(autotask: httpx.Client, control: httpx.Client) -> None:
    set_faults(control, "autotask:GET:*=429:1:7")
    response = autotask.get("/Products/1001")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["errors"]


def test_latency_rule_delays_past_a_short_timeout(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    set_faults(control, "autotask:GET:*/Products/*=latency:3000")
    with short_client(sandbox, 0.3) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get("/Products/1001")
        assert client.get("/Tickets/7001").status_code == 200


def test_global_latency_applies_everywhere_and_clears(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    set_faults(control, "", latency_ms=3000)
    assert control.get("/faults").json()["latency_ms"] == 3000
    with short_client(sandbox, 0.3) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get("/Tickets/7001")
        set_faults(control, "", latency_ms=0)
        assert client.get("/Tickets/7001").status_code == 200


def test_latency_is_never_cut_short_on_a_kept_alive_connection(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    """The latency counts from the moment a request's bytes arrive; a later request on the
    same connection starts its own count (no stamp of an earlier request is reused)."""
    set_faults(control, "", latency_ms=150)
    try:
        with short_client(sandbox, 10) as client:
            for path in ("/Tickets/7001", "/Products/1001", "/Tickets/7001"):
                started = time.monotonic()
                assert client.get(path).status_code == 200
                assert time.monotonic() - started >= 0.150
            started = time.monotonic()
            assert client.post("/Tickets/7001/Charges", json=CHARGE).status_code == 200
            assert time.monotonic() - started >= 0.150
    finally:
        set_faults(control, "", latency_ms=0)


def test_reset_drops_the_connection_before_any_effect(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    set_faults(control, "autotask:POST:*/Charges=reset")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ConnectError, httpx.ReadError)):
        autotask.post("/Tickets/7001/Charges", json=CHARGE)
    assert charge_count(control) == 0


def test_timeout_after_effect_times_out_yet_the_charge_exists(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    set_faults(control, "autotask:POST:*/Charges=timeout_after_effect")
    with short_client(sandbox, 0.5) as client, pytest.raises(httpx.ReadTimeout):
        client.post("/Tickets/7001/Charges", json=CHARGE)
    charges = control.get("/state").json()["autotask"]["charges_by_ticket"]["7001"]
    assert [c["name"] for c in charges] == ["Line"]


def test_timeout_after_effect_drops_the_connection_after_holding(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    set_faults(control, "autotask:POST:*/Charges=timeout_after_effect:1:0.2")
    with short_client(sandbox, 10) as client, pytest.raises(httpx.RemoteProtocolError):
        client.post("/Tickets/7001/Charges", json=CHARGE)
    assert charge_count(control) == 1


def test_probabilistic_faults_repeat_with_the_seed(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    def run() -> list[int]:
        set_faults(control, "autotask:GET:*=500:0.5")
        return [autotask.get("/Products/1001").status_code for _ in range(30)]

    first = run()
    assert first == run()
    assert set(first) == {200, 500}


def test_control_routes_are_never_faulted(control: httpx.Client) -> None:
    set_faults(control, "*=500,*:*:*=reset")
    assert control.get("/state").status_code == 200


def test_faults_api_round_trips_and_clears(control: httpx.Client) -> None:
    rules = [
        {
            "provider": "ingram",
            "method": "POST",
            "path": "*orders*",
            "kind": "429",
            "probability": 0.5,
            "retry_after_s": 3,
        }
    ]
    described = control.put("/faults", json={"rules": rules}).json()
    assert described["spec"] == "ingram:POST:*orders*=429:0.5:3"
    assert described["rules"][0]["kind"] == "429"
    assert control.get("/faults").json() == described
    cleared = control.delete("/faults").json()
    assert (cleared["rules"], cleared["spec"]) == ([], "")


@pytest.mark.parametrize(
    "body",
    [
        {"spec": "*=explode"},
        {"rules": [{"kind": "nope"}]},
        {"spec": "*=500", "rules": []},
        {"latency_ms": -1},
        {"unknown": 1},
    ],
)
def test_faults_api_refuses_bad_input(control: httpx.Client, body: object) -> None:
    before = control.get("/faults").json()
    assert control.put("/faults", json=body).status_code == 422
    assert control.get("/faults").json() == before


def test_faults_given_at_start_apply_and_survive_reset() -> None:
    config = SandboxConfig(port=0, faults="autotask:GET:*=429:1:5", latency_ms=0)
    with SandboxServer(config) as server, httpx.Client(base_url=server.base_url) as client:
        url = f"{AUTOTASK_ROOT}/Products/1001"
        assert client.get(url, headers=autotask_headers()).status_code == 429
        client.delete("/_sandbox/faults").raise_for_status()
        assert client.get(url, headers=autotask_headers()).status_code == 200
        client.post("/_sandbox/reset").raise_for_status()
        assert client.get(url, headers=autotask_headers()).status_code == 429
