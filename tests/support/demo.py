"""Helpers for tests over a running demo world (`procdesk demo`'s environment): one worker
cycle, the demo's dashboard, its open issues, typing into a field as a person does."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from procdesk.demo.environment import DemoWorld
from procdesk.demo.guide import DemoGuide
from procdesk.demo.procurement_stories import INGRAM_SECRET_ROTATES_AFTER
from procdesk.domain.enums import IssueKind, Provider
from procdesk.domain.state_machines import ORDER_POLLABLE_STATES
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.store import order_work
from procdesk.store.schema import issues
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.reauth import ReauthScreen
from tests.support.dashboard import ids_where, press, press_on


async def cycle(world: DemoWorld) -> None:
    """One round of the workers the demo runs in-process."""
    await world.context.charge_loop("demo-test").run_once()
    await world.context.procurement_loop("demo-test").run_cycle()


def demo_dashboard(world: DemoWorld) -> ProcdeskApp:
    """The demo's dashboard with its guide (`g`); `s` runs one worker cycle."""
    guide = DemoGuide(home=world.home, sandbox_url=world.sandbox.base_url, time_lapse=1)

    async def sync_now() -> None:
        await cycle(world)

    options = DashboardOptions(poll_interval=3600, sync_now=sync_now, guide=guide.as_markdown())
    return make_app(world.context, options)


async def open_issue(world: DemoWorld, kind: IssueKind, subject_id: str | None = None) -> int:
    """The one open issue of `kind` (about `subject_id`, where the seeded history has more)."""
    about = [] if subject_id is None else [issues.c.subject_id == subject_id]
    [issue_id] = await ids_where(
        world.ledger, "issues", issues.c.kind == kind.value, issues.c.status == "open", *about
    )
    return issue_id


async def is_open(world: DemoWorld, issue_id: int) -> bool:
    return bool(
        await ids_where(world.ledger, "issues", issues.c.id == issue_id, issues.c.status == "open")
    )


async def retype(app: ProcdeskApp, pilot: Pilot[Any], field: Input, text: str) -> None:
    """Focus a field, erase what it holds and type `text`, key by key."""
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value), *text)
    await pilot.pause()


def header(app: ProcdeskApp) -> str:
    return probe.screen_text(app).splitlines()[0]


async def fix_ingram_customer_number(world: DemoWorld, *, secret: str | None = None) -> None:
    """What the Ingram re-authentication screen does with the right number the guide shows
    (and the app's client secret, the demo's first one unless told)."""
    ingram = DEMO_CREDENTIALS.ingram
    context = world.context
    done = await context.reauthenticator().reauthenticate(
        context.settings,
        provider=Provider.INGRAM,
        fields={
            "client_id": ingram.client_id,
            "customer_number": ingram.customer_number,
            "country_code": ingram.country_code,
        },
        secret=secret or ingram.client_secret,
    )
    context.settings = done.settings


async def past_the_ingram_secret_rotation(world: DemoWorld) -> None:
    """Both Ingram stories done at once: demo time moved past the rotation of the app's
    secret, then re-authenticated with the right customer number and the new secret. For
    tests that move the clock by days (the old secret would stop working on the way)."""
    world.sandbox.runtime.clock.advance(INGRAM_SECRET_ROTATES_AFTER.total_seconds())
    await fix_ingram_customer_number(world, secret=DEMO_CREDENTIALS.ingram.rotated_client_secret)


async def reauthenticate_from_issue(
    app: ProcdeskApp,
    pilot: Pilot[Any],
    world: DemoWorld,
    issue_id: int,
    provider: Provider,
    secret: str,
) -> None:
    """`f` on the credential issue, the provider's re-authentication screen, the secret typed
    in, enter: the screen closes and the issue is resolved."""
    await press_on(app, pilot, "issues", issue_id, "f")
    screen = app.screen
    assert isinstance(screen, ReauthScreen)
    assert screen.provider is provider
    await retype(app, pilot, screen.query_one("#secret", Input), secret)
    await press(app, pilot, "enter")
    assert not isinstance(app.screen, ReauthScreen), probe.screen_text(app)
    assert not await is_open(world, issue_id)


async def guide_shows(app: ProcdeskApp, pilot: Pilot[Any], text: str, *, pages: int = 10) -> bool:
    """Whether the open demo guide shows `text`, paging down as a reader would."""
    for _ in range(pages):
        if text in probe.screen_text(app):
            return True
        await press(app, pilot, "pagedown")
    return text in probe.screen_text(app)


@asynccontextmanager
async def demo_workers(world: DemoWorld) -> AsyncIterator[Callable[[float], Awaitable[None]]]:
    """The demo's three worker loops (charges, procurement, purchase orders); yields `cycle`,
    which moves demo time on by that many seconds, makes every placed order due for a poll
    and runs one round of each loop."""
    context = world.context
    charges_loop = context.charge_loop("demo-test")
    procurement = context.procurement_loop("demo-test")
    purchase_orders = context.purchase_order_loop("demo-test")

    async def cycle(seconds: float = 0) -> None:
        world.sandbox.runtime.clock.advance(seconds)
        async with world.ledger.write() as conn:
            for order_id in await order_work.ids_in_status(conn, ORDER_POLLABLE_STATES):
                await order_work.set_fields(conn, order_id, next_attempt_at=world.now())
        await charges_loop.run_once()
        await procurement.run_cycle()
        await purchase_orders.run_once()

    try:
        yield cycle
    finally:
        await charges_loop.aclose()
        await procurement.aclose()
        await purchase_orders.aclose()
