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
