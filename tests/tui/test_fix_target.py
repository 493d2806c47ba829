"""Where `f` leads for each kind of issue subject and action (a pure choice)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, IssueStatus, Provider
from procdesk.domain.issue import Issue
from procdesk.tui.fix_target import (
    AvailabilityFix,
    DetailFix,
    FixTarget,
    MappingFix,
    ReauthFix,
    VendorFix,
    fix_target,
)

NOW = datetime(2026, 12, 6, tzinfo=UTC)
ISSUE_ID = 41

A = IssueAction
E = EntityType


def issue(action: IssueAction, subject: EntityType, subject_id: str, **kw: object) -> Issue:
    return Issue.model_validate(
        {
            "id": ISSUE_ID,
            "kind": kw.pop("kind", IssueKind.INTERNAL_ERROR),
            "subject_type": subject,
            "subject_id": subject_id,
            "status": IssueStatus.OPEN,
            "title": "t",
            "message": "m",
            "hint": "h",
            "action": action,
            "first_seen": NOW,
            "last_seen": NOW,
            **kw,
        }
    )


CASES: list[tuple[str, Issue, FixTarget]] = [
    ("mapping, charge", issue(A.EDIT_BILLING_CODE_MAPPING, E.CHARGE, "7"), MappingFix(7)),
    (
        "code the quote line names: the charge, not the mapping",
        issue(A.OPEN_CHARGE, E.CHARGE, "7", kind=IssueKind.INVALID_BILLING_CODE),
        DetailFix("charges", 7),
    ),
    (
        "mapping, category",
        issue(A.EDIT_BILLING_CODE_MAPPING, E.MAPPING, "Laptops"),
        MappingFix(None),
    ),
    (
        "reauth, provider set",
        issue(A.REAUTHENTICATE, E.ORDER, "3", provider=Provider.INGRAM),
        ReauthFix(Provider.INGRAM),
    ),
    (
        "reauth, credential subject",
        issue(A.REAUTHENTICATE, E.CREDENTIAL, "tdsynnex"),
        ReauthFix(Provider.TDSYNNEX),
    ),
    (
        "credentials, provider wins over subject",
        issue(A.EDIT_DISTRIBUTOR_CREDENTIALS, E.CREDENTIAL, "ingram", provider=Provider.AUTOTASK),
        ReauthFix(Provider.AUTOTASK),
    ),
    (
        "reauth, unknown credential",
        issue(A.REAUTHENTICATE, E.CREDENTIAL, "nobody"),
        DetailFix("issues", ISSUE_ID),
    ),
    (
        "vendor mapping, a distributor's order",
        issue(A.EDIT_VENDOR_MAPPING, E.ORDER, "3", provider=Provider.INGRAM),
        VendorFix("ingram"),
    ),
    (
        "vendor mapping, TD SYNNEX",
        issue(A.EDIT_VENDOR_MAPPING, E.ORDER, "3", provider=Provider.TDSYNNEX),
        VendorFix("tdsynnex"),
    ),
    (
        "vendor mapping, no provider",
        issue(A.EDIT_VENDOR_MAPPING, E.ORDER, "3"),
        VendorFix(None),
    ),
    (
        "vendor mapping, Autotask is no distributor",
        issue(A.EDIT_VENDOR_MAPPING, E.ORDER, "3", provider=Provider.AUTOTASK),
        VendorFix(None),
    ),
    (
        "inventory location",
        issue(
            A.EDIT_VENDOR_MAPPING,
            E.ORDER,
            "3",
            provider=Provider.INGRAM,
            kind=IssueKind.NO_INVENTORY_LOCATION,
        ),
        VendorFix("location"),
    ),
    ("availability, order", issue(A.CHECK_AVAILABILITY, E.ORDER, "12"), AvailabilityFix(12)),
    (
        "availability, not an order",
        issue(A.CHECK_AVAILABILITY, E.CHARGE, "12"),
        DetailFix("charges", 12),
    ),
    ("retry an order", issue(A.RETRY, E.ORDER, "5"), DetailFix("orders", 5)),
    ("open a charge", issue(A.OPEN_CHARGE, E.CHARGE, "9"), DetailFix("charges", 9)),
    ("order id not a number", issue(A.RETRY, E.ORDER, "0.3"), DetailFix("issues", ISSUE_ID)),
    ("a worker", issue(A.NONE, E.WORKER, "w1"), DetailFix("issues", ISSUE_ID)),
    ("a quote", issue(A.REVIEW_QUOTE, E.QUOTE, "Q-1"), DetailFix("issues", ISSUE_ID)),
]


@pytest.mark.parametrize(("name", "subject", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fix_target(name: str, subject: Issue, expected: FixTarget) -> None:
    assert fix_target(subject) == expected
