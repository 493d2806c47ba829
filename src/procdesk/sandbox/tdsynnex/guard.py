"""The checks in front of every ION v3 call: a valid bearer token and the caller's account.

A valid token for another account id gets 403 PERMISSION_DENIED (the sandbox's choice; the
demo tokens all belong to the one demo account)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from procdesk.sandbox.tdsynnex.responses import BadRequest, error_response
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox

Handler = Callable[[Request, TdSynnexSandbox], Awaitable[Response]]


def sandbox_of(request: Request) -> TdSynnexSandbox:
    sandbox: TdSynnexSandbox = request.app.state.sandbox
    return sandbox


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def account_call(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap an endpoint under /api/v3/accounts/{accountId}/ with auth, account and 400 checks."""

    async def endpoint(request: Request) -> Response:
        sandbox = sandbox_of(request)
        if not sandbox.tokens.access_valid(_bearer(request), sandbox.clock.now()):
            return error_response(401, "Request had invalid or expired authentication credentials.")
        account_id = request.path_params["accountId"]
        if account_id != sandbox.account_id:
            return error_response(403, f"The caller does not have access to account {account_id}.")
        try:
            return await handler(request, sandbox)
        except BadRequest as problem:
            return error_response(400, str(problem))

    return endpoint
