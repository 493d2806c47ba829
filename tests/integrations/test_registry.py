"""Clients come from the registry, built from config keys and the keyring."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import CredentialState, Distributor
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.integrations.registry import default_registry
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from tests.support.distributors import INGRAM, TDSYNNEX
from tests.support.keyring_entries import demo_entry


def ingram_config(sandbox: SandboxServer) -> dict[str, str]:
    return {
        "base_url": f"{sandbox.base_url}/ingram",
        "client_id": INGRAM.client_id,
        "customer_number": INGRAM.customer_number,
        "country_code": INGRAM.country_code,
    }


def test_registry_knows_the_ordering_distributors() -> None:
    registry = default_registry()
    assert [d for d in Distributor if registry.supports(d)] == [
        Distributor.INGRAM,
        Distributor.TDSYNNEX,
        Distributor.TDSYNNEX_XML,
    ]
    with pytest.raises(LookupError, match="other"):
        registry.create(Distributor.OTHER, {}, SecretStore())


async def test_ingram_client_from_config_and_keyring(
    sandbox: SandboxServer, secrets: SecretStore
) -> None:
    registry = default_registry()
    with pytest.raises(CredentialsMissingError):
        registry.create(Distributor.INGRAM, ingram_config(sandbox), secrets)
    secrets.set(demo_entry("ingram"), "client_secret", INGRAM.client_secret)
    client = registry.create(Distributor.INGRAM, ingram_config(sandbox), secrets)
    async with client:
        status = await client.verify()
    assert isinstance(client, DistributorClient)
    assert status.state is CredentialState.OK


async def test_tdsynnex_client_rotates_the_keyring_token(
    sandbox: SandboxServer, secrets: SecretStore
) -> None:
    secrets.set(demo_entry("tdsynnex"), "refresh_token", TDSYNNEX.refresh_token)
    config = {"base_url": f"{sandbox.base_url}/tdsynnex", "account_id": TDSYNNEX.account_id}
    client = default_registry().create(Distributor.TDSYNNEX, config, secrets)
    async with client:
        status = await client.verify()
    assert isinstance(client, DistributorClient)
    assert status.state is CredentialState.OK
    assert secrets.get(demo_entry("tdsynnex"), "refresh_token") != TDSYNNEX.refresh_token
