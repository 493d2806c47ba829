"""Checks every quote reader applies to what it reads, kept apart from the readers so a
streaming reader can apply the same rules: clean text, plain numbers, bounded nesting.

Each check raises ValueError (pydantic turns it into a problem at the field) or returns
the message of a file-level problem.
"""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.text import check_text, is_plain_decimal, is_plain_integer

# Fields that may span lines (tab and newline allowed); every other text is one line.
MULTILINE_FIELDS = frozenset({"description", "notes"})
# The deepest a valid quote file nests is 5 ({"quotes": [{"ship_to": {"address_lines": [
# ...); anything far deeper is not a quote export, and Python's parser would overflow.
MAX_JSON_DEPTH = 32


def clean_text(value: object, field: str) -> object:
    """A text value checked for control and bidirectional characters (other values pass,
    for their own validators). A CRLF in a multi-line field is read as a newline."""
    if isinstance(value, str):
        if value.isprintable():  # C speed: no control or bidi character (nor much else)
            return value
        multiline = field in MULTILINE_FIELDS
        text = value.replace("\r\n", "\n") if multiline else value
        return check_text(text, multiline=multiline)
    if isinstance(value, list):
        return [clean_text(item, field) for item in value]
    return value


def whole_number(value: object) -> int:
    """An integer written as one: an int, or ASCII digits; never 1.0, 1e3, true or '٣'."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number (got a boolean)")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and is_plain_integer(value.strip()):
        return int(value.strip())
    if isinstance(value, (Decimal, float)):
        raise ValueError(f"expected a whole number without a decimal point (got {value})")
    raise ValueError(f"expected a whole number written with digits 0-9 (got {value!r})")


def json_number(text: str) -> Decimal:
    """`parse_float` for the JSON reader: exact, and never with an exponent."""
    if not is_plain_decimal(text):
        raise ValueError(f"{text} is written with an exponent; expected a plain decimal")
    return Decimal(text)


TOO_DEEP = (
    f"nested more than {MAX_JSON_DEPTH} levels deep; a quote file nests at most 5 "
    "(is this a quote export?)"
)


def json_depth_problem(value: object) -> str | None:
    """Why parsed JSON nests too deeply to be a quote file, or None. (Nesting deep enough
    to exhaust the parser's stack is caught as RecursionError and reported as TOO_DEEP.)"""
    stack: list[tuple[dict[str, object] | list[object], int]] = []
    if isinstance(value, (dict, list)):
        stack.append((value, 1))
    while stack:
        node, depth = stack.pop()
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, (dict, list)):
                if depth + 1 > MAX_JSON_DEPTH:
                    return TOO_DEEP
                stack.append((child, depth + 1))
    return None
