"""Make the README's screenshots: the dashboard on demo data, at fixed sizes and a fixed clock.

    python screenshots/make_screenshots.py [NAME ...]   (only those shots; default: all)

Runs the real app (as `procdesk demo` builds it, minus the live workers, so every run shows
the same rows) headless, drives it with key presses and saves SVGs next to this script.
Harlequin's scripts/export_screenshots.py is the model. Review the SVGs before committing;
tests/tui/test_no_secrets.py checks that none shows a secret.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from procdesk.demo.environment import DemoEnvironment, DemoWorld
from procdesk.demo.scenario import ACTOR
from procdesk.domain.enums import Distributor
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.store import credentials
from procdesk.store import orders as order_store
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context

HERE = Path(__file__).resolve().parent
# A fixed demo time in the future: the sandbox clock only moves forward.
DEMO_TIME = datetime(2031, 5, 12, 9, 0, tzinfo=UTC)
ROWS = 2_000

Drive = Callable[[ProcdeskApp, Pilot[None]], Awaitable[None]]


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    drive: Drive


async def settle(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def as_opened(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    await settle(app, pilot)


async def charges_maximised(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    await settle(app, pilot)
    app.query_one("#charges", Pane).table.focus()
    await pilot.press("z", "3")  # maximise, errors only
    await settle(app, pilot)


async def charge_detail(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    await settle(app, pilot)
    app.query_one("#charges", Pane).table.focus()
    await pilot.press("3")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def help_screen(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    await settle(app, pilot)
    app.query_one("#charges", Pane).table.focus()
    await pilot.press("question_mark")
    await settle(app, pilot)


async def price_and_stock(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    """`v` on Q-1001's Ingram order: a laptop cheaper at TD SYNNEX, a monitor dearer there,
    a display discontinued at Ingram — asked live of the demo's sandbox."""
    await settle(app, pilot)
    # As after the demo's customer-number fix: Ingram Micro answers beside TD SYNNEX.
    settings = app.context.settings
    right = settings.ingram.model_copy(
        update={"customer_number": DEMO_CREDENTIALS.ingram.customer_number}
    )
    app.context.settings = settings.model_copy(update={"ingram": right})
    async with app.context.ledger.read() as conn:
        placed = await order_store.placements_of_quote(conn, "Q-1001")
    [order_id] = {o.id for o, _ in placed.values() if o.distributor is Distributor.INGRAM}
    app.open_availability(order_id)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, AvailabilityCompareScreen)
    assert screen.result is not None, "the comparison did not finish"
    assert not screen.result.errors, screen.result.errors


SHOTS = [
    Shot("dashboard", (200, 60), as_opened),
    Shot("dashboard-80x24", (80, 24), as_opened),
    Shot("charges-maximised", (160, 48), charges_maximised),
    Shot("charge-detail", (160, 48), charge_detail),
    Shot("help", (160, 48), help_screen),
    Shot("availability-compare", (160, 48), price_and_stock),
]


def still_context(world: DemoWorld) -> Context:
    """The demo's dashboard at a fixed time, with nothing running behind it."""
    return Context(world.settings, world.ledger, world.secrets, ACTOR, clock=lambda: DEMO_TIME)


async def take(world: DemoWorld, shot: Shot) -> Path:
    app = make_app(still_context(world), DashboardOptions(poll_interval=3600))
    path = HERE / f"{shot.name}.svg"
    async with app.run_test(size=shot.size) as pilot:
        await shot.drive(app, pilot)
        path.write_text(app.export_screenshot(title="procdesk"), encoding="utf-8")
    return path


async def token_times_on_demo_clock(world: DemoWorld, signed_in_at: datetime) -> None:
    """Token expiries are stamped from the wall clock when the clients sign in; move them
    onto the demo clock so the header reads the same on every run."""
    shift = DEMO_TIME - signed_in_at
    async with world.ledger.write() as conn:
        for row in await credentials.list_all(conn):
            await credentials.put(
                conn,
                row.provider,
                state=row.state,
                now=DEMO_TIME,
                last_error=row.last_error,
                token_expires_at=_shifted(row.token_expires_at, shift),
                refresh_expires_at=_shifted(row.refresh_expires_at, shift),
            )


def _shifted(when: datetime | None, shift: timedelta) -> datetime | None:
    return None if when is None else (when + shift).replace(second=0, microsecond=0)


async def main(names: list[str]) -> None:
    unknown = set(names) - {shot.name for shot in SHOTS}
    if unknown:
        raise SystemExit(f"no such shot: {', '.join(sorted(unknown))}")
    signed_in_at = datetime.now(UTC)
    async with DemoEnvironment(rows=ROWS, start=DEMO_TIME) as world:
        await token_times_on_demo_clock(world, signed_in_at)
        for shot in SHOTS:
            if not names or shot.name in names:
                print(await take(world, shot))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
