"""The XML client classifies refusals and transport failures into procdesk's typed errors,
and the password never shows in any of them."""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pydantic
import pytest
from pydantic import SecretStr

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import (
    AuthenticationError,
    InvalidCustomerNumberError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    TransientError,
)
from procdesk.integrations.tdsynnex_xml import PartQuery, SynnexXmlClient, SynnexXmlCredentials
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import SandboxControl
from tests.support.synnexxml import XML, xml_credentials, xml_order

Operation = Callable[[SynnexXmlClient], Awaitable[Any]]
OPERATIONS: dict[str, Operation] = {
    "price": lambda c: c.price_availability([PartQuery.sku("5841203")]),
    "order": lambda c: c.submit_po(xml_order("PD-E1", ("5841203", 1))),
    "status": lambda c: c.po_status("PD-E1"),
}
WRONG_PASSWORD = "not-the-password-Q1"


def assert_secret_free(error: BaseException, *secrets: str) -> None:
    for secret in (XML.password, *secrets):
        for shown in (str(error), repr(error), getattr(error, "message", "")):
            assert secret not in shown


async def failure(
    sandbox: SandboxServer, operation: str, *, wait: float = 5, **credentials: Any
) -> ProviderError:
    async with httpx.AsyncClient(
        base_url=sandbox.provider_urls["tdsynnex_xml"], timeout=wait
    ) as http:
        client = SynnexXmlClient(http, xml_credentials(**credentials))
        with pytest.raises(ProviderError) as caught:
            await OPERATIONS[operation](client)
    assert caught.value.provider is Provider.TDSYNNEX_XML
    password = credentials.get("password")
    assert_secret_free(caught.value, *([password.get_secret_value()] if password else []))
    return caught.value


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize(
    ("credentials", "kind", "starts"),
    [
        ({"password": SecretStr(WRONG_PASSWORD)}, AuthenticationError, "Login failed"),
        ({"username": "intruder@else.example"}, AuthenticationError, "Login failed"),
        ({"customer_number": "999999"}, InvalidCustomerNumberError, "Invalid customer number"),
    ],
)
async def test_login_refusals_are_credential_errors(
    sandbox: SandboxServer,
    sandbox_control: SandboxControl,
    operation: str,
    credentials: dict[str, Any],
    kind: type[ProviderError],
    starts: str,
) -> None:
    error = await failure(sandbox, operation, **credentials)
    assert type(error) is kind
    assert error.message.startswith(starts)
    assert error.operation.startswith("POST /SynnexXML/")
    assert_secret_free(error, WRONG_PASSWORD)
    state = await sandbox_control.http.get("/_sandbox/tdsynnex_xml/orders")
    assert state.json()["count"] == 0


@pytest.mark.parametrize(
    ("spec", "operation", "maybe_applied", "status"),
    [
        ("tdsynnex_xml:POST:*/PO=500", "order", True, 500),
        ("tdsynnex_xml=500", "price", False, 500),
        ("tdsynnex_xml=500", "status", False, 500),
        ("tdsynnex_xml=reset", "order", True, None),
        ("tdsynnex_xml=reset", "status", False, None),
        ("tdsynnex_xml=latency:3000", "order", True, None),
        ("tdsynnex_xml=latency:3000", "price", False, None),
    ],
)
async def test_transport_failures_are_transient_and_say_whether_the_po_may_exist(
    sandbox: SandboxServer,
    sandbox_control: SandboxControl,
    spec: str,
    operation: str,
    maybe_applied: bool,
    status: int | None,
) -> None:
    await sandbox_control.set_faults(spec)
    error = await failure(sandbox, operation, wait=0.5)
    assert isinstance(error, TransientError)
    assert (error.maybe_applied, error.status_code) == (maybe_applied, status)
    assert error.retryable


async def test_rate_limits_carry_retry_after(
    sandbox: SandboxServer, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.set_faults("tdsynnex_xml=429:1:7")
    error = await failure(sandbox, "price")
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 7


async def test_nothing_listening_means_nothing_was_applied() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        client = SynnexXmlClient(http, xml_credentials())
        with pytest.raises(TransientError) as caught:
            await client.submit_po(xml_order("PD-E2", ("5841203", 1)))
    assert caught.value.maybe_applied is False
    assert str(port) not in str(caught.value)  # names the failure kind, not the URL


async def test_a_wrong_base_url_is_not_found(sandbox: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=f"{sandbox.base_url}/nowhere") as http:
        client = SynnexXmlClient(http, xml_credentials())
        with pytest.raises(NotFoundError) as caught:
            await client.po_status("PD-E3")
    assert caught.value.status_code == 404


def test_reprs_never_show_the_password() -> None:
    credentials = xml_credentials()
    client = SynnexXmlClient(httpx.AsyncClient(), credentials)
    for shown in (repr(credentials), str(credentials), repr(client), str(credentials.model_dump())):
        assert XML.password not in shown
    assert credentials.password.get_secret_value() == XML.password


@pytest.mark.parametrize("password", ["pass\x00word-secret", ""])
def test_a_refused_password_is_not_echoed_in_the_error(password: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        SynnexXmlCredentials(customer_number="1", username="u", password=SecretStr(password))
    if password:
        assert password not in str(caught.value)
        assert "word-secret" not in str(caught.value)
