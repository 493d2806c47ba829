"""Fuzzing the distributor clients over real HTTP: whatever status and body Ingram Micro,
TD SYNNEX ION or TD SYNNEX XML send back, each call ends in its result or a ProviderError
(the errors the services handle), never another exception. The login itself is answered
well, so the fuzzed bodies reach the calls behind it."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.integrations.ingram import IngramClient, IngramSettings
from procdesk.integrations.ingram.auth import TOKEN_PATH as INGRAM_TOKEN
from procdesk.integrations.tdsynnex import TdSynnexClient, TdSynnexSettings
from procdesk.integrations.tdsynnex.auth import TOKEN_PATH as ION_TOKEN
from procdesk.integrations.tdsynnex_xml.distributor import SynnexXmlDistributor, SynnexXmlSettings
from tests.support.distributors import INGRAM, TDSYNNEX, order_request
from tests.support.scripted_server import ScriptedServer
from tests.support.synnexxml import XML

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
STATUSES = st.sampled_from([200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503])
MALFORMED = st.sampled_from(
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b'{"serviceresponse": null}',
        b'{"serviceresponse": {"priceandstockresponse": "x"}}',
        b'[{"ingramPartNumber": 7, "availability": "many", "pricing": []}]',
        b'{"orders": [{"ingramOrderNumber": null}]}',
        b'{"items": [{"id": null, "status": 3}], "nextPageToken": 5}',
        b'{"errors": [null, 3, {"message": 7}]}',
        b"[" * 5000,
        b"<html>Bad Gateway</html>",
        b'<?xml version="1.0"?><SynnexB2B><PriceAvailabilityList/></SynnexB2B>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        b"<SynnexB2B><OrderResponse><Code>accepted</Code></OrderResponse>",
        b"\xff\xfe\x00garbage",
    ]
)
BODIES = MALFORMED | st.binary(max_size=200)
CONTENT_TYPES = st.sampled_from(["application/json", "application/xml", "text/html"])

INGRAM_LOGIN = {"access_token": "fuzz-access", "token_type": "Bearer", "expires_in": 86399}
ION_LOGIN = {
    "access_token": "fuzz-access",
    "refresh_token": "fuzz-refresh-next",
    "token_type": "Bearer",
    "expires_in": 3600,
}


class _Tokens:
    """A refresh token held in memory (ION rotates it on every refresh)."""

    def __init__(self) -> None:
        self.value: str | None = "fuzz-refresh"

    async def load(self) -> str | None:
        return self.value

    async def save(self, refresh_token: str) -> None:
        self.value = refresh_token


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    running = ScriptedServer().start()
    yield running
    running.stop()


def _ingram(root: str) -> DistributorClient:
    values = {
        "base_url": root,
        "client_id": INGRAM.client_id,
        "customer_number": INGRAM.customer_number,
        "country_code": INGRAM.country_code,
    }
    return IngramClient(IngramSettings.model_validate(values), INGRAM.client_secret, timeout=5)


def _ion(root: str) -> DistributorClient:
    settings = TdSynnexSettings(base_url=root, account_id=TDSYNNEX.account_id)
    return TdSynnexClient(settings, _Tokens(), timeout=5)


def _xml(root: str) -> DistributorClient:
    settings = SynnexXmlSettings(
        base_url=f"{root}/SynnexXML", customer_number=XML.customer_number, username=XML.username
    )
    return SynnexXmlDistributor(settings, XML.password, timeout=5)


async def _every_call(client: DistributorClient) -> None:
    order = order_request("PD-FUZZ-1", "Northwind Dental Group", ("8YR471", 2))
    calls: list[Callable[[], Awaitable[object]]] = [
        client.verify,
        lambda: client.availability(["8YR471", "ZZ0000"]),
        lambda: client.place_order(order),
        lambda: client.find_order("PD-FUZZ-1"),
        lambda: client.order_status("1234567"),
        lambda: client.order_statuses(["1234567", "7654321"]),
    ]
    try:
        for call in calls:
            with contextlib.suppress(ProviderError):  # the defined errors; any other fails
                await call()
    finally:
        await client.aclose()


# each door: where it is mounted, its client, and the login answered well (path -> body)
DOORS = {
    "ingram": ("/ingram", _ingram, {INGRAM_TOKEN: INGRAM_LOGIN}),
    "tdsynnex-ion": ("/ion", _ion, {ION_TOKEN: ION_LOGIN}),
    "tdsynnex-xml": ("/tdsynnex", _xml, {}),
}


@pytest.mark.parametrize("door", list(DOORS))
@FUZZ
@given(status=STATUSES, body=BODIES, content_type=CONTENT_TYPES)
def test_client_survives_any_response(
    server: ScriptedServer, door: str, status: int, body: bytes, content_type: str
) -> None:
    prefix, build, login = DOORS[door]
    server.script.status, server.script.body = status, body
    server.script.content_type = content_type
    server.script.fixed = {
        f"{prefix}{path}": (200, json.dumps(answer).encode()) for path, answer in login.items()
    }
    asyncio.run(_every_call(build(f"{server.url}{prefix}")))
