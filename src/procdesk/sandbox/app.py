"""The sandbox as one Starlette app: each provider under its prefix, control under /_sandbox."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from procdesk.sandbox.autotask.routes import AutotaskApp
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.control import control_routes
from procdesk.sandbox.fault_middleware import FaultMiddleware
from procdesk.sandbox.providers import MOUNTS
from procdesk.sandbox.runtime import SandboxRuntime
from procdesk.sandbox.stats import StatsMiddleware


def create_app(config: SandboxConfig) -> Starlette:
    """`app.state.runtime` is the SandboxRuntime (state, clock, faults, connections)."""
    runtime = SandboxRuntime(config)
    routes = [
        Mount("/_sandbox", routes=control_routes(runtime)),
        Mount("/autotask", app=AutotaskApp(runtime.autotask)),
        # longest mount first: /tdsynnex/SynnexXML must be tried before /tdsynnex
        *sorted(
            (Mount(MOUNTS[name], app=app) for name, app in runtime.distributor_apps.items()),
            key=lambda mount: -len(mount.path),
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(StatsMiddleware, stats=runtime.stats),
            Middleware(
                FaultMiddleware,
                plan=lambda: runtime.faults,
                connections=runtime.connections,
                clock=runtime.clock.now,
            ),
        ],
    )
    app.state.runtime = runtime
    return app
