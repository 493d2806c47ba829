"""The help article's procurement stories in `procdesk demo`, walked as a user would: from
the symptom on screen to the fixed state, with only keys and what the screen (and the demo
guide, `g`) shows. Each runs over a fresh demo world after one worker cycle
(`tests/stories/conftest.py`); `s` runs one more cycle, as the in-process workers would."""

from __future__ import annotations

import asyncio
import json
import os
import sys

from procdesk.demo.environment import DemoWorld
from procdesk.demo.procurement_stories import (
    INGRAM_SECRET_ROTATES_AFTER,
    STUCK_OUTAGE,
    STUCK_QUOTE_ID,
)
from procdesk.domain.enums import Distributor, IssueKind, OrderStatus, Provider
from procdesk.domain.remediation import explain_not_queued
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.ingram.state import IngramSandbox
from procdesk.sandbox.synnexxml.state import SynnexXmlSandbox, po_key
from procdesk.store.schema import charges, issues, orders
from procdesk.tui import probe
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.quote import QuoteScreen
from procdesk.tui.widgets.pane import Pane
from tests.support.dashboard import ids_where, press, press_on, row, running
from tests.support.demo import (
    cycle,
    demo_dashboard,
    fix_ingram_customer_number,
    header,
    is_open,
    open_issue,
    reauthenticate_from_issue,
)

NOT_QUEUED_WHY = "procdesk orders only from distributors with ordering"


async def cli_json(world: DemoWorld, *args: str) -> object:
    """`procdesk ARGS --json` from another terminal pointed at the running demo."""
    env = os.environ | {"PROCDESK_HOME": str(world.home)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "procdesk",
        *args,
        "--json",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return json.loads(out)


async def test_a_line_from_a_supplier_procdesk_does_not_order_from_says_why_it_is_not_queued(
    world: DemoWorld,
) -> None:
    """Q-1001's patch cables come from a local supplier: the user looks for their order,
    finds none, and every place they look says why, in the same words."""
    [cables] = await ids_where(
        world.ledger, "charges", charges.c.quote_id == "Q-1001", charges.c.sku == "MP-13533"
    )
    app = demo_dashboard(world)
    async with running(app) as pilot:
        # the symptom: the queue has Q-1001's Ingram order, nothing for the cables
        app.query_one("#orders", Pane).table.focus()
        await press(app, pilot, "slash", *"mp-13533")
        assert "Nothing matches" in probe.screen_text(app)
        await press(app, pilot, "escape")
        # the charge is there; its quote shows the line ordered outside procdesk, and why
        await press_on(app, pilot, "charges", cables, "w")
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        text = probe.screen_text(app)
        [cable_row] = [line for line in text.splitlines() if "MP-13533" in line]
        assert "ordered outside procdesk" in cable_row
        while "Cat6 Patch Cable" not in str(screen.query_one("#quote-note").render()):
            await press(app, pilot, "down")
        note = probe.screen_text(app)
        assert NOT_QUEUED_WHY in " ".join(note.split())
        await press(app, pilot, "o")  # its order? there is none, and the notice says why
        assert any(NOT_QUEUED_WHY in n.message for n in probe.notifications(app))
        await press(app, pilot, "enter")  # the charge's detail says the same
        assert isinstance(app.screen, DetailScreen)
        assert NOT_QUEUED_WHY in " ".join(probe.screen_text(app).split())
    # and so does the command line, from another terminal
    rows = await cli_json(world, "orders", "list", "--not-queued")
    assert isinstance(rows, list)
    [line] = [r for r in rows if r["sku"] == "MP-13533"]
    assert line["reason"] == explain_not_queued(Distributor.OTHER)
    assert not await ids_where(world.ledger, "orders", orders.c.search_text.contains("mp-13533"))


def xml_orders_with(world: DemoWorld, reference: str) -> int:
    """How many orders TD SYNNEX's XML interface holds under our reference (its own list)."""
    xml = world.sandbox.runtime.distributors["tdsynnex_xml"]
    assert isinstance(xml, SynnexXmlSandbox)
    return sum(1 for order in xml.orders() if po_key(order.po_number) == po_key(reference))


async def test_an_order_stuck_in_processing_shows_its_error_and_a_retry_places_it_once(
    world: DemoWorld,
) -> None:
    """TD SYNNEX cannot answer for Q-1007's order for the demo's first minutes: it stays in
    processing, is flagged stuck with the error, and once TD SYNNEX is back a retry places
    it, once."""
    [order_id] = await ids_where(world.ledger, "orders", orders.c.quote_id == STUCK_QUOTE_ID)
    world.sandbox.runtime.clock.advance(3 * 60)  # demo time passes: past the 2-minute mark
    await cycle(world)
    issue_id = await open_issue(world, IssueKind.STUCK_PROCESSING, str(order_id))
    order = await row(world.ledger, "orders", order_id)
    assert order.status is OrderStatus.PROCESSING
    assert order.attempts >= 1
    assert order.last_error
    app = demo_dashboard(world)
    async with running(app) as pilot:
        assert "✓ TD SYNNEX XML ok" in probe.screen_text(app)  # the door works; one order not
        issues_pane = app.query_one("#issues", Pane)
        issues_pane.table.focus()
        await press(app, pilot, "slash", *"stuck", "enter")
        lines = probe.screen_text(app).splitlines()
        assert any("stuck processing" in line and f"order {order_id}" in line for line in lines)
        await press_on(app, pilot, "issues", issue_id, "f")  # the order, with its error
        assert isinstance(app.screen, DetailScreen)
        detail = " ".join(probe.screen_text(app).split())
        assert order.last_error.split(":")[0] in detail
        assert "processing" in detail
        # after a while TD SYNNEX answers again; the user retries from the detail
        world.sandbox.runtime.clock.advance(STUCK_OUTAGE.total_seconds())
        await press(app, pilot, "r")
        assert not await is_open(world, issue_id)
        await press(app, pilot, "escape")
        await press(app, pilot, "s")
        placed = await row(world.ledger, "orders", order_id)
        assert placed.status is not OrderStatus.PROCESSING, placed
        assert placed.distributor_order_id
        assert "stuck in processing" not in probe.screen_text(app).lower()
        await press(app, pilot, "s")  # another cycle: nothing is sent again
    assert xml_orders_with(world, placed.reference) == 1
    assert not await is_open(world, issue_id)


def ingram_orders_with(world: DemoWorld, reference: str) -> int:
    """How many orders Ingram Micro holds under our customer order number (its own list)."""
    ingram = world.sandbox.runtime.distributors["ingram"]
    assert isinstance(ingram, IngramSandbox)
    return sum(1 for order in ingram.orders() if order.customer_order_number == reference)


async def test_ingram_refusing_the_apps_secret_pauses_its_orders_until_the_new_one_is_entered(
    world: DemoWorld,
) -> None:
    """Twenty minutes into the demo Ingram's developer portal replaces the app's secret: an
    order approved after that fails with an authentication error, Ingram work pauses with one
    credential issue and the header says so; re-authenticating with the new secret the guide
    shows lets the order go, placed once."""
    await fix_ingram_customer_number(world)  # the first Ingram story, done earlier
    await cycle(world)
    [server_order] = await ids_where(
        world.ledger, "orders", orders.c.quote_id == "Q-1003", orders.c.distributor == "ingram"
    )
    world.sandbox.runtime.clock.advance(INGRAM_SECRET_ROTATES_AFTER.total_seconds())
    app = demo_dashboard(world)
    async with running(app) as pilot:
        assert "✗ Ingram" not in header(app)  # nothing has called Ingram since
        await press_on(app, pilot, "orders", server_order, "a")  # approve: it asks first
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        await press(app, pilot, "s")  # the workers send it: Ingram refuses the credentials
        assert "✗ Ingram" in header(app)
        [issue_id] = await ids_where(
            world.ledger,
            "issues",
            issues.c.kind.in_(["credentials_expired", "credentials_invalid"]),
            issues.c.subject_id == "ingram",
            issues.c.status == "open",
        )
        held = await row(world.ledger, "orders", server_order)
        assert held.status is OrderStatus.PROCESSING
        assert held.distributor_order_id is None
        await press(app, pilot, "g")  # the guide has the new secret
        secret = DEMO_CREDENTIALS.ingram.rotated_client_secret
        assert secret in probe.screen_text(app)
        await press(app, pilot, "escape")
        await reauthenticate_from_issue(app, pilot, world, issue_id, Provider.INGRAM, secret)
        await press(app, pilot, "s")  # the paused order goes now
        assert "✗ Ingram" not in header(app)
        await press(app, pilot, "s")  # and is not sent again
    placed = await row(world.ledger, "orders", server_order)
    assert placed.distributor_order_id, placed
    assert ingram_orders_with(world, placed.reference) == 1
