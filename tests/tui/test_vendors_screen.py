"""The vendor-mapping screen against the sandbox's Autotask: each distributor's vendor
company and the inventory location checked live (which rule fails, in words), a search of
Autotask's vendor companies by name, saving only after a confirmation, and the location
written to the config file."""

from __future__ import annotations

import tomllib

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from procdesk.config import config_file
from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_procurement import (
    DEFAULT_LOCATION_ID,
    INACTIVE_VENDOR_ID,
    INGRAM_VENDOR_ID,
    NON_VENDOR_COMPANY_ID,
)
from procdesk.store import vendors
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.vendors import VendorsScreen
from procdesk.wiring import Context
from tests.support.dashboard import SCREEN_SIZE
from tests.support.settle import settle


async def open_vendors(app: ProcdeskApp, pilot: Pilot[None]) -> VendorsScreen:
    await settle(app, pilot)
    await pilot.press("V")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, VendorsScreen)
    return screen


def rows(screen: VendorsScreen, table: str) -> list[list[str]]:
    found = screen.query_one(table, DataTable)
    return [[str(c) for c in found.get_row_at(i)] for i in range(found.row_count)]


async def mapping_of(context: Context, distributor: Distributor) -> int | None:
    async with context.ledger.read() as conn:
        found = await vendors.get(conn, distributor)
    return found.company_id if found else None


async def put_mapping(context: Context, distributor: Distributor, company_id: int) -> None:
    async with context.ledger.write() as conn:
        await vendors.put(
            conn,
            distributor,
            company_id=company_id,
            company_name=None,
            actor="test",
            now=context.clock(),
        )


async def test_a_distributor_is_mapped_by_searching_autotask_and_confirming(
    screen_app: ProcdeskApp, screen_context: Context
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_vendors(screen_app, pilot)
        setup = rows(screen, "#setup")
        assert setup[0] == ["Ingram Micro", "—", "✗ not mapped"]
        assert setup[1] == ["TD SYNNEX", "—", "✗ not mapped"]
        assert setup[2] == ["TD SYNNEX XML", "—", "✗ not mapped"]
        assert setup[3][0] == "Inventory location"
        assert setup[3][1] == f"Main Warehouse ({DEFAULT_LOCATION_ID})"
        assert setup[3][2] == "✓ Autotask's active default"
        assert "3 problems to fix" in probe.screen_text(screen_app)

        await pilot.press("enter")  # to the search box of Ingram Micro's row
        await pilot.press(*"ingram", "enter")
        await settle(screen_app, pilot)
        assert rows(screen, "#choices") == [["Ingram Micro", "V-IM", str(INGRAM_VENDOR_ID)]]

        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        dialog = screen_app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "Map Ingram Micro to Ingram Micro?" in probe.screen_text(screen_app)
        assert await mapping_of(screen_context, Distributor.INGRAM) is None  # asked first

        await pilot.press("enter")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert await mapping_of(screen_context, Distributor.INGRAM) == INGRAM_VENDOR_ID
        ingram = rows(screen, "#setup")[0]
        assert ingram[1] == f"Ingram Micro ({INGRAM_VENDOR_ID})"
        assert ingram[2] == "✓ active vendor"
        assert "Saved: Ingram Micro is Ingram Micro in Autotask." in probe.screen_text(screen_app)


async def test_backing_out_of_the_confirmation_saves_nothing(
    screen_app: ProcdeskApp, screen_context: Context
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_vendors(screen_app, pilot)
        await pilot.press("down", "enter", *"synnex", "enter")
        await settle(screen_app, pilot)
        assert [r[0] for r in rows(screen, "#choices")] == ["TD SYNNEX"]
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert isinstance(screen_app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert await mapping_of(screen_context, Distributor.TDSYNNEX) is None
        assert rows(screen, "#setup")[1][2] == "✗ not mapped"


@pytest.mark.parametrize(
    ("company", "message"),
    [
        (INACTIVE_VENDOR_ID, "✗ inactive in Autotask"),
        (NON_VENDOR_COMPANY_ID, "✗ not a vendor company in Autotask"),
        (999999, "✗ no such company in Autotask"),
    ],
)
async def test_a_broken_mapping_says_which_rule_fails(
    screen_app: ProcdeskApp, screen_context: Context, company: int, message: str
) -> None:
    await put_mapping(screen_context, Distributor.INGRAM, company)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_vendors(screen_app, pilot)
        assert rows(screen, "#setup")[0][2] == message


async def test_the_search_offers_only_active_vendor_companies(
    screen_app: ProcdeskApp,
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_vendors(screen_app, pilot)
        await pilot.press("enter", "enter")  # a blank search: every active vendor
        await settle(screen_app, pilot)
        names = [r[0] for r in rows(screen, "#choices")]
        assert "Ingram Micro" in names
        assert "TD SYNNEX" in names
        assert "Tech Data (legacy)" not in names  # inactive
        assert "D&H Distributing" not in names  # not a vendor
        assert names == sorted(names, key=str.casefold)
        await pilot.press("shift+tab")  # back to the search box
        await pilot.press(*"zzz-nothing", "enter")
        await settle(screen_app, pilot)
        assert rows(screen, "#choices") == []
        assert "Autotask has nothing that matches." in probe.screen_text(screen_app)


async def test_the_inventory_location_is_chosen_from_active_ones_and_written_to_config(
    screen_app: ProcdeskApp, screen_context: Context
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_vendors(screen_app, pilot)
        await pilot.press("down", "down", "down")
        await settle(screen_app, pilot)
        # only active locations: "Old Annex" is inactive
        assert rows(screen, "#choices") == [["Main Warehouse", "", str(DEFAULT_LOCATION_ID)]]
        await pilot.press("enter")  # to the list
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert isinstance(screen_app.screen, ConfirmScreen)
        assert "autotask.inventory_location_id" in probe.screen_text(screen_app)
        await pilot.press("enter")
        await settle(screen_app, pilot)
        stored = tomllib.loads(config_file().read_text(encoding="utf-8"))
        assert stored["autotask"]["inventory_location_id"] == DEFAULT_LOCATION_ID
        assert screen_context.settings.autotask.inventory_location_id == DEFAULT_LOCATION_ID
        assert screen_context.po_settings().inventory_location() == DEFAULT_LOCATION_ID
        location = rows(screen, "#setup")[3]
        assert location[1] == f"Main Warehouse ({DEFAULT_LOCATION_ID})"
        assert location[2] == "✓ active"


async def test_without_autotask_the_screen_says_so_instead_of_failing(
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SCREEN_SIZE) as pilot:
        await open_vendors(dashboard_app, pilot)
        text = probe.screen_text(dashboard_app)
        assert "Could not check: autotask: autotask.username is not" in text  # (then it wraps)
