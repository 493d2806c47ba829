"""The demo's provider story and its clock.

At start, after signing in everywhere: the TD SYNNEX session has run past its lifetime
(`expire_tdsynnex_session`), as after a long weekend, so the first TD SYNNEX call fails,
the workers pause TD SYNNEX work, open a "credentials expired" issue and the header says
so; a fresh refresh token "from the ION portal" (the demo guide shows it) is valid, so
re-authenticating with it in the dashboard works and the paused orders resume.

The demo clock is the sandbox's: real time by default. `DemoScenario(time_lapse=N)` moves
it forward so that it runs N times faster, so orders placed by the workers are confirmed,
ship and are received in minutes instead of days.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.sandbox.tdsynnex import TdSynnexSandbox

ACTOR = "demo"


def _ion(sandbox: SandboxServer) -> TdSynnexSandbox:
    ion = sandbox.runtime.distributors["tdsynnex"]
    if not isinstance(ion, TdSynnexSandbox):
        raise TypeError(f"the sandbox's tdsynnex is a {type(ion).__name__}")
    return ion


def renew_seeded_refresh_token(sandbox: SandboxServer) -> None:
    """After the demo clock was set to a fixed time (the screenshots' future date), the
    sandbox's seeded TD SYNNEX refresh token is valid from that time, so signing in works."""
    ion = _ion(sandbox)
    ion.tokens.add_refresh(
        DEMO_CREDENTIALS.tdsynnex.refresh_token, ion.clock.now(), ion.refresh_lifetime
    )


def expire_tdsynnex_session(sandbox: SandboxServer) -> str:
    """Every TD SYNNEX token issued so far ends now; the ION portal's new refresh token
    (the one the demo guide shows) is valid from now. Returns that token."""
    ion = _ion(sandbox)
    now = ion.clock.now()
    ion.tokens.expire_all(now)
    token = DEMO_CREDENTIALS.tdsynnex.portal_refresh_token
    ion.tokens.add_refresh(token, now, ion.refresh_lifetime)
    return token


@dataclass
class DemoScenario:
    sandbox: SandboxServer
    time_lapse: float = 1.0  # how many times faster than real time the demo clock runs
    tick_s: float = 5.0  # how often the clock is moved on (only when time_lapse > 1)

    def __post_init__(self) -> None:
        if self.time_lapse < 1:
            raise ValueError("the time lapse is 1 (real time) or more")

    @property
    def advance_s(self) -> float:
        """Sandbox seconds added on top of the real ones at every tick."""
        return self.tick_s * (self.time_lapse - 1)

    async def run(self) -> None:
        """Tick until cancelled (the app cancels its background jobs at exit); at real
        speed there is nothing to do."""
        if self.advance_s <= 0:
            return
        async with httpx.AsyncClient(base_url=self.sandbox.base_url, timeout=5.0) as http:
            while True:
                await asyncio.sleep(self.tick_s)
                await self.tick(http)

    async def tick(self, http: httpx.AsyncClient) -> None:
        response = await http.post("/_sandbox/clock", json={"advance_seconds": self.advance_s})
        response.raise_for_status()
