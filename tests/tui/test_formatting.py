"""How an issue's subject reads in the issues pane."""

from __future__ import annotations

import pytest

from procdesk.tui.formatting import issue_subject


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
    assert issue_subject({"subject_type": subject_type, "subject_id": subject_id}) == shown
