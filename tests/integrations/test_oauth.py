"""The pure pieces the OAuth clients share: expiry arithmetic, Retry-After, transport errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import NotFoundError, RateLimitedError, TransientError
from procdesk.integrations.oauth import (
    AccessToken,
    expiry_from,
    retry_after_seconds,
    status_error,
    transport_error,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expires_in", "expected"),
    [
        ("86399", NOW + timedelta(seconds=86399)),  # Ingram's documented string
        (7200, NOW + timedelta(hours=2)),
        (7200.0, NOW + timedelta(hours=2)),
        (" 60 ", NOW + timedelta(minutes=1)),
        (None, None),
        ("soon", None),
        (True, None),
    ],
)
def test_expiry_accepts_strings_and_numbers(expires_in: object, expected: datetime | None) -> None:
    assert expiry_from(NOW, expires_in) == expected


def test_access_token_is_refreshed_shortly_before_expiry_and_never_shows_its_value() -> None:
    token = AccessToken("very-secret-access-token", NOW + timedelta(minutes=10))
    assert token.is_fresh(NOW)
    assert not token.is_fresh(NOW + timedelta(minutes=6))
    assert "very-secret" not in repr(token)
    assert "very-secret" not in str(token)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        ("0", 0.0),
        ("Mon, 23 Nov 2026 12:00:30 GMT", 30.0),
        ("garbage", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds_or_http_date(header: str | None, expected: float | None) -> None:
    assert retry_after_seconds(header, NOW) == expected


def test_transport_errors_say_whether_the_request_may_have_applied() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/x?secret=abc")
    read_timeout = transport_error(
        Provider.INGRAM, httpx.ReadTimeout("t", request=request), "POST /x", effectful=True
    )
    connect = transport_error(
        Provider.INGRAM, httpx.ConnectError("c", request=request), "POST /x", effectful=True
    )
    read_only = transport_error(
        Provider.INGRAM, httpx.ReadTimeout("t", request=request), "GET /x", effectful=False
    )
    assert read_timeout.maybe_applied is True
    assert connect.maybe_applied is False
    assert read_only.maybe_applied is False
    assert "secret" not in str(read_timeout)


def test_status_errors_are_typed() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/x")
    limited = status_error(
        Provider.TDSYNNEX,
        httpx.Response(429, headers={"Retry-After": "3"}, request=request),
        "slow down",
        "GET /x",
        effectful=False,
        now=NOW,
    )
    missing = status_error(
        Provider.TDSYNNEX,
        httpx.Response(404, request=request),
        "no such order",
        "GET /x",
        effectful=False,
        now=NOW,
    )
    server = status_error(
        Provider.TDSYNNEX,
        httpx.Response(503, request=request),
        "down",
        "POST /x",
        effectful=True,
        now=NOW,
    )
    assert isinstance(limited, RateLimitedError)
    assert limited.retry_after == 3.0
    assert isinstance(missing, NotFoundError)
    assert isinstance(server, TransientError)
    assert server.maybe_applied is True
