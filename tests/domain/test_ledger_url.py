"""The ledger URL's rules, read without a database: which URLs are refused and why, and how
any ledger URL is shown (its secrets masked, even when it cannot be parsed)."""

from __future__ import annotations

import pytest

from procdesk.domain.ledger_url import (
    PASSWORD_IN_LEDGER_URL,
    ledger_url_problem,
    without_secrets,
)

CASES: list[tuple[str, str | None]] = [
    ("/home/dana/procdesk/ledger.db", None),  # a SQLite path: opening it says the rest
    ("sqlite:////tmp/ledger.db", None),
    ("postgresql://team@db.example:5432/procdesk", None),
    ("postgresql+asyncpg://team@db.example/procdesk?ssl=require", None),
    ("postgres://team@[::1]:6543/procdesk", None),
    ("postgresql://team:pw@db.example/procdesk", PASSWORD_IN_LEDGER_URL),
    ("postgresql://team@db.example/procdesk?password=pw", PASSWORD_IN_LEDGER_URL),
    ("postgresql://team@db.example/procdesk?PASSWORD=", PASSWORD_IN_LEDGER_URL),
    ("postgresql://team@db.example/procdesk?sslpassword=pw", PASSWORD_IN_LEDGER_URL),
    ("postgresql://team@db.example:abc/procdesk", "the ledger URL cannot be read (Port"),
    ("postgresql://team@db.example:99999/procdesk", "the ledger URL cannot be read (Port"),
    ("postgresql://team@[::1:1/procdesk", "the ledger URL cannot be read (Invalid IPv6"),
    ("postgresql://team@db.example:0/procdesk", "the ledger URL's port is 0; expected a port"),
    ("mysql://team@db.example/procdesk", "unsupported ledger URL scheme 'mysql'"),
]


@pytest.mark.parametrize(("url", "problem"), CASES)
def test_what_a_ledger_url_is_refused_for(url: str, problem: str | None) -> None:
    found = ledger_url_problem(url)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(problem)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://team:hunter2@db/p", "postgresql://team:***@db/p"),
        (
            "postgresql://team@db/p?password=hunter2&ssl=1",
            "postgresql://team@db/p?password=***&ssl=1",
        ),
        (
            "postgresql://t@db/p?ssl=1&SSLPassword=hunter2",
            "postgresql://t@db/p?ssl=1&SSLPassword=***",
        ),
        ("postgresql://team:hunter2@db:abc/p", "postgresql://team:***@db:abc/p"),  # unreadable
        ("postgresql://team@db/p", "postgresql://team@db/p"),
    ],
)
def test_a_ledger_url_is_shown_without_its_secrets(url: str, shown: str) -> None:
    assert without_secrets(url) == shown
