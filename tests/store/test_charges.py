"""The entry points the quote importer calls: create a pending charge, cancel a quote's."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from decimal import Decimal
from types import FrameType

from procdesk.domain.charge import Charge
from procdesk.domain.enums import CancelReason, ChargeStatus, EntityType, IssueKind
from procdesk.services.charges.cancel import request_cancel_for_quote
from procdesk.store import charges as charge_store
from procdesk.store import events, issues
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges as charges_table
from tests.support.charges import NOW, add_quote, line


async def test_create_pending_charge_fills_display_copies(ledger: Ledger) -> None:
    [cid] = await add_quote(
        ledger, "Q-1", ticket_id=7, ticket_number="T1", lines=[line(1, quantity="1.00005")]
    )
    async with ledger.read() as conn:
        charge = await charge_store.get(conn, cid)
        history = await events.history(conn, EntityType.CHARGE, cid)
    assert charge is not None
    assert charge.status == ChargeStatus.PENDING
    assert charge.billable_amount == Decimal("1000.0900")  # round4(1.0001 x 999.99)
    assert charge.next_attempt_at == NOW
    assert len(charge.marker) == 32
    assert "q-1 contoso ltd sku-0001" in charge.search_text
    assert [e.action for e in history] == ["created"]


async def test_markers_are_unique(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(n) for n in range(1, 6)])
    async with ledger.read() as conn:
        rows = await charge_store.get_many(conn, ids)
    assert len({r.marker for r in rows}) == 5


async def test_cancel_for_quote_by_state(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(n) for n in range(1, 5)])
    never_sent, synced, billed, sent_unsure = ids
    async with ledger.write() as conn:
        await conn.execute(
            charges_table.update()
            .where(charges_table.c.id.in_([synced, billed]))
            .values(status=ChargeStatus.SYNCED.value, autotask_id=99)
        )
        await conn.execute(
            charges_table.update().where(charges_table.c.id == billed).values(is_billed=True)
        )
        await conn.execute(
            charges_table.update()
            .where(charges_table.c.id == sent_unsure)
            .values(send_started_at=NOW)
        )
        outcome = await request_cancel_for_quote(
            conn,
            quote_id="Q-1",
            reason=CancelReason.QUOTE_WITHDRAWN,
            actor="importer",
            now=NOW + timedelta(minutes=1),
        )
    assert outcome == {
        "cancelled": [never_sent],
        "requested": [synced, sent_unsure],
        "billed": [billed],
        "skipped": [],
    }
    async with ledger.read() as conn:
        rows = {r.id: r for r in await charge_store.get_many(conn, ids)}
        open_kinds = [i.kind for i in await issues.list_open(conn)]
    assert rows[never_sent].status == ChargeStatus.CANCELLED
    assert rows[synced].status == ChargeStatus.SYNCED
    assert rows[synced].cancel_reason == CancelReason.QUOTE_WITHDRAWN
    assert rows[billed].cancel_reason is None
    assert open_kinds == [IssueKind.CHARGE_BILLED]


async def test_claims_exclude_leased_charges_until_released_or_expired(ledger: Ledger) -> None:
    ids = await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(n) for n in range(1, 4)])
    lease = timedelta(minutes=2)
    async with ledger.write() as conn:
        first = await charge_store.claim_due(conn, owner="a", now=NOW, lease_for=lease, limit=2)
        second = await charge_store.claim_due(conn, owner="b", now=NOW, lease_for=lease, limit=5)
    assert [c.charge.id for c in first] == ids[:2]
    assert [c.charge.id for c in second] == ids[2:]
    later = NOW + timedelta(minutes=3)
    async with ledger.write() as conn:
        assert await charge_store.renew_leases(conn, owner="a", until=later + lease) == 2
        stolen = await charge_store.claim_due(conn, owner="c", now=later, lease_for=lease, limit=5)
    assert [c.charge.id for c in stolen] == ids[2:]  # b's lease ran out; a renewed its own


async def test_claiming_many_charges_lets_other_tasks_run_between_records(
    ledger: Ledger,
) -> None:
    """A worker's answers are read while it claims its next batch: building the claimed
    records gives the event loop turns. Observed by which turn of another task each record
    is built in (no clock involved)."""
    await add_quote(ledger, "Q-1", ticket_id=7, lines=[line(n) for n in range(1, 81)])
    turns = 0

    async def other_task() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    built_in_turn: list[int] = []

    def watch(frame: FrameType, event: str, _: object) -> None:
        called = event == "call" and frame.f_code.co_name == "model_validate"
        if called and frame.f_locals.get("cls") is Charge:
            built_in_turn.append(turns)

    ticking = asyncio.create_task(other_task())
    try:
        async with ledger.write() as conn:
            sys.setprofile(watch)
            try:
                claimed = await charge_store.claim_due(
                    conn, owner="a", now=NOW, lease_for=timedelta(minutes=2), limit=80
                )
            finally:
                sys.setprofile(None)
    finally:
        ticking.cancel()
    assert len(claimed) == len(built_in_turn) == 80
    # not all 80 records in one stretch: the other task ran between them, several times
    assert len(set(built_in_turn)) >= 3
