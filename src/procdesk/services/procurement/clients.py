"""Distributor clients built from config (`ingram.*`, `tdsynnex.*`) and the keyring.

The clients themselves come from the integrations' registry, so a new distributor is
added there, not here. TD SYNNEX's rotating refresh token is read from and written to the
keyring by `KeyringRefreshTokenStore` (procdesk.secrets.SecretStore underneath).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError as PydanticValidationError

from procdesk.config import Settings
from procdesk.domain.enums import Distributor, Provider
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.integrations.registry import DistributorRegistry, default_registry
from procdesk.secrets import SecretStore

# The config keys each distributor's client takes (non-secret; secrets are in the keyring).
CONFIG_KEYS: dict[Distributor, tuple[str, ...]] = {
    Distributor.INGRAM: ("base_url", "client_id", "customer_number", "country_code", "sender_id"),
    Distributor.TDSYNNEX: ("base_url", "account_id"),
}


# Builds a distributor's client from config and keyring; raises ProviderError (e.g.
# CredentialsMissingError) when it cannot.
ClientFactory = Callable[[Distributor], DistributorClient]


def _provider(distributor: Distributor) -> Provider:
    if distributor.provider is None:
        raise ValueError(f"procdesk cannot order from {distributor.value}")
    return distributor.provider


def distributor_settings(settings: Settings, distributor: Distributor) -> dict[str, str]:
    """The distributor's config section as the client factory takes it (unset keys left out)."""
    section = getattr(settings, distributor.value).model_dump()
    return {
        key: str(section[key]) for key in CONFIG_KEYS[distributor] if section.get(key) is not None
    }


def missing_keys(settings: Settings, distributor: Distributor) -> list[str]:
    present = distributor_settings(settings, distributor)
    optional = {"sender_id"}
    return [
        f"{distributor.value}.{key}"
        for key in CONFIG_KEYS[distributor]
        if key not in present and key not in optional
    ]


def build_client(
    settings: Settings,
    secrets: SecretStore,
    distributor: Distributor,
    *,
    registry: DistributorRegistry | None = None,
) -> DistributorClient:
    """The distributor's client; raises CredentialsMissingError naming what is not set."""
    missing = missing_keys(settings, distributor)
    if missing:
        raise CredentialsMissingError(
            _provider(distributor),
            f"not configured: {', '.join(missing)} (set them with `procdesk auth "
            f"{distributor.value}`)",
        )
    try:
        return (registry or default_registry()).create(
            distributor, distributor_settings(settings, distributor), secrets
        )
    except PydanticValidationError as exc:
        fields = ", ".join(f"{distributor.value}.{e['loc'][0]}" for e in exc.errors() if e["loc"])
        raise CredentialsMissingError(
            _provider(distributor),
            f"invalid configuration: {fields or distributor.value}",
        ) from None


def client_factory(
    settings: Callable[[], Settings],
    secrets: SecretStore,
    *,
    registry: DistributorRegistry | None = None,
) -> ClientFactory:
    """What the procurement worker calls to get a distributor's client; `settings` is read
    at each call, so fields changed by re-authentication are used from the next client."""
    chosen = registry or default_registry()

    def create(distributor: Distributor) -> DistributorClient:
        return build_client(settings(), secrets, distributor, registry=chosen)

    return create
