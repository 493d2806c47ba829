"""Every kind of issue has a command-line fix, with its subject filled in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from procdesk.cli.fixes import FIX_COMMANDS, fix_command
from procdesk.domain.enums import EntityType, IssueAction, IssueKind, IssueStatus, Provider
from procdesk.domain.issue import Issue

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def issue(kind: IssueKind, subject: EntityType, subject_id: str, **kw: object) -> Issue:
    return Issue.model_validate(
        {
            "id": 1,
            "kind": kind,
            "subject_type": subject,
            "subject_id": subject_id,
            "status": IssueStatus.OPEN,
            "title": "t",
            "message": "m",
            "hint": "h",
            "action": IssueAction.RETRY,
            "first_seen": NOW,
            "last_seen": NOW,
            **kw,
        }
    )


@pytest.mark.parametrize("kind", list(IssueKind), ids=str)
def test_every_kind_has_a_procdesk_command(kind: IssueKind) -> None:
    assert FIX_COMMANDS[kind].startswith("procdesk ")


@pytest.mark.parametrize(
    ("made", "command"),
    [
        pytest.param(
            issue(IssueKind.CHARGE_VALIDATION, EntityType.CHARGE, "12"),
            "procdesk charges retry 12",
            id="charge",
        ),
        pytest.param(
            issue(
                IssueKind.VENDOR_NOT_MAPPED,
                EntityType.ORDER,
                "7",
                provider=Provider.INGRAM,
                detail={"distributor": "ingram"},
            ),
            "procdesk mappings vendors set ingram VENDOR_COMPANY",
            id="vendor",
        ),
        pytest.param(
            issue(IssueKind.INVALID_BILLING_CODE, EntityType.CHARGE, "12"),
            "procdesk mappings set CATEGORY BILLING_CODE_ID",
            id="category code",
        ),
        pytest.param(
            issue(
                IssueKind.INVALID_BILLING_CODE,
                EntityType.CHARGE,
                "12",
                detail={"category": "Network gear"},
            ),
            "procdesk mappings set 'Network gear' BILLING_CODE_ID",
            id="category named",
        ),
        pytest.param(
            issue(
                IssueKind.INVALID_BILLING_CODE,
                EntityType.CHARGE,
                "12",
                detail={"billing_code_override": 29682809},
            ),
            "procdesk quotes import FILE (with the line's billing_code_override corrected)",
            id="line's own code",
        ),
        pytest.param(
            issue(IssueKind.STUCK_PROCESSING, EntityType.ORDER, "7"),
            "procdesk orders retry 7",
            id="order",
        ),
        pytest.param(
            issue(
                IssueKind.CREDENTIALS_EXPIRED,
                EntityType.CREDENTIAL,
                "tdsynnex",
                provider=Provider.TDSYNNEX,
            ),
            "procdesk auth tdsynnex",
            id="provider",
        ),
    ],
)
def test_the_command_names_the_issues_subject(made: Issue, command: str) -> None:
    assert fix_command(made) == command
