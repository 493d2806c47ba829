"""Arguments out of range are bad usage (exit 2, one error), never a driver traceback;
a backup into a folder that cannot be made is one `Error:` line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support.quotes import EXAMPLES

TOO_BIG = str(2**63)

OUT_OF_RANGE = "is not in the range"
# Digits of other scripts (Arabic-Indic, full-width, Devanagari): Python's int() reads each
# as 1, and `charges show ١` showed charge 1.
NOT_DIGITS = "is not a whole number written with the digits 0-9"

# (command line, what the error says)
CASES = [
    (("charges", "show", TOO_BIG), OUT_OF_RANGE),
    (("orders", "show", TOO_BIG), OUT_OF_RANGE),
    (("charges", "retry", "0"), OUT_OF_RANGE),
    (("orders", "cancel", "0"), OUT_OF_RANGE),
    (("orders", "receive", "1", "--line", "0", "--qty", "1"), OUT_OF_RANGE),
    (("orders", "receive", "1", "--line", "1", "--qty", TOO_BIG), OUT_OF_RANGE),
    (("orders", "link-po", "1", TOO_BIG), OUT_OF_RANGE),
    (("mappings", "set", "Laptops", TOO_BIG), OUT_OF_RANGE),
    (("demo", "--rows", "99999999999999999999"), OUT_OF_RANGE),  # (overflowed SQLite)
    (("demo", "--rows", "10000001"), OUT_OF_RANGE),  # (would seed for hours)
    (("charges", "show", "\u0661"), NOT_DIGITS),
    (("orders", "show", "\uff11"), NOT_DIGITS),
    (("charges", "retry", "\u0967"), NOT_DIGITS),
    (("orders", "receive", "1", "--line", "1", "--qty", "\u0662"), NOT_DIGITS),
]


@pytest.mark.parametrize(("args", "says"), CASES, ids=[ascii(" ".join(a)) for a, _ in CASES])
def test_numbers_out_of_range_or_in_other_digits_are_bad_usage(
    procdesk: Callable[..., Result], args: tuple[str, ...], says: str
) -> None:
    result = procdesk(*args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("speed", ["nan", "NaN", "0.5", "inf"])
def test_the_demo_clock_takes_a_number_from_1_to_100000(
    procdesk: Callable[..., Result], speed: str
) -> None:
    """(click's FloatRange let nan through: the dashboard then failed on its clock.)"""
    result = procdesk("demo", "--time-lapse", speed)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--time-lapse'" in result.stderr


def test_backup_into_a_folder_that_cannot_be_made(
    procdesk: Callable[..., Result], isolated_home: Path, tmp_path: Path
) -> None:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = procdesk("ledger", "backup", str(blocker / "sub" / "b.db"))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert "exists and is not a folder" in result.stderr
    assert "Traceback" not in result.output
