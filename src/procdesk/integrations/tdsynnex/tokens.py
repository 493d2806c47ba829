"""Where the TD SYNNEX refresh token lives between runs.

ION refresh tokens are single-use and rotate on every refresh, so the store is the one
source of truth: the client reads it before each exchange and writes the new token to it
before the new access token is used.
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from procdesk.domain.enums import Provider
from procdesk.secrets import SecretStore

REFRESH_TOKEN_FIELD = "refresh_token"


class RefreshTokenStore(Protocol):
    async def load(self) -> str | None: ...

    async def save(self, refresh_token: str) -> None: ...


class KeyringRefreshTokenStore:
    """The refresh token in the OS keyring, under `tdsynnex:refresh_token`."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets

    async def load(self) -> str | None:
        return await asyncio.to_thread(
            self._secrets.get, Provider.TDSYNNEX.value, REFRESH_TOKEN_FIELD
        )

    async def save(self, refresh_token: str) -> None:
        await asyncio.to_thread(
            self._secrets.set, Provider.TDSYNNEX.value, REFRESH_TOKEN_FIELD, refresh_token
        )
