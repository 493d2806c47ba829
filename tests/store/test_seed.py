"""The synthetic history (`procdesk demo --rows N`, benchmarks): every seeded issue is about a
record that exists, in the state its kind describes, and carries that record's provider, so
the header (provider health) and the issues pane agree at any size of history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from procdesk.domain.enums import ChargeStatus, IssueKind, Provider
from procdesk.domain.health import HEALTH_KINDS, Level, provider_health
from procdesk.store import issues as issue_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, orders, quote_lines
from procdesk.store.seed import ORDER_KIND_STATUS, SeedPlan, seed

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ON_ERROR = {IssueKind.INVALID_BILLING_CODE, IssueKind.CHARGE_VALIDATION}


@pytest.mark.parametrize("size", [0, 7, 60, 400, 3000])
async def test_seeded_issues_name_real_records_in_their_state_with_their_provider(
    ledger: Ledger, size: int
) -> None:
    async with ledger.write() as conn:
        counts = await seed(conn, SeedPlan(charges=size), now=NOW)
    async with ledger.read() as conn:
        found = await issue_store.list_open(conn, limit=100_000)
        charge_rows = {
            r.id: r
            for r in await conn.execute(
                sa.select(
                    charges.c.id, charges.c.status, charges.c.error_kind, charges.c.last_error
                )
            )
        }
        order_rows = {
            r.id: r
            for r in await conn.execute(
                sa.select(orders.c.id, orders.c.status, orders.c.distributor)
            )
        }
        lines = {
            r.id: r.distributor
            for r in await conn.execute(sa.select(quote_lines.c.id, quote_lines.c.distributor))
        }
    assert len(found) == counts.issues
    assert len({(i.subject_type, i.subject_id) for i in found}) == len(found)  # one each
    for issue in found:
        assert issue.kind not in HEALTH_KINDS, issue
        about = issue.subject_type.value
        if about == "charge":
            charge = charge_rows[int(issue.subject_id)]
            assert issue.provider is Provider.AUTOTASK, issue
            if issue.kind in ON_ERROR:
                assert charge.status == ChargeStatus.ERROR.value
                assert charge.error_kind == issue.kind.value
                assert issue.message == charge.last_error  # what the detail shows too
            elif issue.kind is IssueKind.CHARGE_CANCELLED:
                assert charge.status == ChargeStatus.CANCELLED.value
            else:
                assert charge.status == ChargeStatus.SYNCED.value, issue
        elif about == "order":
            order = order_rows[int(issue.subject_id)]
            assert issue.provider is not None
            assert issue.provider.value == order.distributor
            assert order.status == ORDER_KIND_STATUS[issue.kind], issue
        elif about == "quote_line":
            assert lines[int(issue.subject_id)] == "other"
        else:
            assert issue.kind is IssueKind.INTERNAL_ERROR
    for provider in Provider:  # the header: nothing seeded says a provider is unwell
        assert provider_health(provider, None, found, NOW).level is Level.OK
    if size >= 400:  # a real history has an issue of every kind about a record
        kinds = {i.kind for i in found}
        assert kinds == set(IssueKind) - HEALTH_KINDS - {IssueKind.MISSING_BILLING_CODE}
