"""`procdesk auth autotask`: verify the credentials live, and only then store them.

The secret goes to the keyring only; the user name and integration code go to the config
file. Success marks the Autotask credential ok, which resumes paused Autotask work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from procdesk.config import Settings, set_value
from procdesk.domain.enums import Provider
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import account_entry
from procdesk.services.auth.credentials import CredentialService

if TYPE_CHECKING:  # the client loads when a client is built
    from procdesk.integrations.autotask import AutotaskClient, ThresholdInfo


class AutotaskClientFor(Protocol):
    """Builds a client for credentials someone entered (`wiring.autotask_client_for_secret`)."""

    def __call__(
        self, settings: Settings, *, username: str, integration_code: str, secret: str
    ) -> AutotaskClient: ...


async def authenticate_autotask(
    settings: Settings,
    secrets: SecretStore,
    credential_service: CredentialService,
    *,
    client_for: AutotaskClientFor,
    username: str,
    integration_code: str,
    secret: str,
    config_path: Path | None = None,
) -> ThresholdInfo:
    """Verify with one authenticated call (API usage, which also proves the zone and the
    root work), then store. Raises the client's typed errors (AuthenticationError for
    rejected credentials) with nothing stored."""
    client = client_for(
        settings, username=username, integration_code=integration_code, secret=secret
    )
    async with client:
        usage = await client.threshold_information()
    secrets.set(account_entry(Provider.AUTOTASK.value, username), SECRET_FIELD, secret)
    set_value("autotask.username", username, config_path)
    set_value("autotask.integration_code", integration_code, config_path)
    await credential_service.mark_ok(Provider.AUTOTASK, account=username)
    return usage
