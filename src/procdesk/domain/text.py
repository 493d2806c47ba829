"""Clean text: what may be stored, and how anything is shown safely.

Text from import files, the command line and the screens is refused when it holds C0 or C1
control characters (tab and newline only in multi-line fields such as descriptions and
notes) or Unicode bidirectional controls, which can hide or reorder what a person reads
(`"Evil\\u202eCorp"`). `shown()` is the second line of defence for whatever is printed to a
terminal or written to a CSV file: the same characters become visible escapes.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's bidirectional formatting characters: embeddings, overrides, isolates, marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
MULTILINE_ALLOWED = frozenset("\t\n")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")
# A plain decimal written with ASCII digits: no exponent, no digit of another script.
DECIMAL_TEXT = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
INTEGER_TEXT = re.compile(r"^[+-]?[0-9]+$")


class UnsafeTextError(ValueError):
    """Text holds a character that must not be stored; the message says which and where
    (and, from `check_field`, in which field: `field` names it for a screen to point at)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _name(char: str) -> str:
    names = {"\x00": "NUL", "\x07": "BEL", "\x1b": "ESC", "\r": "CR", "\n": "LF", "\t": "TAB"}
    if char in names:
        return names[char]
    return str(unicodedata.name(char, "control character"))


def first_unsafe(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """(1-based position, character) of the first character not allowed, or None."""
    for match in _UNSAFE.finditer(text):
        char = match.group()
        if multiline and char in MULTILINE_ALLOWED:
            continue
        return match.start() + 1, char
    return None


def check_text(text: str, *, multiline: bool = False) -> str:
    """`text` unchanged, or UnsafeTextError naming the character, its code point and place."""
    found = first_unsafe(text, multiline=multiline)
    if found is None:
        return text
    position, char = found
    kind = "bidirectional control" if char in BIDI_CONTROLS else "control character"
    allowed = "; tab and newline are allowed here" if multiline else ""
    raise UnsafeTextError(
        f"{kind} U+{ord(char):04X} ({_name(char)}) at position {position}; "
        f"expected printable text{allowed}"
    )


def check_field(field: str, text: str, *, multiline: bool = False) -> str:
    """`check_text` for a named field a person typed: the message starts with the field's
    name (`reason: control character U+001B (ESC) at position 3; ...`)."""
    try:
        return check_text(text, multiline=multiline)
    except UnsafeTextError as exc:
        raise UnsafeTextError(f"{field}: {exc}", field=field) from None


def shown(text: str, *, multiline: bool = False) -> str:
    """`text` with every control and bidirectional character made a visible escape
    (`\\x1b`, `\\u202e`), safe to print to a terminal or write to a CSV cell."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if multiline and char in MULTILINE_ALLOWED:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


def is_plain_decimal(text: str) -> bool:
    # the common case (unsigned ASCII digits, at most one point) without the regex
    if text.isascii() and text.replace(".", "", 1).isdigit():
        return True
    return DECIMAL_TEXT.match(text) is not None


def is_plain_integer(text: str) -> bool:
    if text.isascii() and text.isdigit():  # ASCII digits only: isdigit's other digits
        return True  # (superscripts, other scripts) are never ASCII
    return INTEGER_TEXT.match(text) is not None
