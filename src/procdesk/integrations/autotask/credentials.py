"""The Autotask API user's credentials, and the headers they become on every call."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import account_entry

SECRET_FIELD = "secret"


class AutotaskCredentials(BaseModel):
    """An API-only user (`username`, an email), the integration's tracking id and its secret."""

    model_config = ConfigDict(frozen=True)

    username: str
    integration_code: str
    secret: SecretStr
    impersonation_resource_id: int | None = None

    def headers(self) -> dict[str, str]:
        """The auth headers Autotask expects. The result holds the secret: never log it."""
        headers = {
            "ApiIntegrationCode": self.integration_code,
            "UserName": self.username,
            "Secret": self.secret.get_secret_value(),
        }
        if self.impersonation_resource_id is not None:
            headers["ImpersonationResourceId"] = str(self.impersonation_resource_id)
        return headers


def credentials_from_store(
    store: SecretStore,
    username: str,
    integration_code: str,
    impersonation_resource_id: int | None = None,
) -> AutotaskCredentials:
    """Credentials whose secret comes from the keyring (user name and code come from config)."""
    secret = store.get(account_entry(Provider.AUTOTASK.value, username), SECRET_FIELD)
    if not secret:
        raise CredentialsMissingError(
            Provider.AUTOTASK, "no Autotask secret is stored; run `procdesk auth autotask`"
        )
    return AutotaskCredentials(
        username=username,
        integration_code=integration_code,
        secret=SecretStr(secret),
        impersonation_resource_id=impersonation_resource_id,
    )
