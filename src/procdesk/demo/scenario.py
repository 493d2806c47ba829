"""What happens by itself while the demo runs: time passes at the distributors.

Every `tick_s` seconds the sandbox clock moves forward (through its control API), so
orders placed by the workers are confirmed and ship. TD SYNNEX tokens are given short
lifetimes; once the demo jumps a whole day ahead and a quote with TD SYNNEX licences
arrives, the refresh token has expired: the workers pause TD SYNNEX work, open a
"credentials expired" issue and the dashboard asks for re-authentication. As a person
would fetch a new refresh token from the ION portal, the scenario then makes the
sandbox's demo refresh token valid again, so re-authenticating with it in the dashboard
works and the paused orders resume.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import httpx

from procdesk.demo.quotes import write_demo_quotes
from procdesk.domain.enums import CredentialState, Provider
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.sandbox.tdsynnex import TdSynnexSandbox
from procdesk.sandbox.tdsynnex.auth import IonTokenBook
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import credentials
from procdesk.store.ledger import Ledger

ACTOR = "demo"
HOUR_S = 3_600.0
DAY_S = 86_400.0
ACCESS_LIFETIME_S = 1_800  # TD SYNNEX access token: 30 minutes of sandbox time
REFRESH_LIFETIME_S = 6 * 3_600  # refresh token: 6 hours of sandbox time


def _ion(sandbox: SandboxServer) -> TdSynnexSandbox:
    ion = sandbox.runtime.distributors["tdsynnex"]
    if not isinstance(ion, TdSynnexSandbox):
        raise TypeError(f"the sandbox's tdsynnex is a {type(ion).__name__}")
    return ion


def shorten_token_lifetimes(sandbox: SandboxServer) -> None:
    """TD SYNNEX tokens issued from now on live minutes and hours, not days."""
    ion = _ion(sandbox)
    ion.set_lifetimes(access_seconds=ACCESS_LIFETIME_S, refresh_seconds=REFRESH_LIFETIME_S)


def issue_portal_refresh_token(sandbox: SandboxServer) -> str:
    """What a person gets from the ION portal: the demo refresh token, valid again."""
    ion = _ion(sandbox)
    token = DEMO_CREDENTIALS.tdsynnex.refresh_token
    ion.tokens = IonTokenBook(token, ion.clock.now(), ion.refresh_lifetime)
    return token


@dataclass
class DemoScenario:
    sandbox: SandboxServer
    ledger: Ledger
    home: Path  # where the late quote's file is written
    tick_s: float = 15.0
    advance_s: float = HOUR_S
    expire_at_tick: int = 8  # the tick that jumps a day ahead (TD SYNNEX token expires)
    ticks: int = 0
    portal_token_issued: bool = False  # for the current expiry

    async def run(self) -> None:
        """Tick until cancelled (the app cancels its background jobs at exit)."""
        async with httpx.AsyncClient(base_url=self.sandbox.base_url, timeout=5.0) as http:
            while True:
                await asyncio.sleep(self.tick_s)
                await self.tick(http)

    async def tick(self, http: httpx.AsyncClient) -> None:
        self.ticks += 1
        weekend = self.ticks == self.expire_at_tick
        seconds = DAY_S if weekend else self.advance_s
        response = await http.post("/_sandbox/clock", json={"advance_seconds": seconds})
        response.raise_for_status()
        if weekend:  # a quote accepted after the weekend: TD SYNNEX must be called again
            importer = QuoteImporter(self.ledger, actor=ACTOR, clock=self.sandbox.runtime.clock.now)
            await importer.import_file(write_demo_quotes(self.home, late=True))
        expired = await self._tdsynnex_expired()
        if expired and not self.portal_token_issued:
            issue_portal_refresh_token(self.sandbox)
        self.portal_token_issued = expired

    async def _tdsynnex_expired(self) -> bool:
        async with self.ledger.read() as conn:
            row = await credentials.get(conn, Provider.TDSYNNEX)
        return row is not None and row.state is CredentialState.EXPIRED
