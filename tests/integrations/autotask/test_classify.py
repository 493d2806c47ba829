"""Each Autotask failure becomes exactly one typed error, with the provider's words kept."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from procdesk.integrations.autotask.classify import (
    HOURLY_THRESHOLD_BACKOFF,
    THREAD_THRESHOLD_BACKOFF,
    classify_response,
    classify_transport_error,
    retry_after_seconds,
)
from procdesk.integrations.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    TransientError,
    ValidationError,
)

OP = "POST Tickets/7/Charges"


def response(
    status: int, body: object = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    if isinstance(body, str):
        return httpx.Response(status, text=body, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


def test_validation_500_keeps_the_message_verbatim() -> None:
    error = classify_response(
        response(500, {"errors": ["BillingCode does not exist or is invalid"]}), OP
    )
    assert type(error) is ValidationError
    assert error.message == "BillingCode does not exist or is invalid"
    assert error.errors == ["BillingCode does not exist or is invalid"]
    assert error.status_code == 500
    assert error.operation == OP
    assert not error.retryable


def test_several_errors_are_all_kept() -> None:
    error = classify_response(response(500, {"errors": ["first.", "second."]}), OP)
    assert isinstance(error, ValidationError)
    assert error.errors == ["first.", "second."]
    assert error.message == "first.; second."


def test_user_defined_fields_in_a_message_are_not_credentials() -> None:
    body = {"errors": ["userDefinedFields: Value does not reference an existing entity."]}
    assert type(classify_response(response(500, body), OP)) is ValidationError


@pytest.mark.parametrize(
    "body",
    [
        None,
        {"errors": ["Invalid ApiIntegrationCode supplied"]},
        {"errors": ["The provided credentials are not valid"]},
        {"errors": ["Unable to find the API user."]},
    ],
)
def test_401_and_credential_500s_are_authentication(body: object) -> None:
    status = 401 if body is None else 500
    assert type(classify_response(response(status, body), OP)) is AuthenticationError


def test_403_and_permission_500_are_permission_denied() -> None:
    assert type(classify_response(response(403, {}), OP)) is PermissionDeniedError
    body = {"errors": ["The logged in Resource does not have the adequate permissions."]}
    assert type(classify_response(response(500, body), OP)) is PermissionDeniedError


def test_404_is_not_found() -> None:
    error = classify_response(response(404, {"Message": "No HTTP resource was found"}), OP)
    assert type(error) is NotFoundError
    assert error.message == "No HTTP resource was found"


def test_429_reads_retry_after_seconds() -> None:
    error = classify_response(
        response(429, {"errors": ["Thread Threshold Exceeded"]}, {"Retry-After": "7"}), OP
    )
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 7.0
    assert error.retryable


def test_thread_threshold_without_retry_after_backs_off_briefly() -> None:
    error = classify_response(response(429, {"errors": ["Itgenatr005"]}), OP)
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == THREAD_THRESHOLD_BACKOFF


def test_thread_threshold_as_500_is_still_rate_limited() -> None:
    error = classify_response(response(500, {"errors": ["Thread Threshold Exceeded"]}), OP)
    assert isinstance(error, RateLimitedError)
    assert error.status_code == 500


def test_bare_429_waits_for_the_hourly_threshold() -> None:
    error = classify_response(response(429, {"errors": ["Request threshold reached"]}), OP)
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == HOURLY_THRESHOLD_BACKOFF


def test_retry_after_as_http_date() -> None:
    now = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
    later = response(429, {}, {"Retry-After": "Mon, 23 Nov 2026 12:00:30 GMT"})
    assert retry_after_seconds(later, now) == 30.0
    assert retry_after_seconds(response(429, {}, {"Retry-After": "soon"}), now) is None


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_transient_and_maybe_applied(status: int) -> None:
    error = classify_response(response(status, "<html>bad gateway</html>"), OP)
    assert isinstance(error, TransientError)
    assert error.maybe_applied
    assert error.status_code == status


def test_500_without_errors_body_is_transient() -> None:
    error = classify_response(response(500, "Internal Server Error"), OP)
    assert isinstance(error, TransientError)
    assert error.maybe_applied


def test_405_is_a_refusal_with_its_message() -> None:
    body = {"Message": "The requested resource does not support http method 'GET'."}
    error = classify_response(response(405, body), OP)
    assert type(error) is ValidationError
    assert "does not support http method" in error.message


@pytest.mark.parametrize(
    ("exc", "maybe_applied"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow"), False),
        (httpx.PoolTimeout("busy"), False),
        (httpx.ReadTimeout("slow"), True),
        (httpx.WriteTimeout("slow"), True),
        (httpx.RemoteProtocolError("closed"), True),
        (httpx.ReadError("reset"), True),
    ],
)
def test_transport_errors(exc: httpx.TransportError, maybe_applied: bool) -> None:
    error = classify_transport_error(exc, OP)
    assert isinstance(error, TransientError)
    assert error.maybe_applied is maybe_applied
    assert type(exc).__name__ in error.message
