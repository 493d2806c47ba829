"""Ingram Micro OAuth 2 client credentials through Authlib, cached until shortly before
expiry and fetched again when a call comes back 401."""

from __future__ import annotations

import asyncio

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

from procdesk.domain.clock import Clock
from procdesk.integrations.errors import AuthenticationError
from procdesk.integrations.ingram.errors import PROVIDER, classify
from procdesk.integrations.oauth import AccessToken, expiry_from, transport_error

TOKEN_PATH = "/oauth/oauth20/token"
OPERATION = f"POST {TOKEN_PATH}"


class IngramTokenSource:
    """Hands out a valid access token; one fetch at a time however many callers wait."""

    def __init__(self, oauth: AsyncOAuth2Client, clock: Clock) -> None:
        self._oauth = oauth
        self._clock = clock
        self._lock = asyncio.Lock()
        self._current: AccessToken | None = None
        self.fetches = 0  # how many tokens this source has fetched (shown by diagnostics)
        oauth.register_compliance_hook("access_token_response", self._raise_for_error)

    @property
    def current(self) -> AccessToken | None:
        return self._current

    async def token(self) -> AccessToken:
        async with self._lock:
            if self._current is None or not self._current.is_fresh(self._clock()):
                self._current = await self._fetch()
            return self._current

    async def renew(self, rejected: AccessToken | None) -> AccessToken:
        """A fresh token after `rejected` came back 401, unless another caller already
        replaced it."""
        async with self._lock:
            if self._current is None or self._current == rejected:
                self._current = await self._fetch()
            return self._current

    async def _fetch(self) -> AccessToken:
        try:
            token = await self._oauth.fetch_token(TOKEN_PATH, grant_type="client_credentials")
        except httpx.TransportError as exc:
            raise transport_error(PROVIDER, exc, OPERATION, effectful=False) from None
        except OAuthError as exc:
            raise AuthenticationError(
                PROVIDER, exc.description or exc.error or "token refused", operation=OPERATION
            ) from None
        self.fetches += 1
        value = token.get("access_token")
        if not isinstance(value, str) or not value:
            raise AuthenticationError(
                PROVIDER, "the token response carried no access_token", operation=OPERATION
            )
        return AccessToken(value, expiry_from(self._clock(), token.get("expires_in")))

    def _raise_for_error(self, response: httpx.Response) -> httpx.Response:
        if response.is_success:
            return response
        error = classify(response, OPERATION, effectful=False, now=self._clock())
        if isinstance(error, AuthenticationError):
            raise error
        if response.status_code in (400, 403):
            raise AuthenticationError(
                PROVIDER, error.message, status_code=response.status_code, operation=OPERATION
            )
        raise error
