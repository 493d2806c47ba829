"""The Ingram Micro emulator as a Starlette sub-app, mounted by the sandbox core at /ingram."""

from __future__ import annotations

from starlette.applications import Starlette

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.ingram import routes_catalog, routes_oauth, routes_orders
from procdesk.sandbox.ingram.state import IngramSandbox


def create_app(clock: SandboxClock, seed: int) -> Starlette:
    """`app.state.sandbox` is the IngramSandbox (snapshot, reset, set_token_lifetime)."""
    app = Starlette(routes=[*routes_oauth.ROUTES, *routes_orders.ROUTES, *routes_catalog.ROUTES])
    app.state.sandbox = IngramSandbox(clock, seed)
    return app
