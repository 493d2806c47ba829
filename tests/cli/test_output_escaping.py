"""The second line of defence: whatever reached the ledger is printed with its control and
bidirectional characters escaped; text typed on the command line obeys the import rules."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.support.cli import json_rows
from tests.support.quotes import BASE_QUOTE, EXAMPLES

HOSTILE = "AB\x1b[31mC\x07 Evil\u202eCorp\u202c \x00"


def _poison(ledger: Path) -> None:
    """Hostile text written by something other than procdesk's import (an old version)."""
    conn = sqlite3.connect(ledger)
    conn.execute("UPDATE charges SET company_name = ?", (HOSTILE,))
    conn.execute("UPDATE quotes SET title = ? WHERE id = 'Q-1001'", (HOSTILE,))
    conn.commit()
    conn.close()


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c in "\x1b\x07\x00\u202e\u202c"]


def test_lists_and_show_escape_what_the_ledger_holds(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    _poison(isolated_home / "ledger.db")
    listed = procdesk("charges", "list")
    assert listed.exit_code == 0
    assert _raw_controls(listed.stdout) == []
    assert "AB\\x1b[31mC\\x07" in listed.stdout
    shown = procdesk("quotes", "show", "Q-1001")
    assert _raw_controls(shown.stdout) == []
    assert "Evil\\u202eCorp\\u202c" in shown.stdout
    # --json is data for programs: JSON's own escapes, never raw control characters
    rows = procdesk("charges", "list", "--json")
    assert "\x1b" not in rows.stdout
    assert json_rows(rows)[0]["company_name"] == HOSTILE


def test_a_reason_with_control_characters_is_bad_usage(
    procdesk: Callable[..., Result],
) -> None:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    result = procdesk("charges", "cancel", "1", "--reason", "ok\x1b[2J")
    assert result.exit_code == 2
    assert "control character U+001B (ESC) at position 3" in result.stderr
    assert json_rows(procdesk("charges", "list", "--json"))[0]["status"] == "pending"


def test_import_problems_quote_the_file_with_its_controls_escaped(
    procdesk: Callable[..., Result], tmp_path: Path
) -> None:
    """A refused file's problems quote what it wrote (an unknown key, a value, its name):
    printed with the control and bidirectional characters escaped, never raw."""
    path = tmp_path / "evil\u202eslc.json"
    quote = copy.deepcopy(BASE_QUOTE)
    quote["lines"][0]["x\x1b[31mred"] = 1
    quote["title"] = "Kit\x07"
    path.write_text(json.dumps({"quotes": [quote]}), encoding="utf-8")
    result = procdesk("quotes", "import", str(path))
    assert result.exit_code == 2
    assert _raw_controls(result.stderr) == []
    assert "/quotes/0/lines/0/x\\x1b[31mred: unknown field" in result.stderr
    assert "evil\\u202eslc.json: import refused, 2 problem(s)" in result.stderr
