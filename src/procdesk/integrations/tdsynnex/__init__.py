"""TD SYNNEX StreamOne ION v3: rotating refresh-token OAuth, customers, products, orders."""

from __future__ import annotations

from collections.abc import Mapping

from procdesk.domain.clock import Clock, utc_now
from procdesk.integrations.tdsynnex.client import TdSynnexClient, TdSynnexSettings
from procdesk.integrations.tdsynnex.tokens import KeyringRefreshTokenStore, RefreshTokenStore
from procdesk.secrets import SecretStore

__all__ = [
    "KeyringRefreshTokenStore",
    "RefreshTokenStore",
    "TdSynnexClient",
    "TdSynnexSettings",
    "create_tdsynnex_client",
]


def create_tdsynnex_client(
    settings: Mapping[str, str], secrets: SecretStore, clock: Clock = utc_now
) -> TdSynnexClient:
    """From the `tdsynnex.*` config keys; the refresh token lives in the keyring."""
    return TdSynnexClient(
        TdSynnexSettings.model_validate(dict(settings)),
        KeyringRefreshTokenStore(secrets),
        clock=clock,
    )
