"""The command palette lists the focused pane's actions (and the app's) and runs them;
remapped keys show as remapped. Sync now, and background failures become issues."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette

from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.help import keys_table
from tests.support.dashboard import (
    history,
    ids_where,
    notes,
    press,
    press_on,
    put_cursor,
    reconfigured,
    row,
    running,
)
from tests.support.settle import settle


async def palette_entries(app: ProcdeskApp, pilot: Any, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(app, pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(app, pilot)  # the palette searches in a worker: wait for its list
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


@pytest.mark.parametrize(
    ("query", "offered", "not_offered"),
    [
        pytest.param(
            "ticket charges",
            # Export CSV is not in the footer; Status is a key, not a command
            ["Ticket charges: Re-order", "Ticket charges: Cancel", "Ticket charges: Export CSV"],
            ["Status"],
            id="the-focused-panes-actions-only",
        ),
        pytest.param("approve", [], ["Procurement queue"], id="not-another-panes-actions"),
    ],
)
async def test_palette_offers_the_focused_panes_actions(
    dashboard_app: ProcdeskApp, query: str, offered: list[str], not_offered: list[str]
) -> None:
    async with running(dashboard_app) as pilot:
        await put_cursor(dashboard_app, pilot, "charges", 1)
        entries = await palette_entries(dashboard_app, pilot, query)
    for wanted in offered:
        assert any(wanted in e for e in entries)
    for unwanted in not_offered:
        assert not any(unwanted in e for e in entries)


async def test_a_palette_entry_runs_the_action_on_the_pane(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    charge_id = (await ids_where(seeded_ledger, "charges", charges.c.status == "error"))[0]
    async with running(dashboard_app) as pilot:
        await put_cursor(dashboard_app, pilot, "charges", charge_id)
        entries = await palette_entries(dashboard_app, pilot, "ticket charges retry")
        assert entries
        assert "Ticket charges: Retry" in entries[0]
        await press(dashboard_app, pilot, "enter")
    assert (await row(seeded_ledger, "charges", charge_id)).status == ChargeStatus.PENDING
    assert (await history(seeded_ledger, EntityType.CHARGE, charge_id))[-1].actor == "tester"


async def test_remapped_keys_work_and_show_in_the_palette(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    app = reconfigured(dashboard_app, keymap={"charges.reorder": "ctrl+o"})
    cancelled = (await ids_where(seeded_ledger, "charges", charges.c.status == "cancelled"))[0]
    async with running(app) as pilot:
        await press_on(app, pilot, "charges", cancelled, "n")  # the old key does nothing now
        assert await ids_where(seeded_ledger, "charges", charges.c.id > 400) == []
        await press(app, pilot, "ctrl+o")  # asks: a re-order bills the customer again
        await press(app, pilot, "y")
        assert len(await ids_where(seeded_ledger, "charges", charges.c.id > 400)) == 1


async def test_sync_now_without_workers_says_so(dashboard_app: ProcdeskApp) -> None:
    async with running(dashboard_app) as pilot:
        await press(dashboard_app, pilot, "s")
        severity, message = notes(dashboard_app)[-1]
    assert severity == "warning"
    assert "No workers run inside this dashboard" in message


async def test_a_failing_sync_now_becomes_an_issue_not_a_traceback(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger, tmp_path: Any
) -> None:
    async def broken_cycle() -> object:
        raise RuntimeError("ledger row 7 has no quote")

    log_path = tmp_path / "logs" / "dashboard.log"
    app = reconfigured(dashboard_app, sync_now=broken_cycle, log_path=log_path)
    async with running(app) as pilot:
        await press(app, pilot, "s")
        severity, message = notes(app)[-1]
        assert severity == "error"
        assert message.startswith("RuntimeError: ledger row 7 has no quote")
        assert app.is_running
    async with seeded_ledger.read() as conn:
        [issue] = [
            i
            for i in await issue_store.list_open(conn, kind=IssueKind.INTERNAL_ERROR)
            if i.subject_id == "dashboard:sync now"
        ]
    assert issue.message == "sync now failed: RuntimeError: ledger row 7 has no quote"
    logged = log_path.read_text()
    assert "sync now failed" in logged
    assert "Traceback" in logged  # the full story is in the log, not on screen


async def test_a_background_job_that_crashes_opens_an_issue(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    started = asyncio.Event()

    async def scenario() -> None:
        started.set()
        raise ValueError("scenario step 3 refers to a missing ticket")

    app = reconfigured(dashboard_app, background=[scenario])
    async with running(app):
        assert started.is_set()
        assert notes(app)[-1][0] == "error"
        assert app.is_running
    async with seeded_ledger.read() as conn:
        subjects = {
            i.subject_id for i in await issue_store.list_open(conn, kind=IssueKind.INTERNAL_ERROR)
        }
    assert "dashboard:scenario" in subjects


@pytest.mark.parametrize(
    ("query", "title", "screen"),
    [
        ("mapping", "Category billing codes", "MappingScreen"),
        ("billing", "Category billing codes", "MappingScreen"),
        ("codes", "Category billing codes", "MappingScreen"),
        ("connections", "Admin: Connections", "ConnectionsScreen"),
        ("auth", "Admin: Connections", "ConnectionsScreen"),
        ("distributor", "Admin: Connections", "ConnectionsScreen"),
        ("credential", "Autotask login", "ReauthScreen"),
        ("distributor", "Ingram Micro distributor", "ReauthScreen"),
        ("vendor", "Admin: Vendor mapping", "VendorsScreen"),
        ("distributor", "Admin: Vendor mapping", "VendorsScreen"),
        ("purchase order", "Admin: Vendor mapping", "VendorsScreen"),
        ("inventory", "Admin: Vendor mapping", "VendorsScreen"),
    ],
)
async def test_the_admin_screens_are_found_by_what_people_type(
    dashboard_app: ProcdeskApp, query: str, title: str, screen: str
) -> None:
    async with running(dashboard_app) as pilot:
        entries = await palette_entries(dashboard_app, pilot, query)
        assert any(title in e for e in entries), entries
        chosen = next(i for i, e in enumerate(entries) if title in e)
        for _ in range(chosen):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(dashboard_app, pilot)
        assert type(dashboard_app.screen).__name__ == screen


@pytest.mark.parametrize(
    ("key", "screen"),
    [("c", "ConnectionsScreen"), ("b", "MappingScreen"), ("V", "VendorsScreen")],
)
async def test_the_admin_screens_have_keys_listed_in_help(
    dashboard_app: ProcdeskApp, key: str, screen: str
) -> None:
    async with running(dashboard_app) as pilot:
        shown = keys_table(dashboard_app)  # what `?` help and the footer list
        assert "| `c` | Connections |" in shown
        assert "| `b` | Billing codes |" in shown
        assert "| `V` | Vendors |" in shown
        await pilot.press(key)
        await settle(dashboard_app, pilot)
        assert type(dashboard_app.screen).__name__ == screen
        depth = len(dashboard_app.screen_stack)
        await pilot.press("c", "b", "V")  # not stacked again on top of an admin screen
        await settle(dashboard_app, pilot)
        assert len(dashboard_app.screen_stack) == depth
        assert "Billing codes" not in keys_table(dashboard_app)
