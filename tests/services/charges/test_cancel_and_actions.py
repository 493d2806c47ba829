"""Cancellation (withdrawn quote, admin, mapping change), retry and re-order."""

from __future__ import annotations

from dataclasses import replace

from procdesk.domain.enums import CancelReason, ChargeStatus, IssueKind
from procdesk.sandbox.autotask.demo_data import (
    DEMO_CATEGORY_BILLING_CODES,
    INACTIVE_MATERIAL_CODE_ID,
)
from procdesk.sandbox.server import SandboxServer
from procdesk.services.charges.actions import ChargeActions
from procdesk.services.charges.cancel import request_cancel_for_quote
from tests.support.charges import (
    TICKET,
    SyncHarness,
    add_quote,
    bill,
    line,
    remote_charges,
)


def actions(h: SyncHarness) -> ChargeActions:
    return ChargeActions(h.ledger, actor="admin", clock=h.clock)


async def test_withdrawn_quote_deletes_synced_charges_in_autotask(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    ids = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    await harness.loop.run_once()
    assert len(remote_charges(sandbox)) == 2
    async with harness.ledger.write() as conn:
        outcome = await request_cancel_for_quote(
            conn,
            quote_id="Q-1",
            reason=CancelReason.QUOTE_WITHDRAWN,
            actor="importer",
            now=harness.clock(),
        )
    assert outcome["requested"] == ids
    report = await harness.loop.run_once()
    assert report["cancel_cancelled"] == 2
    assert remote_charges(sandbox) == []
    rows = await harness.charges(ids)
    assert {r.status for r in rows} == {ChargeStatus.CANCELLED}
    assert {r.cancel_reason for r in rows} == {CancelReason.QUOTE_WITHDRAWN}


async def test_billed_charge_is_never_touched(harness: SyncHarness, sandbox: SandboxServer) -> None:
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    await harness.loop.run_once()
    [row] = await harness.charges([cid])
    bill(sandbox, row.autotask_id)
    result = await actions(harness).cancel([cid], note="customer changed their mind")
    assert result.requested == [cid]  # the ledger did not know yet: the worker checks
    await harness.loop.run_once()
    [row] = await harness.charges([cid])
    assert row.status == ChargeStatus.SYNCED
    assert row.is_billed is True
    assert row.cancel_reason is None
    [remote] = remote_charges(sandbox)
    assert remote["isBilled"] is True
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.CHARGE_BILLED
    # now the ledger knows: a second cancel is refused at once
    again = await actions(harness).cancel([cid], note="again")
    assert list(again.skipped) == [cid]


async def test_admin_cancel_of_pending_is_local(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    result = await actions(harness).cancel([cid], note="duplicate line")
    assert result.done == [cid]
    await harness.loop.run_once()
    assert remote_charges(sandbox) == []
    [row] = await harness.charges([cid])
    assert (row.status, row.cancel_reason, row.cancel_note) == (
        ChargeStatus.CANCELLED,
        CancelReason.ADMIN,
        "duplicate line",
    )


async def test_reorder_makes_a_fresh_pending_charge_once(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    await actions(harness).cancel([cid], note="oops")
    first = await actions(harness).reorder([cid])
    [new_id] = first.created.values()
    second = await actions(harness).reorder([cid])
    assert second.created == {}
    assert f"already has charge {new_id}" in second.skipped[cid]
    await harness.loop.run_once()
    [new] = await harness.charges([new_id])
    assert new.status == ChargeStatus.SYNCED
    assert len(remote_charges(sandbox)) == 1


async def test_retry_after_fixing_the_mapping(harness: SyncHarness, sandbox: SandboxServer) -> None:
    await harness.map("Hardware", INACTIVE_MATERIAL_CODE_ID)
    ids = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    await harness.loop.run_once()
    assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.ERROR}
    await harness.map("Hardware", DEMO_CATEGORY_BILLING_CODES["Hardware"])
    result = await actions(harness).retry(all_errors=True, kind=IssueKind.INVALID_BILLING_CODE)
    assert result.done == ids
    harness.clock.advance(minutes=1)
    await harness.loop.run_once()
    assert {r.status for r in await harness.charges(ids)} == {ChargeStatus.SYNCED}
    assert await harness.open_issues() == []
    skipped = await actions(harness).retry([ids[0], 12345])
    assert set(skipped.skipped) == {ids[0], 12345}


async def test_mapping_change_reports_then_cancels_only_when_confirmed(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    ids = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    await harness.loop.run_once()
    service = replace(harness.ctx, actor="admin").mappings()
    bad = await service.plan("Hardware", INACTIVE_MATERIAL_CODE_ID)
    assert not bad.check.ok
    assert "inactive" in bad.check.problems[0]
    new_code = DEMO_CATEGORY_BILLING_CODES["Peripherals"]
    plan = await service.plan("Hardware", new_code)
    assert plan.check.ok
    assert [c.id for c in plan.invalidated] == ids
    declined = await service.apply(plan, cancel_invalidated=False)
    assert declined["flagged"] == ids
    assert {i.kind for i in await harness.open_issues()} == {IssueKind.WRONG_BILLING_CODE}
    assert len(remote_charges(sandbox)) == 2
    confirmed = await service.apply(plan, cancel_invalidated=True)
    assert confirmed["requested"] == ids
    await harness.loop.run_once()
    assert remote_charges(sandbox) == []
    rows = await harness.charges(ids)
    assert {r.cancel_reason for r in rows} == {CancelReason.MAPPING_CHANGED}
    assert {i.kind for i in await harness.open_issues()} == {IssueKind.CHARGE_CANCELLED}


async def test_mappings_check_lists_categories_without_a_usable_code(harness: SyncHarness) -> None:
    await harness.map("Peripherals", INACTIVE_MATERIAL_CODE_ID)
    await add_quote(
        harness.ledger,
        "Q-1",
        ticket_id=TICKET,
        lines=[line(1), line(2, category="Furniture"), line(3, category="Peripherals")],
    )
    checks = await replace(harness.ctx, actor="admin").mappings().check()
    assert [(c.category, c.problems[0]) for c in checks] == [
        ("Furniture", "no mapping"),
        (
            "Peripherals",
            f"billing code {INACTIVE_MATERIAL_CODE_ID} (Legacy Hardware (retired)) is inactive",
        ),
    ]
