"""What the OAuth-based distributor clients share: access tokens with lifetimes, and the
classification of transport failures and of generic HTTP statuses into typed errors.

The token exchanges themselves go through Authlib (`AsyncOAuth2Client`); this module only
holds what Authlib does not: our clock, our error types, our secrecy rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import (
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    TransientError,
    ValidationError,
)
from procdesk.integrations.refusals import distributor_refusal_kind

# Refresh a token this long before the provider says it expires.
EXPIRY_LEEWAY = timedelta(minutes=5)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=8, max_keepalive_connections=8)


def expiry_from(now: datetime, expires_in: object) -> datetime | None:
    """`expires_in` may be a JSON number or a numeric string (Ingram sends "86399")."""
    if expires_in is None or isinstance(expires_in, bool):
        return None
    try:
        seconds = float(str(expires_in).strip())
    except ValueError:
        return None
    return now + timedelta(seconds=seconds)


@dataclass(frozen=True)
class AccessToken:
    """A bearer token and when it lapses. The value never shows in repr or str."""

    value: str = field(repr=False)
    expires_at: datetime | None

    def __str__(self) -> str:
        return f"AccessToken(expires_at={self.expires_at})"

    def is_fresh(self, now: datetime) -> bool:
        return self.expires_at is None or now < self.expires_at - EXPIRY_LEEWAY

    @property
    def authorization(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.value}"}


def transport_error(
    provider: Provider, exc: httpx.TransportError, operation: str, *, effectful: bool
) -> TransientError:
    """Timeouts and connection failures. `effectful`: the request changes state at the
    provider (create, cancel, token rotation), so a failure after sending may have applied.

    The message names the failure kind only: httpx's own text can carry the URL.
    """
    if isinstance(exc, httpx.ConnectTimeout | httpx.ConnectError | httpx.PoolTimeout):
        sent = False
        what = "could not connect"
    elif isinstance(exc, httpx.TimeoutException):
        sent = True
        what = "timed out waiting for the response"
    else:
        sent = True
        what = "the connection failed"
    return TransientError(
        provider,
        f"{what} ({type(exc).__name__})",
        maybe_applied=sent and effectful,
        operation=operation,
    )


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as delta-seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


def status_error(
    provider: Provider,
    response: httpx.Response,
    message: str,
    operation: str,
    *,
    effectful: bool,
    now: datetime,
    errors: list[str] | None = None,
) -> ProviderError:
    """The generic mapping of a distributor's HTTP error status (401 is the caller's: it
    may retry); a refusal carries whether a part is unavailable or the order refused."""
    status = response.status_code
    if status == 429:
        return RateLimitedError(
            provider,
            message,
            retry_after=retry_after_seconds(response.headers.get("Retry-After"), now),
            operation=operation,
        )
    if status >= 500:
        return TransientError(
            provider, message, maybe_applied=effectful, status_code=status, operation=operation
        )
    if status == 404:
        return NotFoundError(provider, message, status_code=status, operation=operation)
    if status == 403:
        return PermissionDeniedError(provider, message, status_code=status, operation=operation)
    return ValidationError(
        provider,
        message,
        errors=errors,
        status_code=status,
        operation=operation,
        kind=distributor_refusal_kind(message),
    )
