"""Credentials: the secret comes from the keyring and never shows in reprs or errors."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from procdesk.integrations.autotask.credentials import (
    AutotaskCredentials,
    credentials_from_store,
)
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import account_entry


def test_headers_carry_everything_autotask_needs() -> None:
    creds = AutotaskCredentials(
        username="api@msp.example",
        integration_code="CODE1",
        secret=SecretStr("s3cr3t"),
        impersonation_resource_id=29682885,
    )
    assert creds.headers() == {
        "ApiIntegrationCode": "CODE1",
        "UserName": "api@msp.example",
        "Secret": "s3cr3t",
        "ImpersonationResourceId": "29682885",
    }
    assert "s3cr3t" not in repr(creds)
    assert "s3cr3t" not in str(creds)


def test_from_store_reads_the_secret_from_the_keyring(secrets: SecretStore) -> None:
    secrets.set(account_entry("autotask", "api@msp.example"), "secret", "kept-in-keyring")
    creds = credentials_from_store(secrets, "api@msp.example", "CODE1")
    assert creds.secret.get_secret_value() == "kept-in-keyring"
    assert "ImpersonationResourceId" not in creds.headers()


def test_from_store_without_a_secret_says_how_to_fix_it(secrets: SecretStore) -> None:
    with pytest.raises(CredentialsMissingError, match="procdesk auth autotask"):
        credentials_from_store(secrets, "api@msp.example", "CODE1")
