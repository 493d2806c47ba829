"""Building an AutotaskClient from the settings (non-secret fields) and the keyring (secret)."""

from __future__ import annotations

from procdesk.config import Settings
from procdesk.domain.enums import Provider
from procdesk.integrations.autotask import AutotaskClient, AutotaskCredentials
from procdesk.integrations.autotask.credentials import credentials_from_store
from procdesk.integrations.autotask.gate import RequestGate
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger
from procdesk.store.pg.gate import DatabaseRequestGate


def autotask_credentials(settings: Settings, secrets: SecretStore) -> AutotaskCredentials:
    """The configured API user with its secret; CredentialsMissingError names what is absent."""
    config = settings.autotask
    if not config.username or not config.integration_code:
        missing = "autotask.username" if not config.username else "autotask.integration_code"
        raise CredentialsMissingError(
            Provider.AUTOTASK, f"{missing} is not configured; run `procdesk auth autotask`"
        )
    return credentials_from_store(secrets, config.username, config.integration_code)


def autotask_client(
    settings: Settings,
    credentials: AutotaskCredentials,
    *,
    gate: RequestGate | None = None,
) -> AutotaskClient:
    """A client for these credentials with the configured root, limits and timeout."""
    config = settings.autotask
    return AutotaskClient(
        credentials,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_in_flight=config.max_concurrent,
        hourly_budget=config.hourly_budget,
        gate=gate,
    )


def configured_autotask_client(
    settings: Settings, secrets: SecretStore, *, gate: RequestGate | None = None
) -> AutotaskClient:
    """The client the worker and doctor use; raises CredentialsMissingError."""
    return autotask_client(settings, autotask_credentials(settings, secrets), gate=gate)


def shared_request_gate(ledger: Ledger, settings: Settings) -> DatabaseRequestGate | None:
    """On a PostgreSQL ledger, the gate every worker shares (limits across processes).

    None on SQLite: one user's workers run in one process, so the client's own gate holds.
    The caller closes the gate (`await gate.close()`) when its worker stops.
    """
    if ledger.dialect != "postgresql":
        return None
    return DatabaseRequestGate(
        ledger.engine.url,
        provider=Provider.AUTOTASK.value,
        max_in_flight=settings.autotask.max_concurrent,
        hourly_budget=settings.autotask.hourly_budget,
    )
