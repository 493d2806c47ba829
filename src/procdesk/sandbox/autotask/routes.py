"""The Autotask REST surface as one ASGI app, mounted at /autotask.

Path segments match case-insensitively (`ATServicesRest/V1.0` works). Every call but
zoneInformation needs the three auth headers, counts against the hourly threshold (and is
slowed as that budget is used) and holds one of the three threads of its endpoint while it
runs."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from procdesk.sandbox.autotask import handlers, procurement_handlers
from procdesk.sandbox.autotask.emulator import AutotaskEmulator
from procdesk.sandbox.autotask.handlers import Call, method_not_allowed
from procdesk.sandbox.autotask.limits import THREAD_RETRY_AFTER_SECONDS, usage_delay_seconds
from procdesk.sandbox.autotask.values import AutotaskError

Handler = Callable[[Call], Awaitable[Response]]
PREFIX = re.compile(r"^/atservicesrest/v1\.0(?P<rest>/.*)$", re.IGNORECASE)
ZONE_PATH = re.compile(r"^/zoneInformation/?$", re.IGNORECASE)


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    methods: frozenset[str]
    handler: Handler


def _route(pattern: str, methods: str, handler: Handler) -> Route:
    return Route(re.compile(f"^{pattern}/?$", re.IGNORECASE), frozenset(methods.split()), handler)


ENTITY = r"/(?P<entity>[A-Za-z]+)"
ROUTES = [
    _route(r"/ThresholdInformation", "GET", handlers.threshold_information),
    _route(ENTITY + r"/entityInformation", "GET", handlers.entity_information),
    _route(ENTITY + r"/entityInformation/fields", "GET", handlers.entity_fields),
    _route(ENTITY + r"/entityInformation/userDefinedFields", "GET", handlers.user_defined_fields),
    _route(ENTITY + r"/query", "GET POST", handlers.query),
    _route(ENTITY + r"/query/count", "GET POST", handlers.query_count),
    _route(ENTITY + r"/query/next", "GET POST", handlers.query_next),
    _route(r"/Tickets/(?P<ticket>\d+)/Charges", "GET POST PATCH", handlers.ticket_charges),
    _route(r"/Tickets/(?P<ticket>\d+)/Charges/(?P<id>\d+)", "GET DELETE", handlers.ticket_charge),
    _route(
        r"/PurchaseOrders/(?P<po>\d+)/Items",
        "GET POST PATCH PUT",
        procurement_handlers.purchase_order_items,
    ),
    _route(
        r"/PurchaseOrderItems/(?P<item>\d+)/Receiving",
        "GET POST",
        procurement_handlers.item_receiving,
    ),
    _route(r"/Products/(?P<product>\d+)/Vendors", "GET", procurement_handlers.product_vendors),
    _route(ENTITY + r"/(?P<id>\d+)", "GET", handlers.get_item),
    _route(ENTITY, "POST PATCH PUT", handlers.write_entity),
]
# Child paths count against the child's own endpoint for thread limiting.
CHILD_ENDPOINTS = {
    ("tickets", "charges"): "ticketcharges",
    ("purchaseorders", "items"): "purchaseorderitems",
    ("purchaseorderitems", "receiving"): "purchaseorderitemreceiving",
    ("products", "vendors"): "productvendors",
}


def errors(message: str, status: int = 500, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"errors": [message]}, status_code=status, headers=headers)


def endpoint_of(path: str) -> str:
    """The object endpoint a call belongs to, for thread limiting: its entity."""
    parts = [p.lower() for p in path.strip("/").split("/")]
    if len(parts) >= 3:
        return CHILD_ENDPOINTS.get((parts[0], parts[2]), parts[0])
    return parts[0]


@dataclass(frozen=True)
class Admitted:
    route: Route
    params: dict[str, str]
    code: str
    endpoint: str


class AutotaskApp:
    def __init__(self, emulator: AutotaskEmulator) -> None:
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        admitted = self._admit(request)
        if isinstance(admitted, Response):
            await admitted(scope, receive, send)
            return
        try:
            response = await self._handle(request, admitted)
            await response(scope, receive, send)
        finally:
            self.emulator.threads.release(admitted.code, admitted.endpoint)

    def _admit(self, request: Request) -> Admitted | Response:
        """Route, authenticate and apply the limits; a Response when the call stops here."""
        path, root = request.scope["path"], request.scope.get("root_path", "")
        prefixed = PREFIX.match(path[len(root) :] if path.startswith(root) else path)
        if prefixed is None:
            return errors("The requested resource was not found.", 404)
        rest = prefixed["rest"]
        if ZONE_PATH.match(rest):
            return self._zone_information(request)
        found = next(((r, m) for r in ROUTES if (m := r.pattern.match(rest))), None)
        if found is None:
            return errors("The requested resource was not found.", 404)
        headers = request.headers
        code = headers.get("ApiIntegrationCode")
        if code is None or not self.emulator.authenticated(
            code, headers.get("UserName"), headers.get("Secret")
        ):
            return errors(
                "Authentication failed: check UserName, Secret and ApiIntegrationCode.", 401
            )
        emulator = self.emulator
        emulator.requests_served += 1
        limit = emulator.store.settings.hourly_request_limit
        wait = emulator.threshold.admit(emulator.clock.now(), limit)
        if wait is not None:
            return errors(
                "Request threshold exceeded: the hourly request limit has been reached.",
                429,
                {"Retry-After": str(wait)},
            )
        endpoint = endpoint_of(rest)
        if not emulator.threads.try_acquire(code, endpoint):
            return errors(
                "Thread Threshold Exceeded (Itgenatr005): at most 3 concurrent requests per "
                "integration code per endpoint.",
                429,
                {"Retry-After": str(THREAD_RETRY_AFTER_SECONDS)},
            )
        route, match = found
        return Admitted(route, match.groupdict(), code, endpoint)

    async def _handle(self, request: Request, admitted: Admitted) -> Response:
        if request.method not in admitted.route.methods:
            return method_not_allowed(request.method)
        emulator = self.emulator
        if emulator.store.settings.usage_latency:
            used = emulator.threshold.count(emulator.clock.now())
            delay = usage_delay_seconds(used, emulator.store.settings.hourly_request_limit)
            if delay:
                await asyncio.sleep(delay)
        try:
            return await admitted.route.handler(Call(request, self.emulator, admitted.params))
        except AutotaskError as exc:
            return errors(exc.message, exc.status)

    def _zone_information(self, request: Request) -> Response:
        user = request.query_params.get("user", "")
        if user.lower() != self.emulator.credentials.username.lower():
            return errors("Zone information could not be determined")
        url = request.url
        origin = f"{url.scheme}://{url.netloc}"
        return JSONResponse(
            {
                "zoneName": "Sandbox",
                "url": f"{origin}/autotask/atservicesrest/",
                "webUrl": f"{origin}/autotask/",
                "ci": 1,
            }
        )
