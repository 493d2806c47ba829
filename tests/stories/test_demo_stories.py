"""The help article's stories in `procdesk demo`, walked as a user would: from the symptom on
screen to the fixed state, with the values the demo guide shows (`g`).

Each test runs the dashboard over a fresh demo world (no synthetic history: the stories are
on the demo's own quotes) after one worker cycle has met the problems; `s` runs one more
cycle, as the in-process workers would."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import Input, Select

from procdesk.demo.environment import UNMAPPED_CATEGORY, DemoWorld
from procdesk.domain.enums import ChargeStatus, IssueKind, Provider
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.store.schema import charges, orders
from procdesk.tui import probe
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.screens.demo_guide import DemoGuideScreen
from procdesk.tui.screens.mappings import MappingScreen
from procdesk.tui.screens.reauth import ReauthScreen
from tests.support.dashboard import ids_where, press, press_on, row, running
from tests.support.demo import (
    demo_dashboard,
    fix_ingram_customer_number,
    header,
    is_open,
    open_issue,
    reauthenticate_from_issue,
    retype,
)


async def test_td_synnex_refresh_token_expired_is_fixed_with_the_portal_token_the_guide_shows(
    world: DemoWorld,
) -> None:
    issue_id = await open_issue(world, IssueKind.CREDENTIALS_EXPIRED)
    [paused] = await ids_where(
        world.ledger, "orders", orders.c.quote_id == "Q-1002", orders.c.distributor == "tdsynnex"
    )
    app = demo_dashboard(world)
    async with running(app) as pilot:
        assert "TD SYNNEX expired" in header(app)
        await press(app, pilot, "g")  # the guide has the new refresh token
        assert isinstance(app.screen, DemoGuideScreen)
        token = DEMO_CREDENTIALS.tdsynnex.portal_refresh_token
        assert token in probe.screen_text(app)
        await press(app, pilot, "escape")
        await reauthenticate_from_issue(app, pilot, world, issue_id, Provider.TDSYNNEX, token)
        await press(app, pilot, "s")  # the paused order is sent now
        assert "TD SYNNEX ok" in header(app)
    async with world.ledger.read() as conn:
        status = (
            await conn.execute(sa.select(orders.c.status).where(orders.c.id == paused))
        ).scalar_one()
    assert status in ("submitted", "ordered", "shipped", "delivered")


async def test_invalid_customer_number_is_fixed_with_the_right_number_the_guide_shows(
    world: DemoWorld,
) -> None:
    issue_id = await open_issue(world, IssueKind.INVALID_CUSTOMER_NUMBER)
    app = demo_dashboard(world)
    async with running(app) as pilot:
        assert "Ingram invalid customer number" in header(app)
        await press_on(app, pilot, "issues", issue_id, "f")
        screen = app.screen
        assert isinstance(screen, ReauthScreen)
        assert screen.provider is Provider.INGRAM
        ingram = DEMO_CREDENTIALS.ingram
        await retype(
            app, pilot, screen.query_one("#field-customer_number", Input), ingram.customer_number
        )
        await retype(app, pilot, screen.query_one("#secret", Input), ingram.client_secret)
        await press(app, pilot, "enter")
        assert not isinstance(app.screen, ReauthScreen), probe.screen_text(app)
        assert not await is_open(world, issue_id)
        await press(app, pilot, "s")  # the orders the bad number held back go now
        assert "invalid customer number" not in header(app)
        assert "✗ Ingram" not in header(app)
    async with world.ledger.read() as conn:
        placed = (
            await conn.execute(
                sa.select(
                    orders.c.status, orders.c.distributor_order_id, orders.c.last_error
                ).where(orders.c.quote_id == "Q-1006", orders.c.distributor == "ingram")
            )
        ).one()
    assert placed.distributor_order_id, placed


async def test_a_part_out_of_stock_at_ingram_shows_stock_price_and_eta_at_each_distributor(
    world: DemoWorld,
) -> None:
    await fix_ingram_customer_number(world)
    [switch_order] = await ids_where(
        world.ledger, "orders", orders.c.quote_id == "Q-1002", orders.c.distributor == "ingram"
    )
    app = demo_dashboard(world)
    async with running(app) as pilot:
        await press_on(app, pilot, "orders", switch_order, "v")
        assert isinstance(app.screen, AvailabilityCompareScreen)
        rows = [line for line in probe.screen_text(app).splitlines() if "USW-PRO-24-POE" in line]
        ingram = next(r for r in rows if "Ingram" in r)
        synnex = next(r for r in rows if "TD SYNNEX" in r)
        assert "out of stock" in ingram
        assert "active" in synnex
        assert "645.00" in synnex  # the price now
        assert "+2.5%" in synnex  # its change since the quote
        assert "8 Keasbey: 3" in synnex  # stock per warehouse
        await press(app, pilot, "escape")
        [nas_order] = await ids_where(
            world.ledger, "orders", orders.c.quote_id == "Q-1006", orders.c.distributor == "ingram"
        )
        await press_on(app, pilot, "orders", nas_order, "v")
        [nas] = [
            line
            for line in probe.screen_text(app).splitlines()
            if "DS923+" in line and "Ingram" in line
        ]
        eta = world.now().date().toordinal() + 10
        assert str(__import__("datetime").date.fromordinal(eta)) in nas  # backorder ETA


async def test_a_category_without_a_mapping_is_mapped_and_its_charge_syncs(
    world: DemoWorld,
) -> None:
    [monitor] = await ids_where(
        world.ledger, "charges", charges.c.quote_id == "Q-1001", charges.c.sku == "LS32B800PXNXGO"
    )
    assert (await row(world.ledger, "charges", monitor)).status == ChargeStatus.ERROR
    issue_id = await open_issue(world, IssueKind.MISSING_BILLING_CODE, str(monitor))
    app = demo_dashboard(world)
    async with running(app) as pilot:
        await press_on(app, pilot, "issues", issue_id, "f")
        screen = app.screen
        assert isinstance(screen, MappingScreen)
        assert screen.category == UNMAPPED_CATEGORY
        assert "no billing code yet" in probe.screen_text(app)
        screen.query_one("#code", Select).value = DEMO_CATEGORY_BILLING_CODES[UNMAPPED_CATEGORY]
        await press(app, pilot, "ctrl+s")
        # saving offers to send the charges held up by the missing code again: yes
        assert "retry" in probe.screen_text(app).lower()
        await press(app, pilot, "y")
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, MappingScreen)
        await press(app, pilot, "s")
    assert (await row(world.ledger, "charges", monitor)).status == ChargeStatus.SYNCED
    assert not await is_open(world, issue_id)
