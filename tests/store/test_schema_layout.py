"""The tables and columns a SQLite ledger at each schema revision must have, which a backup is
checked against before it may replace the ledger."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from procdesk.store.backup import BackupError, inspect_copy
from procdesk.store.lifecycle import (
    EXPECTED_TABLES,
    LAYOUT_SQL,
    _migrated_layout,
    expected_layout,
    layout_of,
    missing_from,
)
from procdesk.store.migrate import HEAD_REVISION, known_revisions, upgrade_to


def test_the_head_layout_from_metadata_is_what_the_migrations_make() -> None:
    head = expected_layout(HEAD_REVISION)
    assert head is not None
    assert dict(head) == dict(_migrated_layout(HEAD_REVISION))
    assert set(head) > EXPECTED_TABLES
    assert {"charges_fts", "orders_fts", "issues_fts"} < set(head)
    assert "title" in head["quotes"]


def test_unknown_revisions_have_no_layout_and_nothing_missing() -> None:
    assert expected_layout("9999") is None
    assert missing_from("9999", {}) is None
    assert missing_from(None, {}) is None


@pytest.mark.parametrize("revision", sorted(known_revisions()))
def test_a_ledger_made_by_the_migrations_lacks_nothing(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "ledger.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        upgrade_to(conn, revision)
    engine.dispose()
    conn = sqlite3.connect(path)
    try:
        assert missing_from(revision, layout_of(conn.execute(LAYOUT_SQL))) is None
    finally:
        conn.close()
    copy = inspect_copy(path)
    assert copy.revision == revision
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE quotes")
    conn.close()
    with pytest.raises(BackupError, match=rf"it lacks table quotes, .* revision {revision} has"):
        inspect_copy(path)


def test_missing_tables_and_columns_are_named_in_order() -> None:
    head = expected_layout(HEAD_REVISION)
    assert head is not None
    found = {t: c for t, c in head.items() if t not in ("receipts", "charges_fts")}
    found["quotes"] = head["quotes"] - {"title", "status"}
    assert missing_from(HEAD_REVISION, found) == (
        "it lacks tables charges_fts, receipts and columns quotes.status, quotes.title, "
        f"which every ledger at schema revision {HEAD_REVISION} has"
    )
    found = {**head, "quotes": head["quotes"] | {"added_by_hand"}, "notes": frozenset({"x"})}
    assert missing_from(HEAD_REVISION, found) is None  # more than expected is no damage
