"""Fuzzing the Autotask client over real HTTP: whatever status and body come back, the
client answers with its result or a ProviderError, never another exception."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procdesk.integrations.autotask import AutotaskClient, TicketCharge
from procdesk.integrations.autotask.classify import classify_response
from procdesk.integrations.errors import ProviderError
from tests.support.autotask import demo_autotask_credentials
from tests.support.scripted_server import ScriptedServer

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
STATUSES = st.sampled_from([200, 201, 204, 400, 401, 403, 404, 405, 409, 429, 500, 502, 503])
JSONISH = st.sampled_from(
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b'{"itemId": "x"}',
        b'{"itemId": 1e999}',
        b'{"items": [{"id": null}]}',
        b'{"items": "nope"}',
        b'{"errors": [null, 3, {"message": 7}]}',
        b'{"errors": "text"}',
        b'{"item": {"id": "seven"}}',
        b"[" * 5000,
        b"<html>Bad Gateway</html>",
        b"\xff\xfe\x00garbage",
    ]
)
BODIES = JSONISH | st.binary(max_size=200)


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    running = ScriptedServer().start()
    yield running
    running.stop()


CHARGE = TicketCharge(
    ticket_id=7,
    name="Headset",
    notes="[procdesk:fuzz]",
    unit_quantity=Decimal(1),
    billing_code_id=9,
)


async def _calls(root: str) -> None:
    async with AutotaskClient(demo_autotask_credentials(), base_url=root, timeout=5) as client:
        for call in (
            lambda: client.create_ticket_charge(CHARGE),
            lambda: client.get_ticket_charge(5),
            lambda: client.list_ticket_charges(7),
            lambda: client.threshold_information(),
            lambda: client.ticket_id_for_number("T20261120.0001"),
        ):
            with contextlib.suppress(ProviderError):  # the defined errors; any other fails
                await call()


@FUZZ
@given(STATUSES, BODIES)
def test_client_survives_any_response(server: ScriptedServer, status: int, body: bytes) -> None:
    server.script.status, server.script.body = status, body
    asyncio.run(_calls(f"{server.url}/atservicesrest"))


@FUZZ
@given(st.integers(min_value=400, max_value=599), BODIES, st.text(max_size=30))
def test_classify_always_returns_a_provider_error(status: int, body: bytes, retry: str) -> None:
    response = httpx.Response(
        status, content=body, headers={"Retry-After": retry} if retry.isascii() else {}
    )
    assert isinstance(classify_response(response, "POST Tickets/7/Charges"), ProviderError)
