"""The command palette lists the focused pane's actions (and the app's) and runs them;
remapped keys show as remapped. Sync now, and background failures become issues."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.command import CommandList, CommandPalette

from procdesk.config import Settings
from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind
from procdesk.secrets import SecretStore
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.tui.app import ProcdeskApp, make_app
from procdesk.tui.context import DashboardContext
from tests.fixtures.dashboard import FIXED_NOW
from tests.fixtures.dashboard_actions import (
    SIZE,
    history,
    ids_where,
    notes,
    put_cursor,
    row,
    settle,
)


async def palette_entries(app: ProcdeskApp, pilot: Any, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(app, pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    for _ in range(20):  # the palette searches in the background; wait for its list
        await pilot.pause(0.05)
        found = app.screen.query_one(CommandList)
        if found.option_count:
            break
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


async def test_palette_offers_the_focused_panes_actions_only(
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        await put_cursor(dashboard_app, pilot, "charges", 1)
        entries = await palette_entries(dashboard_app, pilot, "ticket charges")
    assert any("Ticket charges: Re-order" in e for e in entries)
    assert any("Ticket charges: Cancel" in e for e in entries)
    assert any("Ticket charges: Export CSV" in e for e in entries)  # not in the footer
    assert not any("Status" in e for e in entries)  # keys, not commands


async def test_palette_does_not_offer_another_panes_actions(
    dashboard_app: ProcdeskApp,
) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        await put_cursor(dashboard_app, pilot, "charges", 1)
        entries = await palette_entries(dashboard_app, pilot, "approve")
    assert not any("Procurement queue" in e for e in entries)


async def test_a_palette_entry_runs_the_action_on_the_pane(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    charge_id = (await ids_where(seeded_ledger, "charges", charges.c.status == "error"))[0]
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        await put_cursor(dashboard_app, pilot, "charges", charge_id)
        entries = await palette_entries(dashboard_app, pilot, "ticket charges retry")
        assert entries
        assert "Ticket charges: Retry" in entries[0]
        await pilot.press("enter")
        await settle(dashboard_app, pilot)
    assert (await row(seeded_ledger, "charges", charge_id))["status"] == ChargeStatus.PENDING
    assert (await history(seeded_ledger, EntityType.CHARGE, charge_id))[-1].actor == "tester"


async def test_remapped_keys_work_and_show_in_the_palette(
    seeded_ledger: Ledger, secrets: SecretStore
) -> None:
    context = DashboardContext(
        ledger=seeded_ledger,
        settings=Settings(),
        secrets=secrets,
        actor="tester",
        now=lambda: FIXED_NOW,
        poll_interval=3600,
        keymap={"charges.reorder": "ctrl+o"},
    )
    app = make_app(context)
    cancelled = (await ids_where(seeded_ledger, "charges", charges.c.status == "cancelled"))[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await put_cursor(app, pilot, "charges", cancelled)
        await pilot.press("n")  # the old key does nothing now
        await settle(app, pilot)
        assert await ids_where(seeded_ledger, "charges", charges.c.id > 400) == []
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert len(await ids_where(seeded_ledger, "charges", charges.c.id > 400)) == 1


async def test_sync_now_without_workers_says_so(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        await pilot.press("s")
        await settle(dashboard_app, pilot)
        severity, message = notes(dashboard_app)[-1]
    assert severity == "warning"
    assert "No workers run inside this dashboard" in message


async def test_a_failing_sync_now_becomes_an_issue_not_a_traceback(
    seeded_ledger: Ledger, secrets: SecretStore, tmp_path: Any
) -> None:
    async def broken_cycle() -> object:
        raise RuntimeError("ledger row 7 has no quote")

    log_path = tmp_path / "logs" / "dashboard.log"
    context = DashboardContext(
        ledger=seeded_ledger,
        settings=Settings(),
        secrets=secrets,
        actor="tester",
        now=lambda: FIXED_NOW,
        poll_interval=3600,
        sync_now=broken_cycle,
        log_path=log_path,
    )
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        severity, message = notes(app)[-1]
        assert severity == "error"
        assert message.startswith("RuntimeError: ledger row 7 has no quote")
        assert app.is_running
    async with seeded_ledger.read() as conn:
        [issue] = [
            i
            for i in await issue_store.list_open(conn, kind=IssueKind.INTERNAL_ERROR)
            if i["subject_id"] == "dashboard:sync now"
        ]
    assert issue["message"] == "sync now failed: RuntimeError: ledger row 7 has no quote"
    logged = log_path.read_text()
    assert "sync now failed" in logged
    assert "Traceback" in logged  # the full story is in the log, not on screen


async def test_a_background_job_that_crashes_opens_an_issue(
    seeded_ledger: Ledger, secrets: SecretStore
) -> None:
    started = asyncio.Event()

    async def scenario() -> None:
        started.set()
        raise ValueError("scenario step 3 refers to a missing ticket")

    context = DashboardContext(
        ledger=seeded_ledger,
        settings=Settings(),
        secrets=secrets,
        actor="tester",
        now=lambda: FIXED_NOW,
        poll_interval=3600,
        background=[scenario],
    )
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert started.is_set()
        assert notes(app)[-1][0] == "error"
        assert app.is_running
    async with seeded_ledger.read() as conn:
        subjects = {
            i["subject_id"]
            for i in await issue_store.list_open(conn, kind=IssueKind.INTERNAL_ERROR)
        }
    assert "dashboard:scenario" in subjects
