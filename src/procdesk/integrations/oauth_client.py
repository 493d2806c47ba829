"""What every OAuth distributor client (Ingram Micro, TD SYNNEX) does alike: it owns its
HTTP client and closes it with itself, reports the token it holds without a network call,
and reads each answer into a model, an unreadable answer being a transient error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import httpx
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.enums import CredentialState, Provider
from procdesk.integrations.closing import ClosesOnExit
from procdesk.integrations.distributor.models import CredentialStatus
from procdesk.integrations.errors import TransientError
from procdesk.integrations.oauth import AccessToken

T = TypeVar("T")


class OwnsHttpClient(ClosesOnExit):
    """A client that owns `self._http`: `aclose()` and leaving `async with` close it."""

    _http: httpx.AsyncClient

    async def aclose(self) -> None:
        await self._http.aclose()


def held_token_status(
    provider: Provider,
    token: AccessToken | None,
    checked_at: datetime,
    *,
    refresh_expires_at: datetime | None = None,
) -> CredentialStatus:
    """`ok` while the client holds a token, `missing` before it has fetched one."""
    return CredentialStatus(
        provider=provider,
        state=CredentialState.OK if token else CredentialState.MISSING,
        checked_at=checked_at,
        access_expires_at=token.expires_at if token else None,
        refresh_expires_at=refresh_expires_at,
        message="" if token else "no token fetched yet",
    )


def read_json(
    provider: Provider,
    validate: Callable[[bytes], T],
    response: httpx.Response,
    *,
    effectful: bool = True,
) -> T:
    """A response we cannot read: treated as transient; an `effectful` call (the default)
    may have taken effect."""
    try:
        return validate(response.content)
    except PydanticValidationError as exc:
        raise TransientError(
            provider,
            f"unexpected response shape ({exc.error_count()} problems)",
            maybe_applied=effectful,
            status_code=response.status_code,
            operation=f"{response.request.method} {response.request.url.path}",
        ) from None
