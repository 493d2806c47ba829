"""Synced in one statement: the same rows, search text and events as one `mark_synced` per
charge, and the same compare and set (a row whose status moved is left alone)."""

from __future__ import annotations

from typing import Any

import pytest

from procdesk.domain.charge import Charge
from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType
from procdesk.domain.state_machines import IllegalTransitionError
from procdesk.store import charges as charge_store
from procdesk.store import events
from procdesk.store.ledger import Ledger
from tests.support.charges import NOW, add_quote, line

COMPARED = ("status", "autotask_id", "billing_code_id", "synced_at", "next_attempt_at",
            "lease_owner", "lease_until", "last_error", "error_kind", "search_text")  # fmt: skip


def _row(charge: Charge | None) -> dict[str, Any]:
    assert charge is not None
    return {name: getattr(charge, name) for name in COMPARED}


async def test_many_in_one_statement_write_what_one_by_one_writes(ledger: Ledger) -> None:
    one_by_one = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(1), line(2), line(3)])
    together = await add_quote(ledger, "Q-2", ticket_id=7, lines=[line(1), line(2), line(3)])
    async with ledger.write() as conn:
        # the third of each asks for a cancel meanwhile: due again at once once synced
        for cid in (one_by_one[2], together[2]):
            charge = await charge_store.get(conn, cid)
            assert charge is not None
            await charge_store.request_cancel(
                conn, charge, reason=CancelReason.ADMIN, note=None, actor="t", now=NOW
            )
    async with ledger.write() as conn:
        singles = await charge_store.get_many(conn, one_by_one)
        grouped = await charge_store.get_many(conn, together)
        for n, charge in enumerate(singles):
            assert await charge_store.mark_synced(
                conn, charge, autotask_id=900 + n, billing_code_id=n or None,
                adopted=n == 1, actor="w", now=NOW,
            )  # fmt: skip
        written = await charge_store.mark_synced_many(
            conn,
            [
                charge_store.Synced(charge, 900 + n, n or None, adopted=n == 1)
                for n, charge in enumerate(grouped)
            ],
            actor="w",
            now=NOW,
        )
    assert written == set(together)
    async with ledger.read() as conn:
        after_single = await charge_store.get_many(conn, one_by_one)
        after_grouped = await charge_store.get_many(conn, together)
        histories = [
            [
                (e.action, e.actor, e.detail)
                for e in await events.history(conn, EntityType.CHARGE, c)
                if e.action != "created"
            ]
            for c in (*one_by_one, *together)
        ]
    expected = [
        {**_row(c), "search_text": c.search_text.replace("q-1", "q-2")} for c in after_single
    ]
    assert [_row(c) for c in after_grouped] == expected
    assert after_grouped[2].next_attempt_at == NOW  # the cancel is carried out next
    assert after_grouped[0].next_attempt_at is None
    assert histories[3:] == histories[:3]
    assert [h[-1][0] for h in histories[3:]] == ["synced", "adopted", "synced"]


async def test_a_row_whose_status_moved_is_left_alone_and_gets_no_event(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(1), line(2)])
    async with ledger.write() as conn:
        seen = await charge_store.get_many(conn, ids)
        # someone else synced the second meanwhile
        assert await charge_store.mark_synced(
            conn, seen[1], autotask_id=500, billing_code_id=None, adopted=True, actor="o", now=NOW
        )
        written = await charge_store.mark_synced_many(
            conn,
            [charge_store.Synced(c, 600 + n, None, adopted=False) for n, c in enumerate(seen)],
            actor="w",
            now=NOW,
        )
    assert written == {ids[0]}
    async with ledger.read() as conn:
        first, second = await charge_store.get_many(conn, ids)
        second_history = await events.history(conn, EntityType.CHARGE, ids[1])
    assert (first.status, first.autotask_id) == (ChargeStatus.SYNCED, 600)
    assert second.autotask_id == 500  # the earlier write stands
    assert [e.actor for e in second_history if e.action in ("synced", "adopted")] == ["o"]


async def test_an_illegal_move_is_refused_before_anything_is_written(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(1), line(2)])
    async with ledger.write() as conn:
        first, second = await charge_store.get_many(conn, ids)
        cancelled = second.model_copy(update={"status": ChargeStatus.CANCELLED})
        with pytest.raises(IllegalTransitionError):
            await charge_store.mark_synced_many(
                conn,
                [
                    charge_store.Synced(first, 1, None, adopted=False),
                    charge_store.Synced(cancelled, 2, None, adopted=False),
                ],
                actor="w",
                now=NOW,
            )
    async with ledger.read() as conn:
        assert {c.status for c in await charge_store.get_many(conn, ids)} == {ChargeStatus.PENDING}
