"""`procdesk auth autotask`: verify the credentials live, and only then store them.

The secret goes to the keyring only; the user name and integration code go to the config
file. Success marks the Autotask credential ok, which resumes paused Autotask work.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from procdesk.config import Settings, set_value
from procdesk.domain.enums import Provider
from procdesk.integrations.autotask import AutotaskCredentials, ThresholdInfo
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.secrets import SecretStore
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.autotask_factory import autotask_client


async def verify_autotask(settings: Settings, credentials: AutotaskCredentials) -> ThresholdInfo:
    """One authenticated call (API usage, which also proves the zone and the root work).

    Raises the client's typed errors (AuthenticationError for rejected credentials)."""
    async with autotask_client(settings, credentials) as client:
        return await client.threshold_information()


async def authenticate_autotask(
    settings: Settings,
    secrets: SecretStore,
    credential_service: CredentialService,
    *,
    username: str,
    integration_code: str,
    secret: str,
    config_path: Path | None = None,
) -> ThresholdInfo:
    credentials = AutotaskCredentials(
        username=username, integration_code=integration_code, secret=SecretStr(secret)
    )
    usage = await verify_autotask(settings, credentials)
    secrets.set(Provider.AUTOTASK.value, SECRET_FIELD, secret)
    set_value("autotask.username", username, config_path)
    set_value("autotask.integration_code", integration_code, config_path)
    await credential_service.mark_ok(Provider.AUTOTASK, account=username)
    return usage
