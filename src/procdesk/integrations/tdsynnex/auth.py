"""TD SYNNEX ION OAuth 2 refresh-token flow through Authlib, with rotation made crash-safe.

Order of events on every refresh: read the refresh token from the store, exchange it, write
the NEW refresh token to the store, and only then hand out the new access token. If the write
fails, the new tokens are held back (never used) and the write is tried again first on the
next call, so a failing keyring never strands the account while this process lives.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

from procdesk.domain.clock import Clock
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    ProviderError,
)
from procdesk.integrations.oauth import AccessToken, expiry_from, transport_error
from procdesk.integrations.oauth_client import read_json
from procdesk.integrations.tdsynnex.errors import PROVIDER, classify
from procdesk.integrations.tdsynnex.models import ValidateAccessResponse
from procdesk.integrations.tdsynnex.tokens import RefreshTokenStore

TOKEN_PATH = "/oauth/token"
VALIDATE_PATH = "/oauth/validateAccess"
OPERATION = f"POST {TOKEN_PATH}"
NO_CLIENT_AUTH = "refresh_token_only"  # ION authenticates the refresh token alone


def _no_client_auth(
    client: object, method: str, uri: str, headers: dict[str, str], body: str
) -> tuple[str, dict[str, str], str]:
    return uri, headers, body


@dataclass(frozen=True)
class _Unsaved:
    refresh_token: str = field(repr=False)
    access: AccessToken


class TdSynnexTokenSource:
    def __init__(self, oauth: AsyncOAuth2Client, store: RefreshTokenStore, clock: Clock) -> None:
        self._oauth = oauth
        self._store = store
        self._clock = clock
        self._lock = asyncio.Lock()
        self._current: AccessToken | None = None
        self._unsaved: _Unsaved | None = None
        self.refresh_expires_at: datetime | None = None
        self.refreshes = 0
        oauth.register_client_auth_method((NO_CLIENT_AUTH, _no_client_auth))
        oauth.register_compliance_hook("refresh_token_response", self._raise_for_error)

    @property
    def current(self) -> AccessToken | None:
        return self._current

    async def token(self) -> AccessToken:
        async with self._lock:
            current = await self._persist(self._unsaved) if self._unsaved else self._current
            if current is None or not current.is_fresh(self._clock()):
                current = await self._refresh()
            return current

    async def renew(self, rejected: AccessToken | None) -> AccessToken:
        """A new access token after `rejected` came back 401 (unless already replaced)."""
        async with self._lock:
            current = await self._persist(self._unsaved) if self._unsaved else self._current
            if current is None or current == rejected:
                current = await self._refresh()
            return current

    async def validate(self, token: AccessToken) -> ValidateAccessResponse:
        """ION's own view of the lifetimes; updates what the client's `credential_status`
        reports."""
        operation = f"POST {VALIDATE_PATH}"
        try:
            response = await self._oauth.request(
                "POST", VALIDATE_PATH, data={"access_token": token.value}, withhold_token=True
            )
        except httpx.TransportError as exc:
            raise transport_error(PROVIDER, exc, operation, effectful=False) from None
        if not response.is_success:
            raise classify(response, operation, effectful=False, now=self._clock())
        lifetimes = read_json(
            PROVIDER, ValidateAccessResponse.model_validate_json, response, effectful=False
        )
        now = self._clock()
        self.refresh_expires_at = expiry_from(now, lifetimes.refresh_expires_in)
        access_expires_at = expiry_from(now, lifetimes.access_expires_in)
        if self._current == token and access_expires_at is not None:
            self._current = AccessToken(token.value, access_expires_at)
        return lifetimes

    async def _refresh(self) -> AccessToken:
        refresh_token = await self._store.load()
        if not refresh_token:
            raise CredentialsMissingError(PROVIDER, "no TD SYNNEX refresh token is stored")
        self._current = None
        try:
            token = await self._oauth.refresh_token(TOKEN_PATH, refresh_token=refresh_token)
        except httpx.TransportError as exc:
            # the exchange may have happened and spent the refresh token
            raise transport_error(PROVIDER, exc, OPERATION, effectful=True) from None
        except OAuthError as exc:
            raise AuthenticationError(
                PROVIDER,
                exc.description or exc.error or "refresh token refused",
                operation=OPERATION,
            ) from None
        self.refreshes += 1
        value = token.get("access_token")
        new_refresh = token.get("refresh_token")
        if not isinstance(value, str) or not value:
            raise AuthenticationError(
                PROVIDER, "the token response carried no access_token", operation=OPERATION
            )
        access = AccessToken(value, expiry_from(self._clock(), token.get("expires_in")))
        if isinstance(new_refresh, str) and new_refresh and new_refresh != refresh_token:
            access = await self._persist(_Unsaved(new_refresh, access))
        else:
            self._current = access
        return await self._learn_lifetimes(access)

    async def _learn_lifetimes(self, access: AccessToken) -> AccessToken:
        """A rotated refresh token has a new lifetime: ask ION. Not knowing it is no reason
        to fail the call that needed the token, so a failed lookup leaves it unknown."""
        try:
            await self.validate(access)
        except ProviderError:
            self.refresh_expires_at = None
        return self._current or access

    async def _persist(self, unsaved: _Unsaved) -> AccessToken:
        """Store the rotated refresh token; only then may its access token be used."""
        self._unsaved = unsaved
        await self._store.save(unsaved.refresh_token)
        self._unsaved = None
        self._current = unsaved.access
        return unsaved.access

    def _raise_for_error(self, response: httpx.Response) -> httpx.Response:
        if response.is_success:
            return response
        error = classify(response, OPERATION, effectful=True, now=self._clock())
        if response.status_code in (400, 401, 403):
            raise AuthenticationError(
                PROVIDER,
                f"the refresh token was refused: {error.message}",
                status_code=response.status_code,
                operation=OPERATION,
            )
        raise error
