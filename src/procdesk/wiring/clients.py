"""Provider clients built from the settings and the keyring, the same way in every process.

The integrations (HTTP clients, OAuth, XML) are imported when a client is first built, not
when this module is: the dashboard draws its first frame from the ledger alone, and every
process that never talks to a provider (most CLI commands) never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from pydantic import SecretStr
from pydantic import ValidationError as PydanticValidationError

from procdesk.config import (
    Settings,
)
from procdesk.config.distributors import distributor_settings, missing_distributor_keys
from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import Distributor, Provider
from procdesk.integrations.errors import CredentialsMissingError
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger

if TYPE_CHECKING:
    from procdesk.integrations.autotask import AutotaskClient, AutotaskCredentials
    from procdesk.integrations.autotask.gate import RequestGate
    from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
    from procdesk.integrations.distributor.protocol import DistributorClient
    from procdesk.integrations.tdsynnex.tokens import RefreshTokenStore
    from procdesk.store.pg.gate import DatabaseRequestGate

_Client = TypeVar("_Client", bound="AutotaskClient")

# ---- clients ---------------------------------------------------------------------------


def autotask_credentials(settings: Settings, secrets: SecretStore) -> AutotaskCredentials:
    """The configured API user with its secret; CredentialsMissingError names what is absent."""
    from procdesk.integrations.autotask.credentials import credentials_from_store

    config = settings.autotask
    if not config.username or not config.integration_code:
        missing = "autotask.username" if not config.username else "autotask.integration_code"
        raise CredentialsMissingError(
            Provider.AUTOTASK, f"{missing} is not configured; run `procdesk auth autotask`"
        )
    return credentials_from_store(secrets, config.username, config.integration_code)


def _autotask(
    kind: type[_Client],
    settings: Settings,
    credentials: AutotaskCredentials,
    gate: RequestGate | None,
) -> _Client:
    config = settings.autotask
    return kind(
        credentials,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_in_flight=config.max_concurrent,
        hourly_budget=config.hourly_budget,
        gate=gate,
    )


def autotask_client(
    settings: Settings, credentials: AutotaskCredentials, *, gate: RequestGate | None = None
) -> AutotaskClient:
    """A client for these credentials with the configured root, limits and timeout."""
    from procdesk.integrations.autotask import AutotaskClient

    return _autotask(AutotaskClient, settings, credentials, gate)


def autotask_procurement_client(
    settings: Settings, credentials: AutotaskCredentials, *, gate: RequestGate | None = None
) -> AutotaskProcurementClient:
    """The Autotask client with purchase orders, receiving, vendors and locations."""
    from procdesk.integrations.autotask.procurement import AutotaskProcurementClient

    return _autotask(AutotaskProcurementClient, settings, credentials, gate)


def autotask_client_for_secret(
    settings: Settings, *, username: str, integration_code: str, secret: str
) -> AutotaskClient:
    """A client for credentials someone just entered (verified before they are stored)."""
    from procdesk.integrations.autotask import AutotaskCredentials

    credentials = AutotaskCredentials(
        username=username, integration_code=integration_code, secret=SecretStr(secret)
    )
    return autotask_client(settings, credentials)


def _provider(distributor: Distributor) -> Provider:
    if distributor.provider is None:
        raise ValueError(f"procdesk cannot order from {distributor.value}")
    return distributor.provider


def distributor_client(
    settings: Settings, secrets: SecretStore, distributor: Distributor, clock: Clock = utc_now
) -> DistributorClient:
    """The distributor's client from config and keyring; CredentialsMissingError names what
    is not set."""
    from procdesk.integrations.registry import default_registry

    missing = missing_distributor_keys(settings, distributor)
    if missing:
        raise CredentialsMissingError(
            _provider(distributor),
            f"not configured: {', '.join(missing)} (set them with `procdesk auth "
            f"{distributor.value.replace('_', '-')}`)",
        )
    try:
        return default_registry().create(
            distributor, distributor_settings(settings, distributor), secrets, clock
        )
    except PydanticValidationError as exc:
        fields = ", ".join(f"{distributor.value}.{e['loc'][0]}" for e in exc.errors() if e["loc"])
        raise CredentialsMissingError(
            _provider(distributor), f"invalid configuration: {fields or distributor.value}"
        ) from None


def distributor_client_for_secret(
    distributor: Distributor,
    config: Mapping[str, str],
    secret: str,
    token_store: RefreshTokenStore,
) -> DistributorClient:
    """A client for a secret someone just entered, verified before it is stored: Ingram's
    client secret and TD SYNNEX's EC Express password as given; ION's refresh token
    through `token_store`, which saves each rotated token. Raises pydantic's
    ValidationError for bad settings."""
    from procdesk.integrations.ingram import IngramClient, IngramSettings
    from procdesk.integrations.tdsynnex import TdSynnexClient, TdSynnexSettings
    from procdesk.integrations.tdsynnex_xml.distributor import (
        SynnexXmlDistributor,
        SynnexXmlSettings,
    )

    if distributor is Distributor.INGRAM:
        return IngramClient(IngramSettings.model_validate(dict(config)), secret)
    if distributor is Distributor.TDSYNNEX:
        return TdSynnexClient(TdSynnexSettings.model_validate(dict(config)), token_store)
    if distributor is Distributor.TDSYNNEX_XML:
        return SynnexXmlDistributor(SynnexXmlSettings.model_validate(dict(config)), secret)
    raise ValueError(f"procdesk cannot order from {distributor.value}")


def shared_request_gate(ledger: Ledger, settings: Settings) -> DatabaseRequestGate | None:
    """On a PostgreSQL ledger, the Autotask limits every worker shares (across processes).

    None on SQLite: one user's workers run in one process, so the client's own gate holds.
    """
    from procdesk.store.pg.gate import DatabaseRequestGate

    if ledger.dialect != "postgresql":
        return None
    return DatabaseRequestGate(
        ledger.engine.url,
        provider=Provider.AUTOTASK.value,
        max_in_flight=settings.autotask.max_concurrent,
        hourly_budget=settings.autotask.hourly_budget,
    )
