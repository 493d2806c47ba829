"""Failures the sandbox injects become the right typed errors; our limits hold under load."""

from __future__ import annotations

import asyncio
import socket
from decimal import Decimal

import pytest

from procdesk.integrations.autotask import AutotaskClient, F, TicketCharge
from procdesk.integrations.errors import RateLimitedError, TransientError
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import (
    demo_autotask_credentials,
    sandbox_autotask_root,
    sandbox_control,
    set_faults,
)

TICKET = 7005
CODE = DEMO_CATEGORY_BILLING_CODES["Peripherals"]


def body(marker: str) -> TicketCharge:
    return TicketCharge(
        ticket_id=TICKET,
        name="Headset",
        notes=f"procdesk:{marker}",
        unit_quantity=Decimal("1"),
        billing_code_id=CODE,
    )


async def test_injected_429_is_rate_limited_with_retry_after(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    await set_faults(sandbox, "autotask:POST:*/charges=429:1:7")
    with pytest.raises(RateLimitedError) as caught:
        await autotask_client.create_ticket_charge(body("429"))
    assert caught.value.retry_after == 7.0
    assert caught.value.status_code == 429


async def test_hourly_threshold_is_rate_limited_until_the_hour_rolls(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    await sandbox_control(sandbox, "PUT", "/autotask/settings", {"hourly_request_limit": 1})
    await autotask_client.threshold_information()
    with pytest.raises(RateLimitedError) as caught:
        await autotask_client.threshold_information()
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 60


async def test_injected_500_is_a_server_fault_with_the_providers_message(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    # A 500 whose `errors` array holds only a generic server-fault text is transient (a
    # business-rule refusal would name a field or rule): retried after a marker lookup.
    await set_faults(sandbox, "autotask:POST:*/charges=500")
    with pytest.raises(TransientError) as caught:
        await autotask_client.create_ticket_charge(body("500"))
    assert caught.value.message == "Injected fault: internal server error."
    assert caught.value.maybe_applied is True


async def test_timeout_after_effect_is_transient_and_maybe_applied(
    sandbox: SandboxServer, autotask_client: AutotaskClient
) -> None:
    await set_faults(sandbox, "autotask:POST:*/charges=timeout_after_effect:1:5")
    async with AutotaskClient(
        demo_autotask_credentials(), base_url=sandbox_autotask_root(sandbox), timeout=0.5
    ) as impatient:
        with pytest.raises(TransientError) as caught:
            await impatient.create_ticket_charge(body("slow"))
    assert caught.value.maybe_applied is True
    assert caught.value.operation == f"POST Tickets/{TICKET}/Charges"

    await set_faults(sandbox, "")
    found = await autotask_client.query_ticket_charges(F.eq("notes", "procdesk:slow"))
    assert len(found) == 1  # it did take effect: the caller must look before creating again


async def test_connection_reset_is_transient_and_the_client_recovers(
    autotask_client: AutotaskClient, sandbox: SandboxServer
) -> None:
    await set_faults(sandbox, "autotask:POST:*/query=reset")
    with pytest.raises(TransientError) as caught:
        await autotask_client.query_products()
    assert caught.value.retryable
    assert caught.value.maybe_applied is True  # dropped after sending: cannot know

    await set_faults(sandbox, "")
    assert await autotask_client.query_products()


async def test_nothing_listening_is_transient_and_not_applied() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AutotaskClient(
        demo_autotask_credentials(),
        base_url=f"http://127.0.0.1:{port}/autotask/atservicesrest",
        timeout=2,
    ) as client:
        with pytest.raises(TransientError) as caught:
            await client.create_ticket_charge(body("nowhere"))
    assert caught.value.maybe_applied is False


@pytest.mark.parametrize("max_in_flight", [3, 1])
async def test_concurrent_creates_stay_within_the_thread_limit(
    sandbox: SandboxServer, max_in_flight: int
) -> None:
    await set_faults(sandbox, "autotask:*=latency:30")  # slow answers: requests overlap
    async with AutotaskClient(
        demo_autotask_credentials(),
        base_url=sandbox_autotask_root(sandbox),
        timeout=10,
        max_in_flight=max_in_flight,
    ) as client:
        ids = await asyncio.gather(
            *(client.create_ticket_charge(body(f"burst-{n}")) for n in range(10))
        )
        assert len(set(ids)) == 10
        assert client.requests_made["TicketCharges"] == 10

    state = (await sandbox_control(sandbox, "GET", "/state"))["autotask"]
    assert state["thread_threshold_rejections"] == {}
    observed = state["max_concurrent_per_endpoint"]
    assert observed
    assert max(observed.values()) <= max_in_flight
