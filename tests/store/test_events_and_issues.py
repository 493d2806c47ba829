"""Events are appended inside the caller's transaction; issues deduplicate per kind+subject."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, Provider
from procdesk.store import events
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger


async def test_event_rolls_back_with_its_transaction(ledger: Ledger) -> None:
    with pytest.raises(RuntimeError):
        async with ledger.write() as conn:
            await events.append(
                conn, actor="t", entity_type=EntityType.CHARGE, entity_id=1, action="synced"
            )
            raise RuntimeError("boom")
    async with ledger.read() as conn:
        assert await events.last_seq(conn) == 0


async def test_feed_and_history_are_ordered(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        for action in ("created", "synced", "cancelled"):
            await events.append(
                conn,
                actor="t",
                entity_type=EntityType.CHARGE,
                entity_id=7,
                action=action,
                detail={"a": action},
            )
        await events.append(
            conn, actor="t", entity_type=EntityType.ORDER, entity_id=7, action="queued"
        )
    async with ledger.read() as conn:
        assert [e.action for e in await events.history(conn, EntityType.CHARGE, 7)] == [
            "created",
            "synced",
            "cancelled",
        ]
        feed = await events.since(conn, 2)
        assert [e.seq for e in feed] == [3, 4]
        assert feed[-1].entity_type is EntityType.ORDER


async def _open(conn, subject_id: int = 1, message: str = "m") -> int:
    return await issue_store.open_issue(
        conn,
        kind=IssueKind.INVALID_BILLING_CODE,
        subject_type=EntityType.CHARGE,
        subject_id=subject_id,
        title="t",
        message=message,
        hint="h",
        action=IssueAction.EDIT_BILLING_CODE_MAPPING,
        actor="t",
        provider=Provider.AUTOTASK,
    )


async def test_reopening_an_open_issue_counts_occurrences(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        first = await _open(conn)
        second = await _open(conn, message="newer")
        other = await _open(conn, subject_id=2)
    assert first == second != other
    async with ledger.read() as conn:
        row = await issue_store.get(conn, first)
    assert row is not None
    assert (row.occurrences, row.message) == (2, "newer")


async def test_resolved_issue_frees_the_key_for_a_new_one(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        first = await _open(conn)
        assert await issue_store.resolve_for_subject(conn, EntityType.CHARGE, 1, actor="t") == [
            first
        ]
        again = await _open(conn)
    assert again != first
    async with ledger.read() as conn:
        assert [i.id for i in await issue_store.list_open(conn)] == [again]
        assert [e.action for e in await events.history(conn, EntityType.ISSUE, first)] == [
            "opened",
            "resolved",
        ]


K = IssueKind


@pytest.mark.parametrize(
    ("subject_type", "first", "then", "still_open"),
    [
        # a charge has one current problem: the newer, more specific cause replaces the older
        (
            EntityType.CHARGE,
            K.MISSING_BILLING_CODE,
            K.INVALID_BILLING_CODE,
            {K.INVALID_BILLING_CODE},
        ),
        (EntityType.CHARGE, K.INVALID_BILLING_CODE, K.CHARGE_CANCELLED, {K.CHARGE_CANCELLED}),
        (EntityType.CHARGE, K.CHARGE_VALIDATION, K.CHARGE_BILLED, {K.CHARGE_BILLED}),
        (
            EntityType.CREDENTIAL,
            K.CREDENTIALS_EXPIRED,
            K.CREDENTIALS_INVALID,
            {K.CREDENTIALS_INVALID},
        ),
        (
            EntityType.CREDENTIAL,
            K.CREDENTIALS_INVALID,
            K.INVALID_CUSTOMER_NUMBER,
            {K.INVALID_CUSTOMER_NUMBER},
        ),
        (EntityType.ORDER, K.DISTRIBUTOR_UNAVAILABLE, K.STUCK_PROCESSING, {K.STUCK_PROCESSING}),
        # kinds outside a group stand beside it
        (
            EntityType.ORDER,
            K.STUCK_PROCESSING,
            K.PRICE_CHANGED,
            {K.STUCK_PROCESSING, K.PRICE_CHANGED},
        ),
        (
            EntityType.CHARGE,
            K.INVALID_BILLING_CODE,
            K.INTERNAL_ERROR,
            {K.INVALID_BILLING_CODE, K.INTERNAL_ERROR},
        ),
    ],
)
async def test_a_newer_cause_supersedes_the_older_one_with_a_note(
    ledger: Ledger,
    subject_type: EntityType,
    first: IssueKind,
    then: IssueKind,
    still_open: set[IssueKind],
) -> None:
    async def open_one(kind: IssueKind) -> int:
        async with ledger.write() as conn:
            return await issue_store.open_issue(
                conn,
                kind=kind,
                subject_type=subject_type,
                subject_id="7",
                title=kind.value,
                message="m",
                hint="h",
                action=IssueAction.NONE,
                actor="worker",
            )

    older = await open_one(first)
    newer = await open_one(then)
    async with ledger.read() as conn:
        open_now = await issue_store.open_about(conn, subject_type, "7")
        old = await issue_store.get(conn, older)
        trail = await events.history(conn, EntityType.ISSUE, older)
    assert {i.kind for i in open_now} == still_open
    assert old is not None
    if first in still_open:
        assert old.status == "open"
    else:
        assert (old.status, old.closed_by) == ("resolved", "worker")
        assert old.detail["resolution"].startswith(f"superseded by issue {newer}")
        assert trail[-1].detail["superseded_by"] == newer
