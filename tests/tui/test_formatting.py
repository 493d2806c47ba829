"""How an issue's subject reads in the issues pane."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, IssueStatus
from procdesk.domain.issue import Issue
from procdesk.tui.formatting import issue_subject

NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("subject_type", "subject_id", "shown"),
    [
        ("charge", "12", "charge 12"),
        ("order", "3", "order 3"),
        ("provider", "autotask", "Autotask"),
        ("credential", "tdsynnex", "TD SYNNEX login"),
        ("credential", "ingram", "Ingram login"),
        ("worker", "w-1", "worker w-1"),
        ("provider", "someone-new", "someone-new"),
    ],
)
def test_issue_subject(subject_type: str, subject_id: str, shown: str) -> None:
    issue = Issue(
        id=1,
        kind=IssueKind.INTERNAL_ERROR,
        subject_type=EntityType(subject_type),
        subject_id=subject_id,
        status=IssueStatus.OPEN,
        title="t",
        message="m",
        hint="h",
        action=IssueAction.NONE,
        first_seen=NOW,
        last_seen=NOW,
    )
    assert issue_subject(issue) == shown
