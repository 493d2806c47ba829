"""A pane's filter finds a row by what any of its columns shows: the issues pane's subject
as people read it, kind in words and fix; a charge's status, error, Autotask id and PSA
status as its writes change them; any row by its id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from procdesk.domain.enums import CancelReason, EntityType, IssueAction, IssueKind, Provider
from procdesk.store import charges as charge_store
from procdesk.store.issues import open_issue
from procdesk.store.ledger import Ledger
from procdesk.store.views import CHARGES, ISSUES, ViewQuery
from tests.support.charges import add_quote, line

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def found(ledger: Ledger, view: object, text: str) -> list[int]:
    async with ledger.read() as conn:
        rows = await view.page_after(conn, ViewQuery(text=text), None, 100)  # type: ignore[attr-defined]
    return [r.id for r in rows]


@pytest.fixture
async def credential_issue(ledger: Ledger) -> int:
    async with ledger.write() as conn:
        return await open_issue(
            conn,
            kind=IssueKind.CREDENTIALS_INVALID,
            subject_type=EntityType.CREDENTIAL,
            subject_id="autotask",
            title="Autotask rejected the credentials",
            message="401 Unauthorized",
            hint="Re-enter the API user's secret on the re-authentication screen.",
            action=IssueAction.REAUTHENTICATE,
            actor="tester",
            provider=Provider.AUTOTASK,
            now=NOW,
        )


@pytest.mark.parametrize(
    "text",
    [
        "login",  # Subject: "Autotask login"
        "autotask login",
        "credentials invalid",  # Kind, in words
        "credentials_invalid",
        "unauthorized",  # Message
        "re-authentication screen",  # Fix
    ],
)
async def test_an_issue_is_found_by_what_its_columns_show(
    ledger: Ledger, credential_issue: int, text: str
) -> None:
    assert await found(ledger, ISSUES, text) == [credential_issue]


async def test_an_issue_is_found_by_its_id(ledger: Ledger, credential_issue: int) -> None:
    assert credential_issue in await found(ledger, ISSUES, str(credential_issue))


async def test_a_charge_is_found_by_what_its_writes_changed(ledger: Ledger) -> None:
    await add_quote(ledger, "Q-77", ticket_id=1, ticket_number="T20261123.0007", lines=[line(1)])
    async with ledger.read() as conn:
        [charge] = await charge_store.of_quote(conn, "Q-77")
    assert await found(ledger, CHARGES, "pending") == [charge.id]
    assert await found(ledger, CHARGES, "q-77") == [charge.id]
    assert await found(ledger, CHARGES, "t20261123.0007") == [charge.id]
    async with ledger.write() as conn:
        await charge_store.mark_synced(
            conn,
            charge,
            autotask_id=4455667,
            billing_code_id=None,
            adopted=False,
            actor="tester",
            now=NOW,
        )
    assert await found(ledger, CHARGES, "4455667") == [charge.id]
    assert await found(ledger, CHARGES, "synced") == [charge.id]
    assert await found(ledger, CHARGES, "pending") == []
    async with ledger.read() as conn:
        synced = await charge_store.get(conn, charge.id)
    assert synced is not None
    async with ledger.write() as conn:
        await charge_store.record_autotask_state(
            conn,
            synced,
            procurement_status="Waiting Approval",
            is_billed=False,
            actor="tester",
            now=NOW,
        )
    assert await found(ledger, CHARGES, "waiting approval") == [charge.id]
    # what never changes stays searchable after every write
    assert await found(ledger, CHARGES, "q-77") == [charge.id]
    assert await found(ledger, CHARGES, "4455667") == [charge.id]
    assert await found(ledger, CHARGES, str(charge.id)) == [charge.id]


@pytest.mark.parametrize(
    ("reason", "typed"),
    [
        (CancelReason.QUOTE_WITHDRAWN, "quote withdrawn"),  # the words the pane shows
        (CancelReason.QUOTE_WITHDRAWN, "withdrawn"),
        (CancelReason.QUOTE_WITHDRAWN, "quote_withdrawn"),  # the code, as before
        (CancelReason.MAPPING_CHANGED, "billing code changed"),
        (CancelReason.ADMIN, "cancelled by an admin"),
    ],
)
async def test_a_cancelled_charge_is_found_by_its_reason_as_the_pane_words_it(
    ledger: Ledger, reason: CancelReason, typed: str
) -> None:
    await add_quote(ledger, "Q-78", ticket_id=1, lines=[line(1), line(2)])
    async with ledger.read() as conn:
        [charge, _other] = await charge_store.of_quote(conn, "Q-78")
    async with ledger.write() as conn:
        await charge_store.mark_cancelled(
            conn, charge, reason=reason, note=None, actor="tester", now=NOW
        )
    assert await found(ledger, CHARGES, typed) == [charge.id]  # not the other line's charge
