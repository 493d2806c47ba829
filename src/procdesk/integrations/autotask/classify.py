"""Turn an Autotask HTTP response or transport failure into one typed provider error.

The rule for HTTP 500, decided on the body's evidence: an `errors` array whose every
message is one of Autotask's generic server-fault texts ("An error has occurred",
"Object reference not set...", deadlocks, timeouts) is transient; any other `errors`
array names a field, an entity or a business rule, and is permanent (a validation error,
or an authentication / permission refusal in those words). A 500 without an `errors` array
(an empty body, an HTML error page, a gateway's text) is transient. Transient errors are
retried with back-off, and a create is first looked up by its marker, as after a timeout.

Messages come from the response body (the provider's wording, verbatim) and the
operation ("POST Tickets/123/Charges"): never from request headers, which hold the secret.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from procdesk.domain.enums import IssueKind, Provider
from procdesk.integrations.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    TransientError,
    ValidationError,
)
from procdesk.integrations.refusals import (
    autotask_is_busy,
    autotask_refusal_kind,
    autotask_refuses_credentials,
    autotask_server_fault,
)

P = Provider.AUTOTASK
MAX_TEXT = 500
# Without Retry-After: the hourly threshold needs a back-off of at least a minute; the
# thread threshold clears as soon as one of our own requests finishes.
HOURLY_THRESHOLD_BACKOFF = 60.0
THREAD_THRESHOLD_BACKOFF = 1.0

_THREAD_THRESHOLD = re.compile(r"thread threshold|itgenatr005", re.IGNORECASE)
_PERMISSION = re.compile(r"permission|security level|access denied", re.IGNORECASE)
_CREDENTIALS = re.compile(
    r"integration ?code|credential|\buser ?name\b|\buser\b|secret|unauthori[sz]ed|authenticat",
    re.IGNORECASE,
)
# Transport failures before the request could have reached Autotask: safe to resend.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def error_messages(response: httpx.Response) -> list[str]:
    """The provider's messages: `errors` (strings or objects), else `Message`, else text."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        text = response.text.strip()
        return [text[:MAX_TEXT]] if text else []
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            return [_message_text(e) for e in errors]
        for key in ("Message", "message", "error"):
            if isinstance(body.get(key), str) and body[key]:
                return [body[key]]
    return []


def _message_text(error: object) -> str:
    if isinstance(error, dict):
        for key in ("message", "Message"):
            text = error.get(key)
            if isinstance(text, str):
                return text
    return str(error)


def has_errors_array(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(body, dict) and isinstance(body.get("errors"), list) and bool(body["errors"])


def retry_after_seconds(response: httpx.Response, now: datetime | None = None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), or None when absent/garbled."""
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    raw = raw.strip()
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def classify_response(response: httpx.Response, operation: str) -> ProviderError:
    """The typed error for a non-success response."""
    status = response.status_code
    messages = error_messages(response)
    message = "; ".join(messages) or response.reason_phrase or f"HTTP {status}"
    joined = " ".join(messages)
    kw: dict[str, Any] = {"status_code": status, "operation": operation}

    if status == 429 or _THREAD_THRESHOLD.search(joined):
        return _rate_limited(response, message, joined, operation)
    if status == 401:
        return AuthenticationError(P, message, **kw)
    if status == 403:
        return PermissionDeniedError(P, message, **kw)
    if status == 404:
        return NotFoundError(P, message, **kw)
    if status in (502, 503, 504):
        return TransientError(P, message, maybe_applied=True, **kw)
    if status == 500 and has_errors_array(response):
        if all(autotask_server_fault(m) for m in messages):
            # Autotask's generic fault texts: a fault on its side, maybe applied.
            return TransientError(P, message, maybe_applied=True, **kw)
        if _PERMISSION.search(joined):
            return PermissionDeniedError(P, message, **kw)
        if _CREDENTIALS.search(joined):
            return AuthenticationError(P, message, **kw)
        return _refusal(message, messages, kw)
    if status >= 500:
        # A server fault without Autotask's error body: it may or may not have applied.
        return TransientError(P, message, maybe_applied=True, **kw)
    # 400, 405, 409, 422 ...: Autotask refused the request as sent.
    return _refusal(message, messages or [message], kw)


def _refusal(message: str, messages: list[str], kw: dict[str, Any]) -> ProviderError:
    """Autotask refused: about the billing code, a billed charge, or something else; or it
    is in fact asking to slow down, or refusing the credentials, in a refusal's words."""
    kind = autotask_refusal_kind(message)
    if kind is IssueKind.CHARGE_VALIDATION:
        if autotask_is_busy(message):
            return RateLimitedError(P, message, retry_after=None, **kw)
        if autotask_refuses_credentials(message):
            return AuthenticationError(P, message, **kw)
    return ValidationError(P, message, errors=messages, kind=kind, **kw)


def _rate_limited(
    response: httpx.Response, message: str, joined: str, operation: str
) -> RateLimitedError:
    retry_after = retry_after_seconds(response)
    if retry_after is None:
        thread = _THREAD_THRESHOLD.search(joined) is not None
        retry_after = THREAD_THRESHOLD_BACKOFF if thread else HOURLY_THRESHOLD_BACKOFF
    return RateLimitedError(
        P,
        message,
        retry_after=retry_after,
        status_code=response.status_code,
        operation=operation,
    )


def classify_transport_error(exc: httpx.TransportError, operation: str) -> TransientError:
    """Timeouts and connection failures; `maybe_applied` unless it never left this machine."""
    maybe_applied = not isinstance(exc, _NOT_SENT)
    detail = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
    return TransientError(
        P,
        f"{detail} ({type(exc).__name__})",
        maybe_applied=maybe_applied,
        operation=operation,
    )
