"""TD SYNNEX StreamOne ION v3: rotating refresh-token OAuth, customers, products, orders.

The client (and Authlib under it) loads when first used: the token store is imported by
processes that never talk to ION, the dashboard among them, before their first frame.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from procdesk.domain.clock import Clock, utc_now
from procdesk.integrations.tdsynnex.tokens import KeyringRefreshTokenStore, RefreshTokenStore
from procdesk.secrets import SecretStore

if TYPE_CHECKING:
    from procdesk.integrations.tdsynnex.client import TdSynnexClient, TdSynnexSettings

__all__ = [
    "KeyringRefreshTokenStore",
    "RefreshTokenStore",
    "TdSynnexClient",
    "TdSynnexSettings",
    "create_tdsynnex_client",
]
_FROM_CLIENT = frozenset({"TdSynnexClient", "TdSynnexSettings"})


def __getattr__(name: str) -> Any:
    if name in _FROM_CLIENT:
        return getattr(importlib.import_module("procdesk.integrations.tdsynnex.client"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def create_tdsynnex_client(
    settings: Mapping[str, str], secrets: SecretStore, clock: Clock = utc_now
) -> TdSynnexClient:
    """From the `tdsynnex.*` config keys; the refresh token lives in the keyring."""
    from procdesk.integrations.tdsynnex.client import TdSynnexClient, TdSynnexSettings

    config = TdSynnexSettings.model_validate(dict(settings))
    return TdSynnexClient(
        config,
        KeyringRefreshTokenStore(secrets, config.account_id),
        clock=clock,
    )
