"""HTTP to ION's /api/v3/: bearer token, one refresh and retry on a 401, paging, parsing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from pydantic import BaseModel

from procdesk.domain.clock import Clock
from procdesk.integrations.oauth import transport_error
from procdesk.integrations.oauth_client import read_json
from procdesk.integrations.tdsynnex.auth import TdSynnexTokenSource
from procdesk.integrations.tdsynnex.errors import PROVIDER, classify

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class IonTransport:
    def __init__(
        self,
        http: AsyncOAuth2Client,
        tokens: TdSynnexTokenSource,
        clock: Clock,
        page_size: int,
    ) -> None:
        self._http = http
        self._tokens = tokens
        self._clock = clock
        self._page_size = page_size

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        effectful: bool = False,
        empty_on_404: bool = False,
    ) -> httpx.Response:
        """One call to `/api/v3/{path}`, with one token refresh and retry on a 401."""
        url = f"/api/v3/{path}"
        operation = f"{method} {url}"
        token = await self._tokens.token()
        for attempt in range(2):
            try:
                response: httpx.Response = await self._http.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers={**token.authorization, "Accept": "application/json"},
                    withhold_token=True,
                )
            except httpx.TransportError as exc:
                raise transport_error(PROVIDER, exc, operation, effectful=effectful) from None
            if response.status_code == 401 and attempt == 0:
                token = await self._tokens.renew(token)
                continue
            if response.is_success or (empty_on_404 and response.status_code == 404):
                return response
            break
        raise classify(response, operation, effectful=effectful, now=self._clock())

    async def pages(
        self,
        path: str,
        model: type[M],
        items: Callable[[M], list[T]],
        params: dict[str, str] | None = None,
    ) -> AsyncIterator[T]:
        """Every item of a paged list, following nextPageToken; a 404 means "nothing there"."""
        page_token = ""
        while True:
            query: dict[str, str | int] = {**(params or {}), "pageSize": self._page_size}
            if page_token:
                query["pageToken"] = page_token
            response = await self.request("GET", path, params=query, empty_on_404=True)
            if response.status_code == 404:
                return
            page = self.parse(model, response)
            for item in items(page):
                yield item
            page_token = getattr(page, "nextPageToken", None) or ""
            if not page_token:
                return

    def parse(self, model: type[M], response: httpx.Response) -> M:
        """A response we cannot read: treated as transient; the call may have taken effect."""
        return read_json(PROVIDER, model.model_validate_json, response)
