"""The help article's charge stories in `procdesk demo`, walked as a user would: from the
symptom on screen to the fixed state, with keys and what the screen shows.

Each test runs the dashboard over a fresh demo world (no synthetic history: the stories are
on the demo's own quotes Q-2001 and Q-2002) after one worker cycle; `s` runs one more cycle,
as the in-process workers would. The command line (`charges show`) reads the same ledger."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Select

from procdesk.cli.main import cli
from procdesk.demo.environment import MISMAPPED_CATEGORY, DemoEnvironment, DemoWorld
from procdesk.demo.quotes import INVALID_CODE_QUOTE, RETRACTED_QUOTE
from procdesk.domain.enums import ChargeStatus, IssueKind
from procdesk.domain.remediation import CHARGE_STATUS_GUIDE
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES
from procdesk.store.schema import charges
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.demo_guide import DemoGuideScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.mappings import MappingScreen
from procdesk.tui.screens.quote import QuoteScreen
from tests.support.dashboard import ids_where, press, press_on, put_cursor, row, running
from tests.support.demo import demo_dashboard, guide_shows, header, is_open, open_issue
from tests.support.settle import settle


async def charge_show(charge_id: int) -> str:
    """`procdesk charges show ID` against the demo's home (its ledger), as printed; in a
    thread, as the command runs its own event loop."""

    def run() -> str:
        args = ["charges", "show", str(charge_id)]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return await asyncio.to_thread(run)


async def charges_of(world: DemoWorld, quote_id: str) -> list[int]:
    return await ids_where(world.ledger, "charges", charges.c.quote_id == quote_id)


def says_next_step(detail: str, status: ChargeStatus) -> bool:
    """The detail's "Next step" is what the article's status table says to do."""
    step = CHARGE_STATUS_GUIDE[status].next_step
    return any("Next step" in line and step in line for line in detail.splitlines())


async def next_poll(app: ProcdeskApp, pilot: Pilot[Any]) -> None:
    """The dashboard's next read of the change feed (every half second in the demo; the
    tests' dashboards poll hourly so that no timer races the keys)."""
    await app.apply_feed()
    await settle(app, pilot)


async def charge_line(app: ProcdeskApp, pilot: Pilot[Any], charge_id: int, sku: str) -> str:
    """The charge's row in the charges pane, scrolled into view."""
    await put_cursor(app, pilot, "charges", charge_id)
    return line_with(app, f" {charge_id} ", sku)


def line_with(app: ProcdeskApp, *words: str) -> str:
    """The one line on screen that holds every word."""
    [found] = [
        line for line in probe.screen_text(app).splitlines() if all(w in line for w in words)
    ]
    return found


async def test_billing_code_invalid_is_fixed_in_category_billing_codes_and_the_charge_syncs(
    world: DemoWorld,
) -> None:
    [charge_id] = await charges_of(world, INVALID_CODE_QUOTE)
    assert (await row(world.ledger, "charges", charge_id)).status == ChargeStatus.ERROR
    issue_id = await open_issue(world, IssueKind.INVALID_BILLING_CODE, str(charge_id))
    app = demo_dashboard(world)
    async with running(app) as pilot:
        # the symptom: the charge is in error, its detail gives Autotask's words and the issue
        await press_on(app, pilot, "charges", charge_id, "enter")
        assert isinstance(app.screen, DetailScreen)
        detail = probe.screen_text(app)
        assert "BillingCode does not exist or is invalid" in detail
        assert f"Open issue #{issue_id}" in detail
        await press(app, pilot, "escape")
        await press(app, pilot, "g")  # the guide says what to look for and which code fits
        assert isinstance(app.screen, DemoGuideScreen)
        assert await guide_shows(app, pilot, f"choose {MISMAPPED_CATEGORY} Materials")
        await press(app, pilot, "escape")
        # its issue's fix opens Category billing codes on that category, marked bad
        await press_on(app, pilot, "issues", issue_id, "f")
        screen = app.screen
        assert isinstance(screen, MappingScreen)
        assert screen.category == MISMAPPED_CATEGORY
        row_of = f"│ {MISMAPPED_CATEGORY}  "
        assert "29682809  Remote Support" in line_with(app, row_of, "✗ not a Material Cost Code")
        assert "is a Work Type code, not a Material" in probe.screen_text(app)
        good = DEMO_CATEGORY_BILLING_CODES[MISMAPPED_CATEGORY]
        screen.query_one("#code", Select).value = good
        await press(app, pilot, "ctrl+s")
        # saving offers to send the charge the bad code held up again: yes
        assert isinstance(app.screen, ConfirmScreen)
        assert "retry" in probe.screen_text(app).lower()
        await press(app, pilot, "y")
        assert f"✓ valid                     {good}" in line_with(app, row_of, "✓ valid")
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, MappingScreen)
        await next_poll(app, pilot)
        # header, panes and detail agree: synced, the issue gone, Autotask healthy
        assert "✓ synced" in await charge_line(app, pilot, charge_id, "acp-workstati")
        assert "Autotask ok" in header(app)
        await press_on(app, pilot, "charges", charge_id, "enter")
        assert "Open issue" not in probe.screen_text(app)
    assert (await row(world.ledger, "charges", charge_id)).status == ChargeStatus.SYNCED
    assert not await is_open(world, issue_id)
    shown = await charge_show(charge_id)
    assert "synced" in shown
    assert "Open issue" not in shown
    assert "Nothing: no error and no open issue." in shown


async def test_a_charge_of_a_retracted_quote_is_cancelled_says_why_and_is_reordered_knowingly(
    world: DemoWorld,
) -> None:
    [cancelled] = await charges_of(world, RETRACTED_QUOTE)
    assert (await row(world.ledger, "charges", cancelled)).status == ChargeStatus.CANCELLED
    app = demo_dashboard(world)
    async with running(app) as pilot:
        assert "⊘ cancelled" in await charge_line(app, pilot, cancelled, "BR1500MS2")
        # the detail says why (the quote was withdrawn) and what to do
        await press_on(app, pilot, "charges", cancelled, "enter")
        detail = probe.screen_text(app)
        assert "quote withdrawn" in detail
        assert "retracted or declined" in detail
        assert "n  re-order" in detail
        assert "w  the whole quote" in detail
        await press(app, pilot, "escape")
        # the quote view: the quote is retracted, its line's charge cancelled
        await press_on(app, pilot, "charges", cancelled, "w")
        assert isinstance(app.screen, QuoteScreen)
        assert "retracted" in line_with(app, "Status")
        # re-ordering warns that the quote was withdrawn and asks
        await press(app, pilot, "n")
        assert isinstance(app.screen, ConfirmScreen)
        question = probe.screen_text(app)
        assert "withdrew the quote" in question
        assert f"{RETRACTED_QUOTE} (retracted)" in question
        await press(app, pilot, "y")
        assert isinstance(app.screen, QuoteScreen)
        await press(app, pilot, "escape")
        await press(app, pilot, "s")
        [new] = [c for c in await charges_of(world, RETRACTED_QUOTE) if c != cancelled]
        assert "✓ synced" in await charge_line(app, pilot, new, "BR1500MS2")
        assert "⊘ cancelled" in await charge_line(app, pilot, cancelled, "BR1500MS2")
    assert (await row(world.ledger, "charges", new)).status == ChargeStatus.SYNCED
    assert (await row(world.ledger, "charges", cancelled)).status == ChargeStatus.CANCELLED
    assert "quote withdrawn" in await charge_show(cancelled)
    assert "synced" in await charge_show(new)


@pytest.fixture
async def fresh_world() -> AsyncIterator[DemoWorld]:
    """The demo before its workers' first cycle: every charge still pending."""
    async with DemoEnvironment(rows=0) as running_world:
        yield running_world


async def test_each_of_the_four_statuses_shows_its_meaning_and_next_step(
    fresh_world: DemoWorld,
) -> None:
    world = fresh_world
    [laptops, *_] = await charges_of(world, "Q-1001")
    [invalid] = await charges_of(world, INVALID_CODE_QUOTE)
    [cancelled] = await charges_of(world, RETRACTED_QUOTE)
    app = demo_dashboard(world)

    async def detail_of(charge_id: int) -> str:
        await press_on(app, pilot, "charges", charge_id, "enter")
        assert isinstance(app.screen, DetailScreen)
        text = probe.screen_text(app)
        await press(app, pilot, "escape")
        return text

    async with running(app) as pilot:
        # Pending: queued for the next sync cycle
        assert "◷ pending" in await charge_line(app, pilot, laptops, "86Q47UT#ABA")
        pending = await detail_of(laptops)
        assert "goes to Autotask with the next sync" in pending
        assert says_next_step(pending, ChargeStatus.PENDING)
        await press(app, pilot, "s")
        # Synced: created in Autotask, nothing to do
        assert "✓ synced" in await charge_line(app, pilot, laptops, "86Q47UT#ABA")
        synced = await detail_of(laptops)
        assert "In Autotask" in synced
        assert "Nothing: no error and no open issue." in synced
        assert says_next_step(synced, ChargeStatus.SYNCED)
        # Error: failed to sync; the issue with its fix
        assert "✗ error" in await charge_line(app, pilot, invalid, "acp-workstati")
        error = await detail_of(invalid)
        assert "BillingCode does not exist or is invalid" in error
        assert "Open issue #" in error
        assert "f  open the fix" in error
        assert says_next_step(error, ChargeStatus.ERROR)
        # Cancelled: why, and the next step
        assert "⊘ cancelled" in await charge_line(app, pilot, cancelled, "BR1500MS2")
        gone = await detail_of(cancelled)
        assert "retracted or declined" in gone
        assert says_next_step(gone, ChargeStatus.CANCELLED)
