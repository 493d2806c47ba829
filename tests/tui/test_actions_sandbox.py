"""Charge actions against the running sandbox's Autotask, with sync-now driving one real
worker cycle: cancelling a synced charge deletes it there; retrying while Autotask is down
postpones it again, quietly, until Autotask answers."""

from __future__ import annotations

from procdesk.domain.enums import ChargeStatus, EntityType
from procdesk.sandbox.server import SandboxServer
from procdesk.tui.screens.confirm import ConfirmScreen
from tests.support.charges import TICKET, SyncHarness, add_quote, line, remote_charges, set_faults
from tests.support.dashboard import (
    SIZE,
    history,
    notes,
    put_cursor,
    row,
    sandbox_dashboard,
)
from tests.support.settle import settle


async def test_cancel_a_synced_charge_deletes_it_in_autotask(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [charge_id] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    app = sandbox_dashboard(harness)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert notes(app)[-1][1].startswith("Sync cycle done: ")
        assert (await row(harness.ledger, "charges", charge_id)).status == ChargeStatus.SYNCED
        assert len(remote_charges(sandbox)) == 1
        await put_cursor(app, pilot, "charges", charge_id)
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(*"ordered twice", "enter")
        await settle(app, pilot)
        assert "to delete in Autotask first" in notes(app)[-1][1]
        await pilot.press("s")
        await settle(app, pilot)
        pane_row = app.query_one("#charges").table.current_row
        assert pane_row.status == ChargeStatus.CANCELLED  # repainted from the feed
    assert remote_charges(sandbox) == []
    charge = await row(harness.ledger, "charges", charge_id)
    assert (charge.status, charge.cancel_note) == (ChargeStatus.CANCELLED, "ordered twice")
    assert "admin" in {e.actor for e in await history(harness.ledger, EntityType.CHARGE, charge_id)}


async def test_retry_while_autotask_is_down_postpones_quietly_then_syncs(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    set_faults(sandbox, "autotask:POST:*/charges=reset")
    [charge_id] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    app = sandbox_dashboard(harness)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        first = await row(harness.ledger, "charges", charge_id)
        assert (first.status, first.attempts) == (ChargeStatus.PENDING, 1)
        assert first.next_attempt_at > harness.clock()  # postponed
        await put_cursor(app, pilot, "charges", charge_id)
        harness.clock.advance(minutes=1)  # the failed send has long landed (or not)
        await pilot.press("r")  # due now, although Autotask is still down
        await settle(app, pilot)
        assert (await row(harness.ledger, "charges", charge_id)).next_attempt_at == harness.clock()
        await pilot.press("s")
        await settle(app, pilot)
        second = await row(harness.ledger, "charges", charge_id)
        assert (second.status, second.attempts) == (ChargeStatus.PENDING, 2)
        assert all(severity != "error" for severity, _ in notes(app))
        set_faults(sandbox, "")
        harness.clock.advance(minutes=1)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
    assert (await row(harness.ledger, "charges", charge_id)).status == ChargeStatus.SYNCED
    assert len(remote_charges(sandbox)) == 1
    retries = [
        e
        for e in await history(harness.ledger, EntityType.CHARGE, charge_id)
        if e.action == "retry"
    ]
    assert [e.actor for e in retries] == ["admin", "admin"]
