"""`/oauth/oauth20/token`: the client-credentials grant, by POST form or by GET query."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.ingram.guard import sandbox_of
from procdesk.sandbox.ingram.responses import gateway_fault, json_response
from procdesk.sandbox.ingram.wire_common import TokenError, TokenResponse


async def _token_params(request: Request) -> dict[str, str]:
    """Query parameters, overridden by an urlencoded form body when there is one."""
    params = dict(request.query_params)
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", errors="replace")
        params.update(parse_qsl(body, keep_blank_values=True))
    return params


def _basic_credentials(request: Request) -> tuple[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return "", ""
    client_id, _, client_secret = decoded.partition(":")
    return client_id, client_secret


async def token(request: Request) -> Response:
    params = await _token_params(request)
    grant_type = params.get("grant_type", "").strip()
    if not grant_type:
        return json_response(TokenError(message="grant_type is required."), 400)
    if grant_type != "client_credentials":
        return json_response(TokenError(message=f"Unsupported grant_type: {grant_type}."), 400)
    client_id, client_secret = params.get("client_id", ""), params.get("client_secret", "")
    if not client_id:
        client_id, client_secret = _basic_credentials(request)
    sandbox = sandbox_of(request)
    client = sandbox.tokens.authenticate(client_id, client_secret, sandbox.clock.now())
    if client is None:
        return gateway_fault(401, "Invalid client credentials", "oauth.v2.InvalidClientCredentials")
    access_token = sandbox.tokens.issue(client, sandbox.clock.now(), sandbox.token_lifetime)
    lifetime = str(int(sandbox.token_lifetime.total_seconds()))
    body = TokenResponse(access_token=access_token, token_type="Bearer", expires_in=lifetime)
    response = json_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


ROUTES = [Route("/oauth/oauth20/token", token, methods=["GET", "POST"], name="ingram_token")]
