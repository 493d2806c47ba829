"""Each failure the help article describes becomes the right issue with its fix."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from procdesk.domain.enums import ChargeStatus, EntityType, IssueAction, IssueKind
from procdesk.sandbox.autotask.charges import INVALID_BILLING_CODE
from procdesk.sandbox.autotask.demo_data import INACTIVE_MATERIAL_CODE_ID, RMA_CODE_ID
from procdesk.sandbox.server import SandboxServer
from procdesk.services.charges.outcomes import UNAVAILABLE_ISSUE_AFTER
from procdesk.services.dashboard.issues import IssueActions
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store.schema import category_billing_codes
from tests.support.charges import (
    TICKET,
    SyncHarness,
    add_quote,
    build_short_timeout_loop,
    line,
    remote_charges,
    sandbox_state,
    set_faults,
)


async def test_invalid_billing_code_opens_mapping_issue_with_message_verbatim(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(
        harness.ledger,
        "Q-1",
        ticket_id=TICKET,
        lines=[line(1, billing_code_override=INACTIVE_MATERIAL_CODE_ID)],
    )
    await harness.loop.run_once()
    [row] = await harness.charges([cid])
    assert row.status == ChargeStatus.ERROR
    assert row.error_kind == IssueKind.INVALID_BILLING_CODE
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.INVALID_BILLING_CODE
    assert issue.message == INVALID_BILLING_CODE
    # the line named the code itself: its charge (and the quote file), not the mapping
    assert issue.action == IssueAction.OPEN_CHARGE
    assert issue.detail["billing_code_override"] == INACTIVE_MATERIAL_CODE_ID
    assert issue.subject_id == str(cid)
    assert remote_charges(sandbox) == []


async def test_rma_code_is_refused_too(harness: SyncHarness) -> None:
    await harness.map("Hardware", RMA_CODE_ID)
    await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    await harness.loop.run_once()
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.INVALID_BILLING_CODE


async def test_unmapped_category_fails_locally_without_an_api_call(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    [cid] = await add_quote(
        harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1, category="Furniture")]
    )
    before = sandbox_state(sandbox)["requests"]["served_per_endpoint"]
    await harness.loop.run_once()
    after = sandbox_state(sandbox)["requests"]["served_per_endpoint"]
    assert not any(k.startswith("POST") and "charges" in k and "query" not in k for k in after)
    assert after.get("POST /autotask/atservicesrest/v1.0/tickets/{id}/charges") == before.get(
        "POST /autotask/atservicesrest/v1.0/tickets/{id}/charges"
    )
    [row] = await harness.charges([cid])
    assert row.status == ChargeStatus.ERROR
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.MISSING_BILLING_CODE
    assert "Furniture" in issue.message
    assert issue.action == IssueAction.EDIT_BILLING_CODE_MAPPING


async def test_local_validation_zero_quantity(harness: SyncHarness, sandbox: SandboxServer) -> None:
    await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1, quantity="0.00001")])
    await harness.loop.run_once()
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.CHARGE_VALIDATION
    assert "quantity must be above zero" in issue.message
    assert remote_charges(sandbox) == []


async def test_unknown_ticket_is_a_validation_error_from_autotask(harness: SyncHarness) -> None:
    await add_quote(harness.ledger, "Q-1", ticket_id=999_999, lines=[line(1)])
    await harness.loop.run_once()
    [issue] = await harness.open_issues()
    assert issue.kind == IssueKind.CHARGE_VALIDATION
    assert "ticketID 999999" in issue.message


async def test_transient_failures_back_off_and_open_an_issue_only_when_they_persist(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    set_faults(sandbox, "autotask:POST:*/charges=reset")
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    delays = []
    for attempt in range(1, UNAVAILABLE_ISSUE_AFTER + 1):
        before = harness.clock()
        report = await harness.loop.run_once()
        assert report["postponed"] == 1
        [row] = await harness.charges([cid])
        assert row.status == ChargeStatus.PENDING
        assert row.attempts == attempt
        delays.append(row.next_attempt_at - before)
        kinds = [i.kind for i in await harness.open_issues()]
        expected = [IssueKind.AUTOTASK_UNAVAILABLE] if attempt == UNAVAILABLE_ISSUE_AFTER else []
        assert kinds == expected
        assert (await harness.loop.run_once()).get("postponed", 0) == 0  # not due yet
        harness.clock.advance(seconds=row.next_attempt_at.timestamp() - before.timestamp())
    base = timedelta(seconds=harness.settings.sync.backoff_base_s)
    for n, delay in enumerate(delays):
        assert base * 2**n / 2 <= delay <= base * 2**n
    # Autotask recovers: the charge is created once (after a marker look-up) and the
    # issue is resolved.
    set_faults(sandbox, "")
    report = await harness.loop.run_once()
    assert report["synced"] == 1
    assert len(remote_charges(sandbox)) == 1
    assert await harness.open_issues() == []


async def test_an_outage_is_one_issue_about_autotask_and_its_retry_sends_every_waiting_charge(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    set_faults(sandbox, "autotask:POST:*/charges=reset")
    waiting = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1), line(2)])
    for _ in range(4 * UNAVAILABLE_ISSUE_AFTER):
        await harness.loop.run_once()
        rows = await harness.charges(waiting)
        if all(r.attempts >= UNAVAILABLE_ISSUE_AFTER for r in rows):
            break
        latest = max(r.next_attempt_at for r in rows)
        harness.clock.advance(seconds=max((latest - harness.clock()).total_seconds(), 0) + 1)
    assert all(r.status == ChargeStatus.PENDING for r in rows)
    assert all(r.attempts >= UNAVAILABLE_ISSUE_AFTER for r in rows)
    [issue] = await harness.open_issues()  # two charges kept failing: one issue
    assert issue.kind == IssueKind.AUTOTASK_UNAVAILABLE
    assert (issue.subject_type, issue.subject_id) == (EntityType.PROVIDER, "autotask")
    assert issue.occurrences >= 2
    assert issue.detail["last_charge"] in waiting
    # Autotask answers again; retrying the issue makes every waiting charge due now
    set_faults(sandbox, "")
    actions = IssueActions(
        harness.ledger,
        ProcurementSettings(approval_threshold=Decimal("5000")),
        actor="tester",
        clock=harness.clock,
    )
    result = await actions.retry_affected([issue.id])
    assert result.charges == sorted(waiting)
    assert all(r.next_attempt_at <= harness.clock() for r in await harness.charges(waiting))
    harness.clock.advance(seconds=600)  # past the settle time of the last failed send
    report = await harness.loop.run_once()
    assert report["synced"] == 2
    assert await harness.open_issues() == []
    assert len(remote_charges(sandbox)) == 2


async def test_rate_limit_honours_retry_after(harness: SyncHarness, sandbox: SandboxServer) -> None:
    set_faults(sandbox, "autotask:POST:*/charges=429:1:900")
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    await harness.loop.run_once()
    [row] = await harness.charges([cid])
    assert row.status == ChargeStatus.PENDING
    assert row.next_attempt_at - harness.clock() >= timedelta(seconds=900)


async def test_a_charge_created_by_a_timed_out_try_is_adopted_even_if_the_mapping_went(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    set_faults(sandbox, "autotask:POST:*/charges=timeout_after_effect:1:5")
    harness.loop = build_short_timeout_loop(harness)
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    assert (await harness.loop.run_once())["postponed"] == 1
    [remote] = remote_charges(sandbox)  # it was created although the answer never came
    set_faults(sandbox, "")
    async with harness.ledger.write() as conn:  # the category's mapping is removed meanwhile
        await conn.execute(category_billing_codes.delete())
    harness.clock.advance(hours=2)
    assert (await harness.loop.run_once())["adopted"] == 1
    [row] = await harness.charges([cid])
    assert (row.status, row.autotask_id) == (ChargeStatus.SYNCED, remote["id"])
