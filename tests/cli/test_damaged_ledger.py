"""A damaged or unreachable ledger is one `Error:` line, exit 1, no traceback, and the file
is left exactly as it was; `procdesk doctor` says what is wrong with it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support.quotes import EXAMPLES

Damage = Callable[[Path], None]


def _sql(*statements: str) -> Damage:
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()

    return damage


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5000])


def _scribble_schema_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4000] = bytes((i * 37 + 11) % 256 for i in range(3900))
    path.write_bytes(bytes(data))


def _text_file(path: Path) -> None:
    path.write_text("these are my notes, not a database\n")


# (case, damage, what the one error line must say)
CASES: list[tuple[str, Damage, str]] = [
    ("truncated", _truncate, "is damaged"),
    ("random bytes in the schema page", _scribble_schema_page, "is damaged"),
    ("a text file", _text_file, "is damaged (file is not a database)"),
    (
        "bogus revision",
        _sql("UPDATE alembic_version SET version_num = 'zzz'"),
        "revision 'zzz', which no procdesk wrote",
    ),
    (
        "revision from a newer procdesk",
        _sql("UPDATE alembic_version SET version_num = '9999'"),
        "newer than this procdesk knows",
    ),
    ("no revision at all", _sql("DELETE FROM alembic_version"), "no schema revision"),
    ("dropped charges table", _sql("DROP TABLE charges"), "tables missing: charges"),
    (
        "dropped orders and issues tables",
        _sql("DROP TABLE order_lines", "DROP TABLE orders", "DROP TABLE issues"),
        "tables missing: issues, order_lines, orders",
    ),
]
COMMANDS = [("charges", "list"), ("quotes", "list"), ("orders", "list"), ("issues", "list")]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture
def good_ledger(procdesk: Callable[..., Result], isolated_home: Path) -> Path:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    path = isolated_home / "ledger.db"
    for suffix in ("-wal", "-shm"):
        assert not path.with_name(path.name + suffix).exists()  # checkpointed on close
    return path


@pytest.mark.parametrize(("case", "damage", "says"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_damaged_ledger_is_one_clear_error_and_left_untouched(
    procdesk: Callable[..., Result],
    good_ledger: Path,
    case: str,
    damage: Damage,
    says: str,
    command: tuple[str, str],
) -> None:
    damage(good_ledger)
    before = _digest(good_ledger)
    line = _one_error_line(procdesk(*command))
    assert str(good_ledger) in line
    assert says in line
    assert "procdesk" in line  # names the command that helps (doctor, restore, upgrade)
    assert _digest(good_ledger) == before


@pytest.mark.parametrize(("case", "damage", "says"), CASES, ids=[c[0] for c in CASES])
def test_doctor_diagnoses_a_damaged_ledger(
    procdesk: Callable[..., Result], good_ledger: Path, case: str, damage: Damage, says: str
) -> None:
    damage(good_ledger)
    before = _digest(good_ledger)
    result = procdesk("doctor")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed = [line for line in result.stdout.splitlines() if line.startswith("[FAIL]")]
    assert any(says in line for line in failed), result.stdout
    assert _digest(good_ledger) == before


def test_doctor_finds_damage_the_opening_does_not_notice(
    procdesk: Callable[..., Result], good_ledger: Path
) -> None:
    conn = sqlite3.connect(good_ledger)
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_charges_status_next_attempt_at'"
    ).fetchone()
    conn.close()
    data = bytearray(good_ledger.read_bytes())
    start = (root - 1) * page_size + 8
    data[start : start + 64] = b"\xff" * 64  # an index page: the tables still read
    good_ledger.write_bytes(bytes(data))
    result = procdesk("doctor")
    assert result.exit_code == 1
    (line,) = [x for x in result.stdout.splitlines() if "ledger integrity" in x]
    assert line.startswith("[FAIL]")
    assert "is damaged" in line
    assert "ledger restore" in line


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("/proc/nope/x.db", "cannot create the folder /proc/nope"),
        ("{home}/afile/ledger.db", "afile exists and is not a folder"),
        ("{home}/adir", "adir is not a regular file"),
    ],
)
def test_unusable_ledger_location_is_one_error(
    procdesk: Callable[..., Result],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    says: str,
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "afile").write_text("x")
    (isolated_home / "adir").mkdir()
    monkeypatch.setenv("PROCDESK_LEDGER", where.format(home=isolated_home))
    line = _one_error_line(procdesk("charges", "list"))
    assert says in line
    assert "at a folder you can write" in line


def test_home_that_is_a_file_is_one_error(
    procdesk: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "passwd"
    home.write_text("root:x:0:0\n")
    monkeypatch.setenv("PROCDESK_HOME", str(home))
    result = procdesk("charges", "list")
    assert result.exit_code == 2  # the config file under it is the first thing read
    assert "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"Error: cannot read config file {home}/config.toml: Not a directory"
    )
    assert home.read_text() == "root:x:0:0\n"
