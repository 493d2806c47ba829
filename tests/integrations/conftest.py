"""Distributor clients wired to the running sandbox, and a handle on its control routes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from procdesk.integrations.ingram import IngramClient
from procdesk.integrations.tdsynnex import KeyringRefreshTokenStore, TdSynnexClient
from procdesk.secrets import SecretStore
from tests.support.distributors import (
    INGRAM,
    TDSYNNEX,
    TEST_TIMEOUT,
    RunningSandbox,
    SandboxControl,
    ingram_settings,
    tdsynnex_settings,
)
from tests.support.keyring_entries import DEMO_ACCOUNTS, demo_entry


@pytest.fixture
async def sandbox_control(sandbox: RunningSandbox) -> AsyncIterator[SandboxControl]:
    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        yield SandboxControl(http)


@pytest.fixture
async def ingram_client(sandbox: RunningSandbox) -> AsyncIterator[IngramClient]:
    async with IngramClient(
        ingram_settings(sandbox), INGRAM.client_secret, timeout=TEST_TIMEOUT
    ) as client:
        yield client


@pytest.fixture
def tdsynnex_store(secrets: SecretStore) -> KeyringRefreshTokenStore:
    """The real keyring store (in-memory backend) holding the portal's first refresh token."""
    secrets.set(demo_entry("tdsynnex"), "refresh_token", TDSYNNEX.refresh_token)
    return KeyringRefreshTokenStore(secrets, DEMO_ACCOUNTS["tdsynnex"])


@pytest.fixture
async def tdsynnex_client(
    sandbox: RunningSandbox, tdsynnex_store: KeyringRefreshTokenStore
) -> AsyncIterator[TdSynnexClient]:
    async with TdSynnexClient(
        tdsynnex_settings(sandbox), tdsynnex_store, timeout=TEST_TIMEOUT
    ) as client:
        yield client
