"""Re-authentication as the dashboard does it: check the fields, verify live, then store.

The same steps as `procdesk auth autotask|ingram|tdsynnex`: the non-secret fields are
validated first (nothing is sent when one is wrong), the provider checks the secret, and
only then the secret goes to the keyring and the fields to the config file; the credential
service resumes the provider's paused work. A refusal is a `ReauthRefusedError` whose
text never contains the secret. The caller gets back the settings with the new fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from procdesk.config import ConfigError, Settings, set_value
from procdesk.config.distributors import distributor_settings
from procdesk.config.section import Section
from procdesk.domain.enums import Distributor, Provider
from procdesk.domain.text import UnsafeTextError, check_field
from procdesk.integrations.errors import AuthenticationError, ProviderError
from procdesk.secrets import SecretStore
from procdesk.secrets.redaction import redacted
from procdesk.services.auth.autotask import AutotaskClientFor, authenticate_autotask
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.auth.distributors import DistributorReauth, ReauthFailedError
from procdesk.services.auth.secret_rule import AUTOTASK_SECRET_HEADER, secret_problem

# The non-secret fields each provider's re-authentication takes (config keys in its section).
REAUTH_FIELDS: dict[Provider, tuple[str, ...]] = {
    Provider.AUTOTASK: ("username", "integration_code"),
    Provider.INGRAM: ("client_id", "customer_number", "country_code"),
    Provider.TDSYNNEX: ("account_id",),
    Provider.TDSYNNEX_XML: ("customer_number", "username"),
}


class ReauthRefusedError(Exception):
    """The fields were wrong or the provider refused; the text is safe to show. `field`
    names the config key (in the provider's section) at fault, when one is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ReauthDone(BaseModel):
    provider: Provider
    summary: str
    settings: Settings


def scrub(text: str, secret: str) -> str:
    """`text` with the secret masked wherever it stands as itself (`redacted`: a short
    secret is not masked inside the words of a message, which would reveal it)."""
    return redacted(text, secret, "[secret]")


def current_fields(settings: Settings, provider: Provider) -> dict[str, str]:
    """The provider's configured values for its re-authentication fields (unset: blank)."""
    section = getattr(settings, provider.value).model_dump()
    return {
        key: "" if section.get(key) is None else str(section[key])
        for key in REAUTH_FIELDS[provider]
    }


def _updated_section(settings: Settings, provider: Provider, fields: Mapping[str, str]) -> Section:
    section: Section = getattr(settings, provider.value)
    given = {k: v.strip() for k, v in fields.items() if k in REAUTH_FIELDS[provider]}
    for key, value in given.items():  # the rule imported text follows; nothing is sent
        try:
            check_field(f"{provider.value}.{key}", value)
        except UnsafeTextError as exc:
            raise ReauthRefusedError(f"{exc}; nothing was sent", field=key) from None
    missing = [f"{provider.value}.{k}" for k in REAUTH_FIELDS[provider] if not given.get(k)]
    if missing:
        raise ReauthRefusedError(f"fill in {', '.join(missing)}; nothing was sent")
    try:
        return type(section).model_validate({**section.model_dump(), **given})
    except PydanticValidationError as exc:
        keys = [str(e["loc"][0]) for e in exc.errors() if e["loc"]]
        names = ", ".join(f"{provider.value}.{key}" for key in keys)
        raise ReauthRefusedError(
            f"invalid {names}; nothing was sent", field=keys[0] if keys else None
        ) from None


class Reauthenticator:
    """Re-authenticates any provider; built by the composition root with its clients."""

    def __init__(
        self,
        secrets: SecretStore,
        credentials: CredentialService,
        *,
        autotask_client_for: AutotaskClientFor,
        distributors: DistributorReauth,
    ) -> None:
        self._secrets = secrets
        self._credentials = credentials
        self._autotask_client_for = autotask_client_for
        self._distributors = distributors

    async def reauthenticate(
        self, settings: Settings, *, provider: Provider, fields: Mapping[str, str], secret: str
    ) -> ReauthDone:
        """Verify live and store; raises ReauthRefusedError (nothing stored) when refused."""
        if not secret.strip():
            raise ReauthRefusedError("enter the secret; nothing was sent")
        header = AUTOTASK_SECRET_HEADER if provider is Provider.AUTOTASK else None
        problem = secret_problem(secret, header=header)  # as `procdesk auth` refuses it
        if problem is not None:
            raise ReauthRefusedError(problem)
        secret = secret.strip()
        section = _updated_section(settings, provider, fields)
        new_settings = settings.model_copy(update={provider.value: section})
        try:
            if provider is Provider.AUTOTASK:  # authenticate_autotask writes its own fields
                summary = await self._autotask(new_settings, secret)
            else:
                summary = await self._distributor(new_settings, provider, secret)
                for key in REAUTH_FIELDS[provider]:
                    set_value(f"{provider.value}.{key}", str(getattr(section, key)))
        except ConfigError as exc:  # only once verified: the fields were validated up front
            raise ReauthRefusedError(
                scrub(f"verified and the secret stored, but the config file was not: {exc}", secret)
            ) from None
        return ReauthDone(provider=provider, summary=summary, settings=new_settings)

    async def _autotask(self, settings: Settings, secret: str) -> str:
        config = settings.autotask
        try:
            usage = await authenticate_autotask(
                settings,
                self._secrets,
                self._credentials,
                client_for=self._autotask_client_for,
                username=config.username or "",
                integration_code=config.integration_code or "",
                secret=secret.strip(),
            )
        except AuthenticationError as exc:
            raise ReauthRefusedError(
                scrub(
                    f"Autotask rejected these credentials: {exc.message}; nothing was stored",
                    secret,
                )
            ) from None
        except ProviderError as exc:
            raise ReauthRefusedError(
                scrub(f"could not verify with Autotask: {exc}; nothing was stored", secret)
            ) from None
        return (
            f"Autotask credentials verified and stored for {config.username}; API usage "
            f"{usage.current_timeframe_request_count}/{usage.external_request_threshold} "
            "this hour"
        )

    async def _distributor(self, settings: Settings, provider: Provider, secret: str) -> str:
        distributor = Distributor(provider.value)
        try:
            result = await self._distributors.reauthenticate(
                distributor, distributor_settings(settings, distributor), secret
            )
        except ReauthFailedError as exc:
            raise ReauthRefusedError(
                scrub(f"{distributor.value} refused: {exc}; nothing was stored", secret)
            ) from None
        lifetime = result.refresh_expires_at or result.access_expires_at
        return (
            f"{distributor.value}: verified and stored for {result.account}"
            + (f"; valid until {lifetime:%Y-%m-%d %H:%M} UTC" if lifetime else "")
            + f"; {result.resumed_orders} waiting order(s) resume on the next worker cycle"
        )
