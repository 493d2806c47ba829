"""`procdesk ledger backup | restore | after-restore | migrate` and doctor's permission warning."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from click.testing import Result

from procdesk.store.migrate import HEAD_REVISION, _alembic_config
from tests.support.cli import json_rows
from tests.support.quotes import EXAMPLES


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, str]:
    """Every file under `folder` (the ledger, its companions, any backup) and its digest."""
    return {str(p.relative_to(folder)): _digest(p) for p in folder.rglob("*") if p.is_file()}


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _downgrade(path: Path, revision: str) -> None:
    """Back to an older schema revision through the migrations' own downgrades."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), revision)
    engine.dispose()


@pytest.fixture
def ledger_file(procdesk: Callable[..., Result], isolated_home: Path) -> Path:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    return isolated_home / "ledger.db"


def test_backup_then_restore_after_damage(
    procdesk: Callable[..., Result], ledger_file: Path, tmp_path: Path
) -> None:
    backup = procdesk("ledger", "backup", str(tmp_path / "b.db"))
    assert backup.exit_code == 0, backup.output
    assert f"Backed up to {tmp_path / 'b.db'}" in backup.stdout
    assert "11 charge(s)" in backup.stdout
    ledger_file.write_bytes(b"\0" * 4096)
    assert procdesk("charges", "list").exit_code == 1
    refused = procdesk("ledger", "restore", str(tmp_path / "b.db"), input="n\n")
    assert refused.exit_code == 1
    assert "not restored" in refused.stderr
    assert ledger_file.read_bytes() == b"\0" * 4096
    restored = procdesk("ledger", "restore", str(tmp_path / "b.db"), input="y\n")
    assert restored.exit_code == 0, restored.output
    assert "The replaced ledger is kept at" in restored.stdout
    # nothing was synced in this test, but the ledger cannot know that of its backup
    assert "11 charge(s)" in restored.stdout
    assert "look each one up in Autotask or at the distributor" in restored.stdout
    assert len(json_rows(procdesk("charges", "list", "--json"))) == 11


def test_after_restore_marks_once_and_says_how_many(
    procdesk: Callable[..., Result], ledger_file: Path
) -> None:
    first = procdesk("ledger", "after-restore")
    again = procdesk("ledger", "after-restore")
    assert first.exit_code == again.exit_code == 0, first.output
    assert first.stdout.startswith("11 charge(s)")
    assert again.stdout.strip() == "Nothing in it was waiting to be sent."


def test_backup_without_a_file_goes_to_the_backups_folder(
    procdesk: Callable[..., Result], ledger_file: Path
) -> None:
    result = procdesk("ledger", "backup")
    assert result.exit_code == 0, result.output
    (copy,) = (ledger_file.parent / "backups").glob("ledger-*.db")
    assert str(copy) in result.stdout


def test_backup_never_overwrites(
    procdesk: Callable[..., Result], ledger_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("keep me")
    result = procdesk("ledger", "backup", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert target.read_text() == "keep me"


def test_restore_of_a_bad_file_is_bad_input(
    procdesk: Callable[..., Result], ledger_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "b.db"
    bad.write_text("{}")
    before = _digest(ledger_file)
    result = procdesk("ledger", "restore", "--yes", str(bad))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {bad} is not a SQLite database"
    assert _digest(ledger_file) == before


def test_postgresql_backup_prints_the_pg_dump_command(
    procdesk: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROCDESK_LEDGER", "postgresql://ann@db.example/procdesk")
    result = procdesk("ledger", "backup")
    assert result.exit_code == 1
    assert (
        'pg_dump --format=custom --file=procdesk-ledger.dump "postgresql://ann@db.example/procdesk"'
        in result.stderr
    )


def test_migrate_on_a_current_ledger_says_nothing_to_do(
    procdesk: Callable[..., Result], ledger_file: Path
) -> None:
    before = _digest(ledger_file)
    result = procdesk("ledger", "migrate")
    assert result.exit_code == 0
    assert "nothing to do" in result.stdout
    assert _digest(ledger_file) == before


def test_doctor_warns_about_a_ledger_open_to_others(
    procdesk: Callable[..., Result], ledger_file: Path
) -> None:
    ok = procdesk("doctor").stdout
    assert "[ok  ] private files" in ok
    ledger_file.chmod(0o644)
    ledger_file.parent.chmod(0o755)
    lines = [x for x in procdesk("doctor").stdout.splitlines() if "private files" in x]
    assert any(f"{ledger_file} mode 0644: open to group and others" in x for x in lines)
    assert any(f"chmod 700 {ledger_file.parent}" in x for x in lines)
    assert all(x.startswith("[warn]") for x in lines)


@pytest.mark.parametrize(
    ("revision", "statements", "lacks"),
    [
        (
            HEAD_REVISION,
            ["DROP TABLE charges_fts", "DROP TABLE charges"],
            "tables charges, charges_fts",
        ),
        (HEAD_REVISION, ["ALTER TABLE quotes DROP COLUMN title"], "column quotes.title"),
        (HEAD_REVISION, ["DROP TABLE issues_fts"], "table issues_fts"),
        (
            HEAD_REVISION,
            ["DROP TABLE receipts", "ALTER TABLE orders DROP COLUMN cancel_reason"],
            "table receipts and column orders.cancel_reason",
        ),
        ("0002", ["ALTER TABLE quotes DROP COLUMN title"], "column quotes.title"),
        ("0002", ["DROP TABLE orders_fts"], "table orders_fts"),
    ],
    ids=["tables", "column", "text index", "table and column", "older column", "older index"],
)
def test_restore_refuses_a_backup_missing_part_of_its_schema(
    procdesk: Callable[..., Result],
    ledger_file: Path,
    tmp_path: Path,
    revision: str,
    statements: list[str],
    lacks: str,
) -> None:
    bad = tmp_path / "bad.db"
    assert procdesk("ledger", "backup", str(bad)).exit_code == 0
    if revision != HEAD_REVISION:
        _downgrade(bad, revision)
    _sql(bad, *statements)
    before = _files(ledger_file.parent)
    result = procdesk("ledger", "restore", "--yes", str(bad))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: {bad} is damaged: it lacks {lacks}, which every ledger at schema revision "
        f"{revision} has\n"
    )
    assert _files(ledger_file.parent) == before  # byte for byte, and no safety copy made
    assert len(json_rows(procdesk("charges", "list", "--json"))) == 11


def test_restore_takes_a_whole_backup_at_an_older_revision(
    procdesk: Callable[..., Result], ledger_file: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.db"
    assert procdesk("ledger", "backup", str(older)).exit_code == 0
    _downgrade(older, "0002")
    result = procdesk("ledger", "restore", "--yes", str(older))
    assert result.exit_code == 0, result.output
    assert "schema 0002" in result.stdout
    assert "run `procdesk ledger migrate`" in result.stdout


def _scribble(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(8192)
        handle.write(b"\xde\xad" * 2048)


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_scribble, "database disk image is malformed"),
        (lambda p: p.write_bytes(b"\0" * 4096), "file is not a database"),
        (
            lambda p: _sql(p, "DROP TABLE receipts"),
            f"it lacks table receipts, which every ledger at schema revision {HEAD_REVISION} has",
        ),
    ],
    ids=["scribbled", "zeroed", "table dropped"],
)
@pytest.mark.parametrize("named", [True, False], ids=["to a file", "to the backups folder"])
def test_backup_of_a_damaged_ledger_says_so_and_leaves_no_copy(
    procdesk: Callable[..., Result],
    ledger_file: Path,
    tmp_path: Path,
    damage: Callable[[Path], None],
    says: str,
    named: bool,
) -> None:
    _sql(ledger_file, "PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    damage(ledger_file)
    target = tmp_path / "copy.db"
    for _ in range(2):  # again: no leftover copy makes it "already exists"
        result = procdesk("ledger", "backup", *([str(target)] if named else []))
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"Error: ledger {ledger_file} is damaged ({says}), so it was not backed up; run "
            "`procdesk doctor` to see what is wrong, and restore a backup with "
            "`procdesk ledger restore FILE`\n"
        )
        assert list(tmp_path.glob("copy.db*")) == []
        assert list(ledger_file.parent.glob("backups/*")) == []
