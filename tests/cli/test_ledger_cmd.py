"""`procdesk ledger backup | restore | after-restore | migrate` and doctor's permission warning."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support.cli import json_rows
from tests.support.quotes import EXAMPLES


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
