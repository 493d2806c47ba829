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
from procdesk.secrets.accounts import account_entry

REFRESH_TOKEN_FIELD = "refresh_token"


class RefreshTokenStore(Protocol):
    async def load(self) -> str | None: ...

    async def save(self, refresh_token: str) -> None: ...


class KeyringRefreshTokenStore:
    """The refresh token of one ION account in the OS keyring, under
    `tdsynnex:<account id>:refresh_token`."""

    def __init__(self, secrets: SecretStore, account_id: str) -> None:
        self._secrets = secrets
        self._entry = account_entry(Provider.TDSYNNEX.value, account_id)

    async def load(self) -> str | None:
        return await asyncio.to_thread(self._secrets.get, self._entry, REFRESH_TOKEN_FIELD)

    async def save(self, refresh_token: str) -> None:
        await asyncio.to_thread(self._secrets.set, self._entry, REFRESH_TOKEN_FIELD, refresh_token)
