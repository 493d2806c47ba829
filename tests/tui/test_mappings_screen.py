"""The mappings screen against the sandbox's Autotask: what it offers, what it refuses, and
that a change invalidating synced charges cancels them only after a yes."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, Select

from procdesk.domain.enums import ChargeStatus, IssueKind
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.sandbox.autotask.demo_data import (
    DEMO_CATEGORY_BILLING_CODES,
    INACTIVE_MATERIAL_CODE_ID,
    RMA_CODE_ID,
    WORK_TYPE_CODE_ID,
)
from procdesk.sandbox.autotask.fields import USE_TYPE_WORK_TYPE
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.store import mappings as mapping_store
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.confirm import ConfirmScreen
from procdesk.tui.screens.mappings import MappingScreen
from procdesk.tui.screens.reauth import ReauthScreen
from procdesk.tui.widgets.mapping_invalidated import InvalidatedChargesDialog
from procdesk.wiring import Context
from tests.support.charges import HARDWARE_CODE, TICKET, SyncHarness, add_quote, line, set_faults
from tests.support.dashboard import SCREEN_SIZE
from tests.support.keyring_entries import demo_entry
from tests.support.settle import settle

SOFTWARE_CODE = DEMO_CATEGORY_BILLING_CODES["Software"]


async def mapping_of(harness: SyncHarness, category: str) -> int | None:
    async with harness.ledger.read() as conn:
        row = await mapping_store.get(conn, category)
    return None if row is None else row.billing_code_id


def billing_code(sandbox: SandboxServer, code_id: int) -> dict[str, Any]:
    return sandbox.runtime.autotask.store.table("BillingCodes")[code_id]


def offered_codes(screen: MappingScreen) -> set[int]:
    """The billing code ids the picker lists (its prompt left out)."""
    options = probe.select_options(screen.query_one("#code", Select))
    return {value for _, value in options if isinstance(value, int)}


async def open_screen(
    app: ProcdeskApp, context: Context, pilot: Any, category: str
) -> MappingScreen:
    screen = MappingScreen(context, category=category)
    await app.push_screen(screen)
    await settle(app, pilot)
    return screen


async def test_picker_offers_only_active_material_codes_that_are_not_rma(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    await add_quote(
        harness.ledger,
        "Q-1",
        ticket_id=TICKET,
        lines=[line(1), line(2, category="Cabling"), line(3, category="Returns")],
    )
    await harness.map("Returns", RMA_CODE_ID)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Cabling")
        offered = offered_codes(screen)
        assert offered == set(DEMO_CATEGORY_BILLING_CODES.values())
        assert not offered & {INACTIVE_MATERIAL_CODE_ID, RMA_CODE_ID, WORK_TYPE_CODE_ID}
        table = screen.query_one("#categories", DataTable)
        assert [[str(c) for c in table.get_row_at(i)[:3]] for i in range(table.row_count)] == [
            ["Cabling", "✗ no code", ""],
            ["Hardware", "✓ valid", str(HARDWARE_CODE)],
            ["Returns", "✗ RMA code", str(RMA_CODE_ID)],
        ]
        assert screen.category == "Cabling"
        assert "Category 'Cabling': no billing code yet" in probe.screen_text(screen_app)


async def test_a_code_autotask_no_longer_takes_is_rejected_in_the_screen(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    sandbox: SandboxServer,
) -> None:
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        # Someone turns the offered code into a Work Type code in Autotask meanwhile.
        billing_code(sandbox, SOFTWARE_CODE)["useType"] = USE_TYPE_WORK_TYPE
        screen.query_one("#code", Select).value = SOFTWARE_CODE
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        text = probe.screen_text(screen_app)
        assert "Not saved: Autotask would not take it" in text
        assert "not a Material Cost Code" in text
        assert screen_app.screen is screen
        assert await mapping_of(harness, "Hardware") == HARDWARE_CODE
        await pilot.press("ctrl+r")
        await settle(screen_app, pilot)
        offered = offered_codes(screen)
        assert SOFTWARE_CODE not in offered  # no longer offered once reloaded


async def test_autotask_down_is_a_message_not_a_traceback(
    screen_app: ProcdeskApp,
    screen_context: Context,
    harness: SyncHarness,
    sandbox: SandboxServer,
) -> None:
    set_faults(sandbox, "autotask=500")
    screen_app.options.keymap["mappings.reload"] = "f5"  # the message names the effective key
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        text = probe.screen_text(screen_app)
        assert "Autotask could not be reached or refused" in text
        assert "Press f5 to try again." in text
        assert screen_app.screen is screen
        set_faults(sandbox, "")
        await pilot.press("f5")
        await settle(screen_app, pilot)
        offered = offered_codes(screen)
        assert SOFTWARE_CODE in offered
    assert screen_app.return_code in (None, 0)
    assert await harness.open_issues() == []  # an Autotask outage is not an internal error


async def synced_hardware_charges(harness: SyncHarness) -> list[int]:
    ids = await add_quote(harness.ledger, "Q-7", ticket_id=TICKET, lines=[line(1), line(2)])
    assert (await harness.loop.run_once())["synced"] == 2
    return ids


async def test_save_that_invalidates_synced_charges_cancels_them_only_after_yes(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    ids = await synced_hardware_charges(harness)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        screen.query_one("#code", Select).value = SOFTWARE_CODE
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert isinstance(screen_app.screen, InvalidatedChargesDialog)
        asked = probe.screen_text(screen_app)
        assert "2 synced charge(s) in 'Hardware'" in asked
        assert all(f"charge {cid} " in asked for cid in ids)
        # Asking changes nothing yet.
        assert await mapping_of(harness, "Hardware") == HARDWARE_CODE
        rows = await harness.charges(ids)
        assert [(r.status, r.cancel_reason) for r in rows] == [(ChargeStatus.SYNCED, None)] * 2

        await pilot.press("y")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert await mapping_of(harness, "Hardware") == SOFTWARE_CODE
        assert [r.cancel_reason for r in await harness.charges(ids)] == ["mapping_changed"] * 2
        text = probe.screen_text(screen_app)
        assert f"Saved: Hardware → {SOFTWARE_CODE} (Software Materials)" in text
        assert "charges to be deleted in Autotask, then cancelled" in text
        table = screen.query_one("#categories", DataTable)
        assert [str(c) for c in table.get_row_at(0)[:3]] == [
            "Hardware",
            "✓ valid",
            str(SOFTWARE_CODE),
        ]
    await harness.loop.run_once()  # the worker deletes them in Autotask
    assert [r.status for r in await harness.charges(ids)] == [ChargeStatus.CANCELLED] * 2


async def test_back_saves_nothing_and_no_keeps_the_charges_with_an_issue_each(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    ids = await synced_hardware_charges(harness)
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        screen.query_one("#code", Select).value = SOFTWARE_CODE
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        await pilot.press("escape")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert "Not saved: nothing changed." in probe.screen_text(screen_app)
        assert await mapping_of(harness, "Hardware") == HARDWARE_CODE

        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        await pilot.press("n")
        await settle(screen_app, pilot)
        assert await mapping_of(harness, "Hardware") == SOFTWARE_CODE
        rows = await harness.charges(ids)
        assert [(r.status, r.cancel_reason) for r in rows] == [(ChargeStatus.SYNCED, None)] * 2
        issues = await harness.open_issues()
        assert sorted(i.subject_id for i in issues) == sorted(str(cid) for cid in ids)
        assert {i.kind for i in issues} == {IssueKind.WRONG_BILLING_CODE}
        assert "charges kept, each with a wrong-billing-code issue" in probe.screen_text(screen_app)


async def test_refused_credentials_lead_to_reauth_from_the_palette_then_codes_load(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, "not-the-secret")
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        assert "Autotask refused procdesk's credentials" in probe.screen_text(screen_app)
        assert offered_codes(screen) == set()
        await pilot.press("ctrl+p", *"re-auth autotask")
        await settle(screen_app, pilot)
        await pilot.press("enter")
        await settle(screen_app, pilot)
        reauth = screen_app.screen
        assert isinstance(reauth, ReauthScreen)
        reauth.query_one("#secret", Input).value = DEMO_CREDENTIALS.autotask.secret
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert SOFTWARE_CODE in offered_codes(screen)


async def test_a_bad_code_is_marked_and_fixing_it_retries_and_syncs_its_charges(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    """The story: Autotask refuses a category's code; the screen marks the row and counts
    the waiting charges; the right code is saved; the offer to retry is taken with `y`;
    the charges are sent again and synced in the same breath."""
    await harness.map("Hardware", INACTIVE_MATERIAL_CODE_ID)
    ids = await add_quote(harness.ledger, "Q-9", ticket_id=TICKET, lines=[line(1), line(2)])
    await harness.loop.run_once()
    assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.ERROR}
    harness.clock.advance(minutes=10)  # someone notices and opens the screen
    screen_app.options.sync_now = harness.loop.run_once
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        table = screen.query_one("#categories", DataTable)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[:3] == ["Hardware", "✗ inactive", str(INACTIVE_MATERIAL_CODE_ID)]
        assert row[4] == "2"  # waiting
        text = probe.screen_text(screen_app)
        assert f"billing code {INACTIVE_MATERIAL_CODE_ID}" in text
        assert "is inactive" in text
        assert "1 with a code Autotask refuses" in text

        screen.query_one("#code", Select).value = HARDWARE_CODE
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        asked = screen_app.screen
        assert isinstance(asked, ConfirmScreen)
        offer = probe.screen_text(screen_app)
        assert "Retry the 2 charge(s) waiting on 'Hardware' now?" in offer
        assert all(f"charge {cid} " in offer for cid in ids)
        assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.ERROR}

        await pilot.press("y")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.SYNCED}
        row = [str(c) for c in table.get_row_at(0)]
        assert row[:3] == ["Hardware", "✓ valid", str(HARDWARE_CODE)]
        assert row[4] == "0"
        text = probe.screen_text(screen_app)
        assert "2 charges sent again next sync; sync cycle done" in text
    assert await mapping_of(harness, "Hardware") == HARDWARE_CODE


async def test_declining_the_retry_keeps_the_mapping_and_leaves_the_charges_in_error(
    screen_app: ProcdeskApp, screen_context: Context, harness: SyncHarness
) -> None:
    await harness.map("Hardware", INACTIVE_MATERIAL_CODE_ID)
    ids = await add_quote(harness.ledger, "Q-9", ticket_id=TICKET, lines=[line(1)])
    await harness.loop.run_once()
    async with screen_app.run_test(size=SCREEN_SIZE) as pilot:
        screen = await open_screen(screen_app, screen_context, pilot, "Hardware")
        screen.query_one("#code", Select).value = HARDWARE_CODE
        await pilot.press("ctrl+s")
        await settle(screen_app, pilot)
        await pilot.press("n")
        await settle(screen_app, pilot)
        assert screen_app.screen is screen
        assert "1 charge(s) still wait in error" in probe.screen_text(screen_app)
    assert await mapping_of(harness, "Hardware") == HARDWARE_CODE
    assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.ERROR}
