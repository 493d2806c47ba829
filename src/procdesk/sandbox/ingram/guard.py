"""The checks in front of every Ingram Micro business call: bearer token, IM-* headers and
the registered customer number. Responses echo IM-CorrelationID."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from procdesk.sandbox.ingram.auth import ClientRegistration, TokenCheck
from procdesk.sandbox.ingram.responses import customer_number_fault, errors_response, gateway_fault
from procdesk.sandbox.ingram.state import IngramSandbox
from procdesk.sandbox.ingram.wire_common import ErrorField

CORRELATION_HEADER = "IM-CorrelationID"
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_HEADER_LIMITS = {"IM-CustomerNumber": 10, CORRELATION_HEADER: 32, "IM-SenderID": 32}


# Handlers get the request, the emulator state and the call's IM-CorrelationID.
BusinessHandler = Callable[[Request, IngramSandbox, str], Awaitable[Response]]


def sandbox_of(request: Request) -> IngramSandbox:
    sandbox: IngramSandbox = request.app.state.sandbox
    return sandbox


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _authenticate(request: Request, sandbox: IngramSandbox) -> ClientRegistration | Response:
    check, client = sandbox.tokens.check(_bearer(request), sandbox.clock.now())
    if check is TokenCheck.EXPIRED:
        return gateway_fault(
            401, "Access Token expired", "keymanagement.service.access_token_expired"
        )
    if check is TokenCheck.UNKNOWN or client is None:
        return gateway_fault(
            401, "Invalid Access Token", "keymanagement.service.invalid_access_token"
        )
    return client


def _header_problems(request: Request) -> list[ErrorField]:
    problems = []
    for name in ("IM-CustomerNumber", "IM-CountryCode", CORRELATION_HEADER):
        if not request.headers.get(name, "").strip():
            problems.append(ErrorField(field=name, value="", message=f"{name} header is required."))
    for name, limit in _HEADER_LIMITS.items():
        value = request.headers.get(name, "")
        if len(value) > limit:
            problems.append(
                ErrorField(
                    field=name, value=value, message=f"{name} must be at most {limit} characters."
                )
            )
    country = request.headers.get("IM-CountryCode", "")
    if country and not _COUNTRY.match(country):
        problems.append(
            ErrorField(
                field="IM-CountryCode",
                value=country,
                message="IM-CountryCode must be a two-letter ISO country code.",
            )
        )
    return problems


def business_call(handler: BusinessHandler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap an endpoint so it runs only for an authenticated, well-addressed call."""

    async def endpoint(request: Request) -> Response:
        correlation_id = request.headers.get(CORRELATION_HEADER, "")
        response = await _checked(request, correlation_id, handler)
        if correlation_id:
            response.headers[CORRELATION_HEADER] = correlation_id
        return response

    return endpoint


async def _checked(request: Request, correlation_id: str, handler: BusinessHandler) -> Response:
    sandbox = sandbox_of(request)
    client = _authenticate(request, sandbox)
    if isinstance(client, Response):
        return client
    problems = _header_problems(request)
    if problems:
        return errors_response(
            400,
            "Missing or invalid request headers.",
            error_type="INVALID_HEADER",
            correlation_id=correlation_id[:32],
            fields=problems,
        )
    if request.headers["IM-CustomerNumber"].strip() != client.registered_customer_number:
        return customer_number_fault()
    return await handler(request, sandbox, correlation_id)
