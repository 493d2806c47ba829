"""The remediation catalog covers every issue kind and every charge status."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import ChargeStatus, Distributor, IssueAction, IssueKind
from procdesk.domain.remediation import (
    CHARGE_STATUS_GUIDE,
    REMEDIES,
    explain_not_queued,
    remedy_for,
)


@pytest.mark.parametrize("kind", list(IssueKind), ids=str)
def test_every_kind_has_a_remedy(kind: IssueKind) -> None:
    remedy = remedy_for(kind)
    assert remedy.title.strip()
    assert len(remedy.hint) > 40
    assert isinstance(remedy.action, IssueAction)


def test_catalog_has_nothing_extra() -> None:
    assert set(REMEDIES) == set(IssueKind)


# What the help article says fixes each of its errors.
@pytest.mark.parametrize(
    ("kind", "action", "words"),
    [
        pytest.param(
            IssueKind.INVALID_BILLING_CODE,
            IssueAction.EDIT_BILLING_CODE_MAPPING,
            "billing-code mapping",
            id="invalid-billing-code",
        ),
        pytest.param(
            IssueKind.MISSING_BILLING_CODE,
            IssueAction.EDIT_BILLING_CODE_MAPPING,
            "Map the category",
            id="missing-billing-code",
        ),
        pytest.param(
            IssueKind.WRONG_BILLING_CODE,
            IssueAction.EDIT_BILLING_CODE_MAPPING,
            "Products take their category's code",
            id="wrong-billing-code",
        ),
        pytest.param(
            IssueKind.CHARGE_CANCELLED, IssueAction.REVIEW_QUOTE, "re-order", id="charge-cancelled"
        ),
        pytest.param(
            IssueKind.NOT_ORDERABLE,
            IssueAction.NONE,
            "Ingram Micro and TD SYNNEX",
            id="not-in-queue",
        ),
        pytest.param(
            IssueKind.STUCK_PROCESSING,
            IssueAction.RETRY,
            "last error, then retry",
            id="stuck-processing",
        ),
        pytest.param(
            IssueKind.INVALID_CUSTOMER_NUMBER,
            IssueAction.EDIT_DISTRIBUTOR_CREDENTIALS,
            "ordering credentials",
            id="invalid-customer-number",
        ),
        pytest.param(
            IssueKind.PRODUCT_UNAVAILABLE,
            IssueAction.CHECK_AVAILABILITY,
            "current availability",
            id="product-unavailable",
        ),
        pytest.param(
            IssueKind.CREDENTIALS_EXPIRED,
            IssueAction.REAUTHENTICATE,
            "Authenticate again",
            id="expired-oauth-token",
        ),
        pytest.param(
            IssueKind.CHARGE_VALIDATION,
            IssueAction.OPEN_CHARGE,
            "retry the charge",
            id="charge-error",
        ),
    ],
)
def test_help_article_fixes(kind: IssueKind, action: IssueAction, words: str) -> None:
    remedy = remedy_for(kind)
    assert remedy.action is action
    assert words in remedy.hint


@pytest.mark.parametrize(
    ("kind", "retry_helps"),
    [
        pytest.param(IssueKind.CHARGE_BILLED, False, id="billed-never-changes"),
        pytest.param(IssueKind.CHARGE_CANCELLED, False, id="cancelled-is-reordered"),
        pytest.param(IssueKind.NOT_ORDERABLE, False, id="not-orderable"),
        pytest.param(IssueKind.STUCK_PROCESSING, True, id="stuck"),
        pytest.param(IssueKind.AUTOTASK_UNAVAILABLE, True, id="autotask-down"),
    ],
)
def test_retry_helps(kind: IssueKind, retry_helps: bool) -> None:
    assert remedy_for(kind).retry_helps is retry_helps


@pytest.mark.parametrize("status", list(ChargeStatus), ids=str)
def test_every_charge_status_is_explained(status: ChargeStatus) -> None:
    guide = CHARGE_STATUS_GUIDE[status]
    assert guide.meaning
    assert guide.next_step


def test_explain_not_queued() -> None:
    text = explain_not_queued(Distributor.OTHER)
    assert "Ingram Micro and TD SYNNEX" in text
    assert "procurement queue" in text


@pytest.mark.parametrize("distributor", [Distributor.INGRAM, Distributor.TDSYNNEX], ids=str)
def test_explain_not_queued_refuses_orderable_distributors(distributor: Distributor) -> None:
    with pytest.raises(ValueError, match="procurement queue"):
        explain_not_queued(distributor)


@pytest.mark.parametrize(
    ("kind", "line_override", "action", "words"),
    [
        (IssueKind.INVALID_BILLING_CODE, None, IssueAction.EDIT_BILLING_CODE_MAPPING, "mapping"),
        (IssueKind.INVALID_BILLING_CODE, 29682809, IssueAction.OPEN_CHARGE, "quote file"),
        (IssueKind.MISSING_BILLING_CODE, 29682809, IssueAction.EDIT_BILLING_CODE_MAPPING, "Map"),
        (IssueKind.CHARGE_VALIDATION, 29682809, IssueAction.OPEN_CHARGE, "retry the charge"),
    ],
)
def test_a_code_the_quote_line_names_is_fixed_in_the_quote_file(
    kind: IssueKind, line_override: int | None, action: IssueAction, words: str
) -> None:
    remedy = remedy_for(kind, line_override=line_override)
    assert remedy.action is action
    assert words in remedy.hint
