"""SVG snapshots of the dashboard and its screens at a fixed size, data and clock.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and review the SVGs
under tests/tui/__snapshots__/ like code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Input, Static

from procdesk.domain.enums import Distributor, OrderStatus, Provider
from procdesk.domain.purchase_order import PoState, PurchaseOrderLink
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES, RMA_CODE_ID
from procdesk.sandbox.autotask.demo_procurement import INACTIVE_VENDOR_ID
from procdesk.services.purchase_orders.views import LineProgress, OrderPoView
from procdesk.store import order_work, vendors
from procdesk.store import orders as order_store
from procdesk.store import purchase_orders as po_store
from procdesk.store import shipments as shipment_store
from procdesk.store.ledger import Ledger
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.options import DashboardOptions
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.screens.connections import ConnectionsScreen
from procdesk.tui.screens.mappings import MappingScreen
from procdesk.tui.screens.reauth import ReauthScreen
from procdesk.tui.screens.receive import ReceiveScreen
from procdesk.tui.screens.vendors import VendorsScreen
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context
from tests.support.charges import TICKET, SyncHarness, add_quote, line
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import LineSpec, Procurement, insert_quote, sandbox_settings
from tests.support.settle import settle
from tests.tui.conftest import FIXED_NOW

SIZE = (160, 48)
SMALL = (80, 24)
LARGE = (200, 60)


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """Snapshots are of the screen, not the database: one SQLite ledger is enough."""
    return str(tmp_path / "ledger.db")


@pytest.fixture
def svg(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(SVGImageExtension)


async def screenshot(app: ProcdeskApp, pilot: Pilot[None]) -> str:
    """As pytest-textual-snapshot takes it: settled, animations done, then exported.

    Settled means every worker done and what it started shown: the screen laid out and
    painted, every DataTable's columns measured (a table measures when it is next idle,
    which on a loaded machine can come late). Text cursors are held steady first: a
    blinking cursor is in the picture or not depending on when it is taken, and on a
    loaded machine that is later."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await settle(app, pilot)
    await pilot.wait_for_scheduled_animations()
    await settle(app, pilot)
    return app.export_screenshot(title=app.title)


async def test_dashboard(dashboard_app: ProcdeskApp, svg: SnapshotAssertion) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        assert await screenshot(dashboard_app, pilot) == svg


async def test_dashboard_small_terminal(dashboard_app: ProcdeskApp, svg: SnapshotAssertion) -> None:
    async with dashboard_app.run_test(size=SMALL) as pilot:
        assert await screenshot(dashboard_app, pilot) == svg


async def test_dashboard_large_terminal(dashboard_app: ProcdeskApp, svg: SnapshotAssertion) -> None:
    async with dashboard_app.run_test(size=LARGE) as pilot:
        assert await screenshot(dashboard_app, pilot) == svg


async def test_maximised_charges_pane_filtered_to_errors(
    dashboard_app: ProcdeskApp, svg: SnapshotAssertion
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        dashboard_app.query_one("#charges", Pane).table.focus()
        await pilot.press("z", "3")
        assert dashboard_app.screen.maximized is not None
        assert await screenshot(dashboard_app, pilot) == svg


async def test_detail_of_a_charge_in_error(
    dashboard_app: ProcdeskApp, svg: SnapshotAssertion
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        dashboard_app.query_one("#charges", Pane).table.focus()
        await pilot.press("3")
        await settle(dashboard_app, pilot)
        await pilot.press("enter")
        await settle(dashboard_app, pilot)
        assert type(dashboard_app.screen).__name__ == "DetailScreen"
        assert await screenshot(dashboard_app, pilot) == svg


async def test_quote_view(imported: ProcdeskApp, svg: SnapshotAssertion) -> None:
    """Q-1002: four lines, each charge beside its order (and the line procdesk does not
    order), the ship-to as an address."""
    async with imported.run_test(size=SIZE) as pilot:
        await settle(imported, pilot)
        imported.open_quote("Q-1002")
        await settle(imported, pilot)
        assert type(imported.screen).__name__ == "QuoteScreen"
        assert await screenshot(imported, pilot) == svg


async def delivered_by_ups(ledger: Ledger) -> None:
    """Order 2 (Q-1002's switch at Ingram Micro) on Autotask PO 61001, its one unit shipped
    by UPS with a serial number and received."""
    async with ledger.write() as conn:
        for status in ("processing", "ordered", "shipped", "delivered"):
            await order_work.move(conn, 2, OrderStatus(status), actor="tester", now=FIXED_NOW)
        await order_work.set_fields(conn, 2, distributor_order_id="20-RD3QV")
        await po_store.ensure(conn, 2, now=FIXED_NOW)
        await po_store.set_fields(
            conn,
            2,
            now=FIXED_NOW,
            state=PoState.RECEIVED.value,
            autotask_po_id=61001,
            po_number="61001",
            autotask_status="Received Full",
        )
        await shipment_store.record(
            conn,
            2,
            1,
            [
                {
                    "shipment_id": "UPS-1",
                    "quantity": 1,
                    "carrier": "UPS",
                    "tracking_number": "1Z999AA10123456784",
                    "tracking_url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
                    "shipped_on": date(2026, 11, 24),
                    "delivered_on": date(2026, 11, 25),
                    "serial_numbers": ["USW-8831"],
                }
            ],
            now=FIXED_NOW,
        )
        [shipment] = await shipment_store.of_order(conn, 2)
        await shipment_store.add_receipt(
            conn,
            shipment,
            serial_number="USW-8831",
            quantity=1,
            autotask_receipt_id=90001,
            received_on=date(2026, 11, 25),
            now=FIXED_NOW,
        )


async def test_quote_view_at_80x24(
    imported: ProcdeskApp, ledger: Ledger, svg: SnapshotAssertion
) -> None:
    """The smallest terminal: the ship-to folds into one header line, so the lines, their
    charge and order states, what arrived, the PO number and the note on the line under the
    cursor (with its package's tracking link) keep the screen."""
    await delivered_by_ups(ledger)
    async with imported.run_test(size=(80, 24)) as pilot:
        await settle(imported, pilot)
        imported.open_quote("Q-1002")
        await settle(imported, pilot)
        assert type(imported.screen).__name__ == "QuoteScreen"
        assert await screenshot(imported, pilot) == svg


async def test_detail_of_an_order(imported: ProcdeskApp, svg: SnapshotAssertion) -> None:
    async with imported.run_test(size=SIZE) as pilot:
        await settle(imported, pilot)
        imported.open_detail("orders", 2)
        await settle(imported, pilot)
        assert type(imported.screen).__name__ == "DetailScreen"
        assert await screenshot(imported, pilot) == svg


async def test_mapping_editor(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    svg: SnapshotAssertion,
) -> None:
    await add_quote(
        harness.ledger,
        "Q-1",
        ticket_id=TICKET,
        lines=[line(1), line(2, category="Cabling"), line(3, category="Returns")],
    )
    await harness.map("Returns", RMA_CODE_ID)  # a code Autotask refuses: marked
    async with screen_app.run_test(size=SIZE) as pilot:
        await settle(screen_app, pilot)
        await screen_app.push_screen(MappingScreen(screen_context, category="Cabling"))
        assert "Cabling" in DEMO_CATEGORY_BILLING_CODES
        assert await screenshot(screen_app, pilot) == svg


async def test_connections_screen_after_a_failed_verify(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    svg: SnapshotAssertion,
) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, "not-the-secret")
    async with screen_app.run_test(size=SIZE) as pilot:
        await settle(screen_app, pilot)
        await screen_app.push_screen(ConnectionsScreen(screen_context, provider=Provider.AUTOTASK))
        await settle(screen_app, pilot)
        await pilot.press("v")
        await settle(screen_app, pilot)
        # The sandbox's port changes from run to run: show a fixed address in the picture.
        settings = screen_context.settings
        fixed = settings.autotask.model_copy(
            update={"base_url": "https://webservices5.autotask.net/atservicesrest"}
        )
        screen_context.settings = settings.model_copy(update={"autotask": fixed})
        screen = screen_app.screen
        assert isinstance(screen, ConnectionsScreen)
        screen.show_provider()
        assert await screenshot(screen_app, pilot) == svg


async def test_vendor_mapping_screen(
    screen_app: ProcdeskApp,
    screen_context: Context,
    svg: SnapshotAssertion,
) -> None:
    """Ingram Micro mapped to an inactive company (the check says so), TD SYNNEX unmapped
    with Autotask's vendors found for it, the location Autotask's default."""
    async with screen_context.ledger.write() as conn:
        await vendors.put(
            conn,
            Distributor.INGRAM,
            company_id=INACTIVE_VENDOR_ID,
            company_name=None,
            actor="tester",
            now=screen_context.clock(),
        )
    async with screen_app.run_test(size=SIZE) as pilot:
        await settle(screen_app, pilot)
        await screen_app.push_screen(VendorsScreen(screen_context, row="tdsynnex"))
        await settle(screen_app, pilot)
        await pilot.press("enter", *"td", "enter")
        assert await screenshot(screen_app, pilot) == svg


async def test_reauth_screen(
    screen_app: ProcdeskApp, screen_context: Context, svg: SnapshotAssertion
) -> None:
    async with screen_app.run_test(size=SIZE) as pilot:
        await settle(screen_app, pilot)
        await screen_app.push_screen(ReauthScreen(screen_context, provider=Provider.TDSYNNEX))
        assert isinstance(screen_app.screen, ReauthScreen)
        # the screen reads the credential's state, then focuses the first empty field
        for _ in range(500):
            if isinstance(screen_app.focused, Input):
                break
            await pilot.pause()
        assert isinstance(screen_app.focused, Input)
        assert await screenshot(screen_app, pilot) == svg


async def test_price_and_stock_across_distributors(
    procurement: Procurement, svg: SnapshotAssertion
) -> None:
    """`v` on an Ingram order against the sandbox: cheaper at TD SYNNEX, dearer there,
    discontinued at Ingram, out of stock at Ingram. Parts whose stock covers the quantity,
    so no ETA (which follows the sandbox's wall clock) is in the picture."""
    quote, lines = await insert_quote(
        procurement.ledger,
        "Q-7001",
        [
            LineSpec("86Q47UT#ABA", "ingram", "2", "899.00", part_number="8YR471"),
            LineSpec("DELL-P2423D", "ingram", "2", "219.00"),
            LineSpec("LS32B800PXNXGO", "ingram", "1", "389.00"),
            LineSpec("USW-PRO-24-POE", "ingram", "2", "629.00"),
        ],
    )
    async with procurement.ledger.write() as conn:
        [order_id] = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=FIXED_NOW
        )
    context = Context(
        sandbox_settings(procurement.sandbox),
        procurement.ledger,
        procurement.secrets,
        "tester",
        clock=lambda: FIXED_NOW,
    )
    app = make_app(context, DashboardOptions(poll_interval=3600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(AvailabilityCompareScreen(context, order_id))
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AvailabilityCompareScreen)
        assert screen.result is not None
        assert screen.result.errors == {}
        assert await screenshot(app, pilot) == svg


async def test_receive_by_hand_form(imported: ProcdeskApp, svg: SnapshotAssertion) -> None:
    """The order detail's receive form, a serial short: the problem shows under the fields
    and Receive stays off."""
    view = OrderPoView(
        order_id=2,
        reference="PD-Q-1002-INGRAM",
        distributor_order_id="20-RD3QV",
        purchase_order=PurchaseOrderLink(
            id=2,
            state=PoState.SUBMITTED,
            autotask_po_id=61001,
            po_number="61001",
            autotask_status="Received Partial",
            created_at=FIXED_NOW,
            updated_at=FIXED_NOW,
        ),
        lines=[
            LineProgress(line_number=1, sku="7SY553", quantity=3, shipped=1, received=1),
            LineProgress(line_number=2, sku="8YR471", quantity=2, shipped=0, received=0),
        ],
    )
    async with imported.run_test(size=SIZE) as pilot:
        await settle(imported, pilot)
        imported.push_screen(ReceiveScreen(view))
        await settle(imported, pilot)
        await pilot.press("end", "backspace", "2")
        imported.screen.query_one("#serials").focus()
        await pilot.press(*"SWAP-0001", "enter", *"SWAP-0001")
        assert "appears twice" in str(imported.screen.query_one("#problem", Static).render())
        assert await screenshot(imported, pilot) == svg
