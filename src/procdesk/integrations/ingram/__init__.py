"""Ingram Micro Xvantage Reseller API v6: OAuth client credentials, P&A, orders."""

from __future__ import annotations

from collections.abc import Mapping

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Provider
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.integrations.ingram.client import IngramClient, IngramSettings
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import section_entry

__all__ = ["IngramClient", "IngramSettings", "create_ingram_client"]


def create_ingram_client(
    settings: Mapping[str, str], secrets: SecretStore, clock: Clock = utc_now
) -> IngramClient:
    """From the `ingram.*` config keys and the client secret in the keyring."""
    secret = secrets.get(section_entry(Provider.INGRAM.value, settings), "client_secret")
    if not secret:
        raise CredentialsMissingError(Provider.INGRAM, "no Ingram Micro client secret is stored")
    return IngramClient(IngramSettings.model_validate(dict(settings)), secret, clock=clock)
