"""Clean text: which characters are refused, where, and how they are shown."""

from __future__ import annotations

import pytest

from procdesk.domain.text import (
    UnsafeTextError,
    check_field,
    check_text,
    is_plain_decimal,
    shown,
)

REFUSED = [
    ("AB\x1b[31mC\x07", False, "U+001B (ESC) at position 3"),
    ("nul\x00here", False, "U+0000 (NUL) at position 4"),
    ("bare\rreturn", False, "U+000D (CR) at position 5"),
    ("bare\rreturn", True, "U+000D (CR) at position 5"),
    ("one\nline", False, "U+000A (LF) at position 4"),
    ("tab\there", False, "U+0009 (TAB) at position 4"),
    ("Evil\u202eCorp\u202c", False, "bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("x\u2066isolate", True, "bidirectional control U+2066"),
    ("mark\u200f", False, "U+200F (RIGHT-TO-LEFT MARK) at position 5"),
    ("c1\x85next", True, "control character U+0085"),
    ("del\x7f", False, "control character U+007F"),
    ("\x1c", False, "U+001C"),
]
ALLOWED = [
    ("plain text", False),
    ("Zürich – Straße 5 · 東京 · القاهرة", False),  # letters of any script are fine
    ("two\nlines\tand a tab", True),
    ("emoji 🙂 and NBSP\u00a0ok", False),
    ("zero width joiner \u200d stays (it is not a bidi control)", False),
]


@pytest.mark.parametrize(("text", "multiline", "says"), REFUSED)
def test_refused_with_code_point_and_position(text: str, multiline: bool, says: str) -> None:
    with pytest.raises(UnsafeTextError, match="expected printable text") as caught:
        check_text(text, multiline=multiline)
    assert says in str(caught.value)
    assert text not in str(caught.value)  # the message never repeats the raw text


@pytest.mark.parametrize(("text", "multiline"), ALLOWED)
def test_allowed_text_is_returned_unchanged(text: str, multiline: bool) -> None:
    assert check_text(text, multiline=multiline) == text


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        ("AB\x1b[31mC\x07", False, "AB\\x1b[31mC\\x07"),
        ("Evil\u202eCorp\u202c", False, "Evil\\u202eCorp\\u202c"),
        ("a\x00b", False, "a\\x00b"),
        ("a\nb\tc\rd", True, "a\nb\tc\\x0dd"),
        ("a\nb", False, "a\\x0ab"),
        ("nothing to do", False, "nothing to do"),
    ],
)
def test_shown_makes_every_control_visible(text: str, multiline: bool, expected: str) -> None:
    assert shown(text, multiline=multiline) == expected


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("12", True),
        ("-1.50", True),
        ("+0.0001", True),
        (".5", True),
        ("5.", True),
        ("1e3", False),
        ("1E-2", False),
        ("١٢", False),  # Arabic-Indic digits
        ("１２", False),  # full-width digits
        ("1_000", False),
        ("1,000", False),
        ("NaN", False),
        ("Infinity", False),
        ("", False),
        ("0x10", False),
    ],
)
def test_plain_decimal_is_ascii_digits_only(text: str, plain: bool) -> None:
    assert is_plain_decimal(text) is plain


@pytest.mark.parametrize(
    ("field", "text", "multiline", "says"),
    [
        ("reason", "ok\x1b[2J", False, "reason: control character U+001B (ESC) at position 3"),
        ("part", "DELL\u202eX", False, "part: bidirectional control U+202E"),
        ("notes", "a\nb\rc", True, "notes: control character U+000D (CR) at position 4"),
    ],
)
def test_check_field_names_the_field_first(
    field: str, text: str, multiline: bool, says: str
) -> None:
    with pytest.raises(UnsafeTextError) as caught:
        check_field(field, text, multiline=multiline)
    assert str(caught.value).startswith(says)
    assert caught.value.field == field


def test_check_field_returns_clean_text_unchanged() -> None:
    assert check_field("reason", "Kunde möchte 2 Stück") == "Kunde möchte 2 Stück"
