"""The TD SYNNEX StreamOne ION emulator as a Starlette sub-app, mounted at /tdsynnex."""

from __future__ import annotations

from starlette.applications import Starlette

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.tdsynnex import (
    routes_customers,
    routes_oauth,
    routes_orders,
    routes_products,
)
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox


def create_app(clock: SandboxClock, seed: int) -> Starlette:
    """`app.state.sandbox` is the TdSynnexSandbox (snapshot, reset, set_lifetimes)."""
    app = Starlette(
        routes=[
            *routes_oauth.ROUTES,
            *routes_customers.ROUTES,
            *routes_products.ROUTES,
            *routes_orders.ROUTES,
        ]
    )
    app.state.sandbox = TdSynnexSandbox(clock, seed)
    return app
