"""`/_sandbox/...`: clock, reset, state, settings and billing a charge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from procdesk.sandbox.server import SandboxServer


def now(control: httpx.Client) -> datetime:
    return datetime.fromisoformat(control.get("/clock").json()["now"])


def test_clock_starts_at_real_time(control: httpx.Client) -> None:
    assert abs(now(control) - datetime.now(UTC)) < timedelta(minutes=1)


def test_clock_advances_and_jumps_forward_only(control: httpx.Client) -> None:
    start = now(control)
    advanced = datetime.fromisoformat(
        control.post("/clock", json={"advance_seconds": 86400}).json()["now"]
    )
    assert advanced - start >= timedelta(days=1)
    target = start + timedelta(days=30)
    jumped = control.post("/clock", json={"set": target.isoformat()}).json()["now"]
    assert datetime.fromisoformat(jumped) >= target
    back = control.post("/clock", json={"set": start.isoformat()}).json()["now"]
    assert datetime.fromisoformat(back) >= target


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"advance_seconds": -5},
        {"set": "2030-01-01T00:00:00"},
        {"advance_seconds": 1, "set": "2030-01-01T00:00:00Z"},
        {"advance_seconds": "soon"},
    ],
)
def test_clock_refuses_bad_changes(control: httpx.Client, body: object) -> None:
    assert control.post("/clock", json=body).status_code == 422


def test_reset_restores_demo_data_settings_and_time(
    autotask: httpx.Client, control: httpx.Client
) -> None:
    autotask.post(
        "/Tickets/7002/Charges", json={"name": "x", "unitQuantity": 1, "billingCodeID": 29682801}
    )
    control.put(
        "/autotask/settings", json={"procurement_enabled": False, "approval_threshold": "10"}
    )
    control.post("/clock", json={"advance_seconds": 7 * 86400})
    control.post("/reset").raise_for_status()
    state = control.get("/state").json()
    assert state["autotask"]["charges_by_ticket"] == {}
    assert state["autotask"]["requests_served"] == 0
    assert control.get("/autotask/settings").json() == {
        "procurement_enabled": True,
        "approval_threshold": "5000.00",
        "hourly_request_limit": 10000,
        "usage_latency": True,
    }
    assert now(control) - datetime.now(UTC) < timedelta(minutes=1)


def test_state_reports_counts_requests_and_each_provider(
    sandbox: SandboxServer, autotask: httpx.Client, control: httpx.Client
) -> None:
    autotask.get("/Products/1001")
    autotask.get("/Products/1002")
    state = control.get("/state").json()
    assert {"clock", "requests", "faults", "autotask"} <= set(state)
    assert set(state) - {"clock", "requests", "faults", "autotask"} == set(
        sandbox.runtime.distributor_apps
    )
    counts = state["autotask"]["counts"]
    assert (counts["tickets"], counts["products"], counts["ticketcharges"]) == (20, 40, 0)
    served = state["requests"]["served_per_endpoint"]
    assert served == {"GET /autotask/atservicesrest/v1.0/products/{id}": 2}
    assert state["autotask"]["requests_served"] == 2


def test_settings_refuse_bad_values(control: httpx.Client) -> None:
    for body in ({"hourly_request_limit": 0}, {"approval_threshold": "-1"}, {"nope": True}):
        assert control.put("/autotask/settings", json=body).status_code == 422


def test_billing_an_unknown_charge_is_404(control: httpx.Client) -> None:
    assert control.post("/autotask/charges/999999/bill").status_code == 404
