"""Issue actions from the dashboard: the fix key jumps to what fixes each kind, dismiss
closes issues with the person recorded, retry sends what the issues affect again."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind, Provider
from procdesk.domain.remediation import REMEDIES
from procdesk.store.issues import open_issue
from procdesk.store.ledger import Ledger
from procdesk.store.schema import issues
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.availability_compare import AvailabilityCompareScreen
from procdesk.tui.screens.detail import DetailScreen
from procdesk.tui.screens.mappings import MappingScreen
from procdesk.tui.screens.reauth import ReauthScreen
from procdesk.tui.widgets.pane import Pane
from tests.support.dashboard import (
    history,
    ids_where,
    mark,
    notes,
    press,
    press_on,
    procurement_dashboard,
    row,
    running,
)
from tests.support.procurement import LineSpec, Procurement

_PROVIDER_OF = {
    IssueKind.CREDENTIALS_EXPIRED: Provider.TDSYNNEX,
    IssueKind.CREDENTIALS_INVALID: Provider.AUTOTASK,
    IssueKind.INVALID_CUSTOMER_NUMBER: Provider.INGRAM,
}


async def _issue(ledger: Ledger, kind: IssueKind) -> dict[str, object]:
    """The seeded issue of this kind; a login issue is opened as a provider's refusal would,
    since the seed signs every provider in (health issues come only from answers)."""
    found = await ids_where(ledger, "issues", issues.c.kind == kind.value)
    if not found and kind in _PROVIDER_OF:
        remedy = REMEDIES[kind]
        provider = _PROVIDER_OF[kind]
        async with ledger.write() as conn:
            found = [
                await open_issue(
                    conn,
                    kind=kind,
                    subject_type=EntityType.CREDENTIAL,
                    subject_id=provider.value,
                    title=f"{provider.value}: {remedy.title}",
                    message=f"{provider.value} refused the stored credentials",
                    hint=remedy.hint,
                    action=remedy.action,
                    actor="worker",
                    provider=provider,
                )
            ]
    return await row(ledger, "issues", found[0])


async def test_fix_for_a_billing_code_error_opens_the_mapping_of_its_category(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    issue = await _issue(seeded_ledger, IssueKind.INVALID_BILLING_CODE)
    charge = await row(seeded_ledger, "charges", int(issue.subject_id))
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "issues", issue.id, "f")
        assert isinstance(dashboard_app.screen, MappingScreen)
        assert dashboard_app.screen.wanted == charge.category


@pytest.mark.parametrize(
    ("kind", "provider"),
    [
        (IssueKind.CREDENTIALS_EXPIRED, Provider.TDSYNNEX),
        (IssueKind.CREDENTIALS_INVALID, Provider.AUTOTASK),
        (IssueKind.INVALID_CUSTOMER_NUMBER, Provider.INGRAM),  # the credentials editor
    ],
)
async def test_fix_for_credentials_opens_reauthentication(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger, kind: IssueKind, provider: Provider
) -> None:
    issue = await _issue(seeded_ledger, kind)
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "issues", issue.id, "f")
        assert isinstance(dashboard_app.screen, ReauthScreen)
        assert dashboard_app.screen.provider is provider


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (IssueKind.STUCK_PROCESSING, "order"),  # the order's detail
        (IssueKind.ORDER_REJECTED, "order"),
        (IssueKind.CHARGE_VALIDATION, "charge"),  # the charge's detail
        (IssueKind.CHARGE_BILLED, "charge"),
        (IssueKind.NOT_ORDERABLE, "issue"),  # nothing else to open: the issue itself
    ],
)
async def test_fix_opens_the_detail_of_what_the_issue_is_about(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger, kind: IssueKind, title: str
) -> None:
    issue = await _issue(seeded_ledger, kind)
    expected = issue.id if title == "issue" else issue.subject_id
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "issues", issue.id, "f")
        assert isinstance(dashboard_app.screen, DetailScreen)
        assert dashboard_app.screen.report.title == f"{title} {expected}"


async def test_fix_for_an_unavailable_product_checks_availability(
    procurement: Procurement,
) -> None:
    spec = LineSpec("UNIFI-24", "ingram", "1", "629.00", part_number="2HB765")
    [order_id] = await procurement.queue("Q-1", [spec])
    remedy = REMEDIES[IssueKind.PRODUCT_UNAVAILABLE]
    async with procurement.ledger.write() as conn:
        issue_id = await open_issue(
            conn,
            kind=IssueKind.PRODUCT_UNAVAILABLE,
            subject_type=EntityType.ORDER,
            subject_id=order_id,
            title=remedy.title,
            message="Part 2HB765 is discontinued",
            hint=remedy.hint,
            action=remedy.action,
            actor="worker",
        )
    app = procurement_dashboard(procurement)
    async with running(app) as pilot:
        await press_on(app, pilot, "issues", issue_id, "f")
        # the fix compares the part at every distributor, so the buyer can switch it
        assert isinstance(app.screen, AvailabilityCompareScreen)
        table: DataTable[str] = app.screen.query_one(DataTable)
        cells = {str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)}
        assert {"UNIFI-24", "Ingram Micro", "TD SYNNEX XML"} <= cells


async def test_dismiss_marked_issues(dashboard_app: ProcdeskApp, seeded_ledger: Ledger) -> None:
    first, second = (await ids_where(seeded_ledger, "issues", issues.c.status == "open"))[:2]
    async with running(dashboard_app) as pilot:
        pane = await mark(dashboard_app, pilot, "issues", first, second)
        await press(dashboard_app, pilot, "d")
        assert pane.table.row_count == 38
        assert "38 open" in str(dashboard_app.query_one("#issues", Pane).border_title)
    for issue_id in (first, second):
        closed = await row(seeded_ledger, "issues", issue_id)
        assert (closed.status, closed.closed_by) == ("dismissed", "tester")
        last = (await history(seeded_ledger, EntityType.ISSUE, issue_id))[-1]
        assert (last.action, last.actor) == ("dismissed", "tester")


async def test_retry_sends_the_affected_charge_again(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    issue = await _issue(seeded_ledger, IssueKind.CHARGE_VALIDATION)
    charge_id = int(issue.subject_id)
    assert (await row(seeded_ledger, "charges", charge_id)).status == ChargeStatus.ERROR
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "issues", issue.id, "r")
        assert notes(dashboard_app)[-1] == ("information", "1 charge(s) sent again next sync")
    assert (await row(seeded_ledger, "charges", charge_id)).status == ChargeStatus.PENDING
    assert (await history(seeded_ledger, EntityType.CHARGE, charge_id))[-1].actor == "tester"


async def test_retry_of_a_credentials_issue_points_to_the_fix(
    dashboard_app: ProcdeskApp, seeded_ledger: Ledger
) -> None:
    issue = await _issue(seeded_ledger, IssueKind.CREDENTIALS_EXPIRED)
    async with running(dashboard_app) as pilot:
        await press_on(dashboard_app, pilot, "issues", issue.id, "r")
        assert notes(dashboard_app)[-1] == (
            "warning",
            "credential tdsynnex: nothing to retry: use the fix key",
        )
