"""`procdesk demo`'s world: a sandbox, a throwaway home, keyring and ledger, demo data.

`DemoEnvironment` (an async context manager) starts the sandbox on a free loopback port,
points PROCDESK_HOME at a temporary directory (so nothing touches the user's config, data
dir or keyring), installs an in-memory keyring, signs in to all three sandbox providers
the way `procdesk auth` does (verified live, then stored), maps every demo category to its
Material Cost Code and each distributor to its Autotask vendor company, fills the ledger
with synthetic history (`demo_seed`) and imports the demo quotes through the real
importer, whose pending charges and queued orders the workers then really sync against
the sandbox (purchase orders and receipts in Autotask included). Everything is removed on
exit.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import AsyncExitStack, ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from procdesk.config import Settings, load_settings, set_value
from procdesk.config.paths import DEMO_MARKER
from procdesk.demo.guide import MISMAPPED_CATEGORY
from procdesk.demo.history import history_items
from procdesk.demo.procurement_stories import (
    STUCK_AFTER_MINUTES,
    rotate_ingram_secret_later,
    stuck_order_outage,
)
from procdesk.demo.quotes import write_demo_quotes, write_story_quotes
from procdesk.demo.scenario import ACTOR, expire_tdsynnex_session, renew_seeded_refresh_token
from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_data import (
    DEMO_CATEGORY_BILLING_CODES,
    DEMO_TICKETS,
    WORK_TYPE_CODE_ID,
)
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID, TDSYNNEX_VENDOR_ID
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore, memory_keyring
from procdesk.services.auth.autotask import authenticate_autotask
from procdesk.store import mappings as mapping_store
from procdesk.store.ledger import Ledger
from procdesk.store.seed import SeedCounts, SeedPlan, seed
from procdesk.wiring import Context, autotask_client_for_secret, secret_store

HOME_VARIABLES = ("PROCDESK_HOME", "PROCDESK_CONFIG", "PROCDESK_LEDGER")
# The demo's pace: workers cycle every few seconds so the dashboard visibly moves.
DEMO_CONFIG = {
    "sync.interval_s": "5",
    "procurement.stuck_after_minutes": str(STUCK_AFTER_MINUTES),
}
# What the demo's Ingram Micro settings say after a typo (the right one is in the guide).
MISTYPED_CUSTOMER_NUMBER = "20-222322"
# A category nobody has given a billing code yet: the Samsung monitor of quote Q-1001 (the
# other peripherals are Autotask products, which carry their own code).
UNMAPPED_CATEGORY = "Peripherals"


@dataclass
class DemoWorld:
    """What the dashboard and the scenario need from a running demo."""

    home: Path
    sandbox: SandboxServer
    context: Context  # on demo time: the sandbox clock, which the scenario moves ahead
    seeded: SeedCounts

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def ledger(self) -> Ledger:
        return self.context.ledger

    @property
    def secrets(self) -> SecretStore:
        return self.context.secrets

    def now(self) -> datetime:
        """Demo time: the sandbox clock, which the scenario moves ahead."""
        return self.sandbox.runtime.clock.now()


def distributor_config(sandbox: SandboxServer) -> dict[Distributor, dict[str, str]]:
    ingram = DEMO_CREDENTIALS.ingram
    return {
        Distributor.INGRAM: {
            "base_url": sandbox.provider_urls["ingram"],
            "client_id": ingram.client_id,
            "customer_number": ingram.customer_number,
            "country_code": ingram.country_code,
            "sender_id": ingram.sender_id,
        },
        Distributor.TDSYNNEX: {
            "base_url": sandbox.provider_urls["tdsynnex"],
            "account_id": DEMO_CREDENTIALS.tdsynnex.account_id,
        },
        Distributor.TDSYNNEX_XML: {
            "base_url": sandbox.provider_urls["tdsynnex_xml"],
            "customer_number": DEMO_CREDENTIALS.tdsynnex_xml.customer_number,
            "username": DEMO_CREDENTIALS.tdsynnex_xml.username,
        },
    }


class DemoEnvironment:
    """`async with DemoEnvironment(rows=2000) as world:` — see the module docstring."""

    def __init__(self, *, rows: int = 2_000, start: datetime | None = None) -> None:
        """`start`: set the demo clock to this time first (screenshots use a fixed one)."""
        if rows < 0:
            raise ValueError("rows must be zero or more")
        self.rows = rows
        self.start = start
        self._sandbox: SandboxServer | None = None
        self._sync = ExitStack()
        self._async = AsyncExitStack()

    async def __aenter__(self) -> DemoWorld:
        try:
            return await self._start()
        except BaseException:
            await self._close()
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._close()

    async def _close(self) -> None:
        try:
            await self._async.aclose()
        finally:
            self._sync.close()

    async def _start(self) -> DemoWorld:
        home = Path(self._sync.enter_context(tempfile.TemporaryDirectory(prefix="procdesk-")))
        self._sync.callback(_restore_env, {k: os.environ.get(k) for k in HOME_VARIABLES})
        for name in HOME_VARIABLES:
            os.environ.pop(name, None)
        os.environ["PROCDESK_HOME"] = str(home)
        # Commands pointed at this home from another process learn that its secrets live
        # only in this process (and say so instead of looking in the OS keyring).
        (home / DEMO_MARKER).write_text(str(os.getpid()))
        secrets = secret_store(self._sync.enter_context(memory_keyring()))
        sandbox = self._sync.enter_context(SandboxServer(SandboxConfig(port=0)))
        self._sandbox = sandbox
        if self.start is not None:
            sandbox.runtime.clock.set(self.start)
            renew_seeded_refresh_token(sandbox)
        runtime = sandbox.runtime
        runtime.set_faults([*runtime.faults.rules, stuck_order_outage(runtime.clock.now())])
        set_value("autotask.base_url", sandbox.provider_urls["autotask"])
        for key, value in DEMO_CONFIG.items():
            set_value(key, value)
        for distributor, config in distributor_config(sandbox).items():
            for name, value in config.items():
                set_value(f"{distributor.value}.{name}", value)
        settings = load_settings()
        ledger = await Ledger.open(settings.ledger)
        self._async.push_async_callback(ledger.close)
        context = Context(settings, ledger, secrets, ACTOR, clock=self.clock)
        await self._sign_in(context, sandbox)
        # The provider stories: a mistyped Ingram customer number, an expired TD SYNNEX
        # session; the demo guide shows the values that fix them.
        set_value("ingram.customer_number", MISTYPED_CUSTOMER_NUMBER)
        expire_tdsynnex_session(sandbox)
        rotate_ingram_secret_later(sandbox)
        context.settings = load_settings()
        await self._map_categories(context)
        await self._map_vendors(context)
        async with ledger.write() as conn:
            counts = await seed(
                conn,
                SeedPlan(
                    charges=self.rows,
                    tickets=[(t.id, t.ticketNumber) for t in DEMO_TICKETS],
                    categories=list(DEMO_CATEGORY_BILLING_CODES),
                    items=history_items(),
                ),
                now=self.clock(),
                actor=ACTOR,
            )
        importer = context.quote_importer()
        await importer.import_file(write_demo_quotes(home))
        # The charge stories: Q-2002 accepted, its charge made, then the quote retracted.
        await importer.import_file(write_story_quotes(home, retracted=False))
        await importer.import_file(write_story_quotes(home, retracted=True))
        return DemoWorld(home, sandbox, context, counts)

    def clock(self) -> datetime:
        """The sandbox clock: workers, importer and dashboard share the demo's time."""
        if self._sandbox is None:
            raise RuntimeError("the demo is not running")
        return self._sandbox.runtime.clock.now()

    async def _sign_in(self, context: Context, sandbox: SandboxServer) -> None:
        autotask = DEMO_CREDENTIALS.autotask
        await authenticate_autotask(
            context.settings,
            context.secrets,
            context.credentials(),
            client_for=autotask_client_for_secret,
            username=autotask.username,
            integration_code=autotask.integration_code,
            secret=autotask.secret,
        )
        reauth = context.distributor_reauth()
        distributor_secrets = {
            Distributor.INGRAM: DEMO_CREDENTIALS.ingram.client_secret,
            Distributor.TDSYNNEX: DEMO_CREDENTIALS.tdsynnex.refresh_token,
            Distributor.TDSYNNEX_XML: DEMO_CREDENTIALS.tdsynnex_xml.password,
        }
        for distributor, config in distributor_config(sandbox).items():
            await reauth.reauthenticate(distributor, config, distributor_secrets[distributor])

    async def _map_vendors(self, context: Context) -> None:
        """The distributors' vendor companies in the sandbox's Autotask (checked live)."""
        actions = context.purchase_order_actions()
        await actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
        await actions.set_vendor(Distributor.TDSYNNEX, TDSYNNEX_VENDOR_ID)

    async def _map_categories(self, context: Context) -> None:
        """Before any charge exists, so no synced charge needs re-checking."""
        mappings = context.mappings()
        for category, code_id in DEMO_CATEGORY_BILLING_CODES.items():
            if category in (UNMAPPED_CATEGORY, MISMAPPED_CATEGORY):
                continue
            plan = await mappings.plan(category, code_id)
            await mappings.apply(plan, cancel_invalidated=False)
        # Set before procdesk checked codes (the mapping screen refuses such a code now).
        async with context.ledger.write() as conn:
            await mapping_store.put(
                conn,
                category=MISMAPPED_CATEGORY,
                billing_code_id=WORK_TYPE_CODE_ID,
                billing_code_name="Remote Support",
                actor=ACTOR,
                now=self.clock(),
            )


def _restore_env(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
