"""The TD SYNNEX XML emulator as a Starlette sub-app, mounted at /tdsynnex/SynnexXML."""

from __future__ import annotations

from starlette.applications import Starlette

from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.synnexxml.routes import ROUTES
from procdesk.sandbox.synnexxml.state import SynnexXmlSandbox


def create_app(clock: SandboxClock, seed: int) -> Starlette:
    """`app.state.sandbox` is the SynnexXmlSandbox (orders, snapshot, reset)."""
    app = Starlette(routes=ROUTES)
    app.state.sandbox = SynnexXmlSandbox(clock, seed)
    return app
