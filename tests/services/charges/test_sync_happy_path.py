"""Pending charges become Autotask ticket charges, once each, with what the line says."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType
from procdesk.domain.ticket_charge import charge_marker
from procdesk.sandbox.server import SandboxServer
from procdesk.services.charges import cancel as charge_cancel
from procdesk.store import charges as charge_store
from procdesk.store import events
from procdesk.store.schema import charges as charges_table
from tests.support.charges import (
    HARDWARE_CODE,
    TICKET,
    SyncHarness,
    add_quote,
    line,
    remote_charges,
    sandbox_state,
)


async def test_worker_syncs_each_line_once_with_its_autotask_id(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    long_description = "Business laptop with a very long description " * 5
    ids = await add_quote(
        harness.ledger,
        "Q-100",
        ticket_id=TICKET,
        lines=[line(1, description=long_description), line(2, quantity="3", unit_price="10.5")],
    )
    report = await harness.loop.run_once()
    assert report["synced"] == 2
    rows = await harness.charges(ids)
    remote = {c["id"]: c for c in remote_charges(sandbox)}
    assert len(remote) == 2
    for row in rows:
        assert row.status == ChargeStatus.SYNCED
        created = remote[row.autotask_id]
        assert charge_marker(row.marker) in created["notes"]
        assert created["ticketID"] == TICKET
        assert created["billingCodeID"] == HARDWARE_CODE == row.billing_code_id
        assert created["purchaseOrderNumber"] == created["internalPurchaseOrderNumber"] == "Q-100"
        assert created["datePurchased"].startswith("2026-11-23")
        assert len(created["name"]) <= 100
    first = remote[rows[0].autotask_id]
    assert first["description"] == long_description
    assert Decimal(str(remote[rows[1].autotask_id]["billableAmount"])) == Decimal("31.5")
    async with harness.ledger.read() as conn:
        actions = [e.action for e in await events.history(conn, EntityType.CHARGE, ids[0])]
    # the same cycle read the procurement status Autotask derived for it
    assert actions == ["created", "synced", "refreshed"]
    refreshed = await harness.charges(ids)
    assert all(r.procurement_status for r in refreshed)


async def test_second_cycle_sends_nothing_new(harness: SyncHarness, sandbox: SandboxServer) -> None:
    await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    await harness.loop.run_once()
    before = sandbox_state(sandbox)["requests"]["requests_served"]
    report = await harness.loop.run_once()
    assert report.get("synced", 0) == 0
    assert len(remote_charges(sandbox)) == 1
    assert sandbox_state(sandbox)["requests"]["requests_served"] == before


async def test_a_cancel_arriving_while_a_create_is_in_flight_still_happens(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    async with harness.ledger.write() as conn:
        [claimed] = await charge_store.claim_due(
            conn, owner="test-worker", now=harness.clock(), lease_for=timedelta(minutes=1), limit=5
        )
    async with harness.ledger.write() as conn:  # the admin cancels while it is leased
        row = await charge_store.get(conn, cid)
        assert row is not None
        outcome = await charge_cancel.request_cancel(
            conn, row, reason=CancelReason.ADMIN, actor="admin", now=harness.clock()
        )
    assert outcome == "requested"
    await harness.loop.outcomes.synced(
        claimed.charge, autotask_id=1, billing_code_id=None, adopted=False
    )
    [row] = await harness.charges([cid])
    assert (row.status, row.next_attempt_at) == (ChargeStatus.SYNCED, harness.clock())


async def test_a_send_that_may_still_be_in_flight_is_given_time_to_land(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    async with harness.ledger.write() as conn:  # a crashed worker had just started a send
        await conn.execute(
            charges_table.update()
            .where(charges_table.c.id == cid)
            .values(send_started_at=harness.clock(), attempts=1)
        )
    assert (await harness.loop.run_once())["deferred"] == 1
    assert remote_charges(sandbox) == []
    harness.clock.advance(seconds=harness.settings.autotask.timeout_s + 1)
    assert (await harness.loop.run_once())["synced"] == 1
