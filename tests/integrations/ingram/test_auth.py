"""Ingram Micro OAuth client credentials against the sandbox: caching, expiry, 401, faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from procdesk.domain.enums import CredentialState
from procdesk.integrations.errors import AuthenticationError, InvalidCustomerNumberError
from procdesk.integrations.ingram import IngramClient
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import INGRAM, SandboxControl, ingram_settings

IN_STOCK = "8YR471"


async def test_token_is_fetched_once_and_reused(ingram_client: IngramClient) -> None:
    await ingram_client.availability([IN_STOCK])
    await ingram_client.availability([IN_STOCK])
    await ingram_client.find_order("PD-NOTHING")
    assert ingram_client.token_fetches == 1


async def test_verify_reports_the_token_lifetime(ingram_client: IngramClient) -> None:
    status = await ingram_client.verify()
    assert status.state is CredentialState.OK
    assert status.access_expires_at is not None
    # the sandbox answers expires_in "86399" (a string): about a day from now
    lifetime = status.access_expires_at - datetime.now(UTC)
    assert timedelta(hours=23) < lifetime <= timedelta(seconds=86399)
    assert ingram_client.credential_status().access_expires_at == status.access_expires_at


async def test_expired_token_is_fetched_again_once_and_the_call_retried(
    ingram_client: IngramClient, sandbox_control: SandboxControl
) -> None:
    await ingram_client.availability([IN_STOCK])
    await sandbox_control.advance(2 * 86400)  # the server's token lapsed; ours looks fresh
    [result] = await ingram_client.availability([IN_STOCK])
    assert result.part_number == IN_STOCK
    assert ingram_client.token_fetches == 2


async def test_wrong_client_secret_is_an_invalid_credential(sandbox: SandboxServer) -> None:
    secret = "not-the-secret-9x"
    async with IngramClient(ingram_settings(sandbox), secret, timeout=5) as client:
        status = await client.verify()
        with pytest.raises(AuthenticationError) as caught:
            await client.availability([IN_STOCK])
    assert status.state is CredentialState.INVALID
    assert status.message
    assert secret not in str(caught.value)
    assert secret not in status.message


async def test_customer_number_mismatch_is_its_own_error(sandbox: SandboxServer) -> None:
    settings = ingram_settings(sandbox, client_id=INGRAM.mismatch_client_id)
    async with IngramClient(settings, INGRAM.mismatch_client_secret, timeout=5) as client:
        with pytest.raises(InvalidCustomerNumberError) as caught:
            await client.availability([IN_STOCK])
        status = await client.verify()
    assert caught.value.message.startswith("Invalid customer number")
    assert caught.value.retryable is False
    assert status.state is CredentialState.INVALID
    assert status.message.startswith("Invalid customer number")
    assert INGRAM.mismatch_client_secret not in str(caught.value)


async def test_token_is_replaced_shortly_before_it_expires(sandbox: SandboxServer) -> None:
    now = [datetime.now(UTC)]
    async with IngramClient(
        ingram_settings(sandbox), INGRAM.client_secret, clock=lambda: now[0], timeout=5
    ) as client:
        await client.availability([IN_STOCK])
        now[0] += timedelta(hours=23)  # still well inside the day
        await client.availability([IN_STOCK])
        fetched_while_fresh = client.token_fetches
        now[0] += timedelta(minutes=58)  # two minutes before expiry: inside the leeway
        await client.availability([IN_STOCK])
    assert fetched_while_fresh == 1
    assert client.token_fetches == 2
