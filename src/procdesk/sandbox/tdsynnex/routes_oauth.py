"""`/oauth/token` (refresh-token grant, rotating) and `/oauth/validateAccess`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.tdsynnex.auth import RefreshFailure
from procdesk.sandbox.tdsynnex.guard import sandbox_of
from procdesk.sandbox.tdsynnex.responses import error_response, form_fields, json_response
from procdesk.sandbox.tdsynnex.wire import TokenResponse, ValidateAccessResponse


async def token(request: Request) -> Response:
    fields = await form_fields(request)
    grant_type = fields.get("grant_type", "")
    if grant_type != "refresh_token":
        return error_response(400, "grant_type must be refresh_token.")
    refresh_token = fields.get("refresh_token", "")
    if not refresh_token:
        return error_response(400, "refresh_token is required.")
    sandbox = sandbox_of(request)
    outcome = sandbox.tokens.refresh(
        refresh_token, sandbox.clock.now(), sandbox.access_lifetime, sandbox.refresh_lifetime
    )
    if isinstance(outcome, RefreshFailure):
        return error_response(401, outcome.value)
    response = json_response(
        TokenResponse(
            access_token=outcome.access_token,
            expires_in=outcome.expires_in,
            refresh_token=outcome.refresh_token,
            token_type="Bearer",
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def validate_access(request: Request) -> Response:
    fields = await form_fields(request)
    sandbox = sandbox_of(request)
    remaining = sandbox.tokens.remaining(fields.get("access_token", ""), sandbox.clock.now())
    if remaining is None:
        return error_response(401, "The access token is invalid or expired.")
    return json_response(
        ValidateAccessResponse(access_expires_in=remaining[0], refresh_expires_in=remaining[1])
    )


ROUTES = [
    Route("/oauth/token", token, methods=["POST"]),
    Route("/oauth/validateAccess", validate_access, methods=["POST"]),
]
