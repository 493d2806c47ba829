"""Text typed on the command line follows the rule imported text follows: a control or
bidirectional character is bad usage (exit 2) naming the field, the position and the code
point, and nothing is written: not the config file, not the keyring, not the ledger."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.secrets import MemoryKeyring

ESC = "ab\x1b[31mc"  # ESC at position 3
BIDI = "Evil\u202eCorp"  # RIGHT-TO-LEFT OVERRIDE at position 5
NUL = "na\x00me"  # NUL at position 3

# (command line, the field the message names, what it says about the character)
TYPED: list[tuple[list[str], str, str]] = [
    (
        ["config", "set", "autotask.username", ESC],
        "autotask.username",
        "U+001B (ESC) at position 3",
    ),
    (["config", "set", "user.name", NUL], "user.name", "U+0000 (NUL) at position 3"),
    (["config", "set", "ledger", f"/tmp/{BIDI}.db"], "ledger", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    (["config", "set", "ingram.customer_number", BIDI], "ingram.customer_number", "U+202E"),
    (
        ["mappings", "set", BIDI, "29683"],
        "'CATEGORY'",
        "U+202E (RIGHT-TO-LEFT OVERRIDE) at position 5",
    ),
    (
        ["auth", "autotask", "--username", ESC, "--integration-code", "X1", "--stdin"],
        "'--username'",
        "U+001B (ESC) at position 3",
    ),
    (
        ["auth", "autotask", "--username", "a@b.example", "--integration-code", BIDI, "--stdin"],
        "'--integration-code'",
        "U+202E",
    ),
    (["auth", "ingram", "--client-id", ESC, "--stdin"], "'--client-id'", "U+001B (ESC)"),
    (["auth", "ingram", "--customer-number", NUL, "--stdin"], "'--customer-number'", "U+0000"),
    (["auth", "tdsynnex", "--account-id", BIDI, "--stdin"], "'--account-id'", "U+202E"),
    (["auth", "tdsynnex-xml", "--username", ESC, "--stdin"], "'--username'", "U+001B"),
    (["orders", "substitute", "1", BIDI, "--reason", "why"], "'PART'", "U+202E"),
    (["orders", "substitute", "1", "P-1", "--reason", ESC], "'--reason'", "U+001B (ESC)"),
    (["orders", "switch", "1", "ingram", "--reason", NUL], "'--reason'", "U+0000 (NUL)"),
    (["charges", "cancel", "1", "--reason", ESC], "'--reason'", "U+001B (ESC) at position 3"),
]


@pytest.mark.parametrize(("args", "field", "says"), TYPED, ids=lambda v: str(v)[:40])
def test_typed_text_with_a_control_character_is_bad_usage_and_nothing_is_written(
    procdesk: Callable[..., Result],
    isolated_home: Path,
    keyring_backend: MemoryKeyring,
    args: list[str],
    field: str,
    says: str,
) -> None:
    result = procdesk(*args, input="the-secret\n")
    assert result.exit_code == 2, result.output
    assert field in result.stderr
    assert says in result.stderr
    assert "expected printable text" in result.stderr
    for raw in ("\x1b", "\u202e", "\x00"):
        assert raw not in result.stderr  # the message shows the character, never prints it
    assert not (isolated_home / "config.toml").exists()
    assert not (isolated_home / "ledger.db").exists()
    assert keyring_backend.values() == []
