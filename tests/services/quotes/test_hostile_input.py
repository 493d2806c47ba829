"""Hostile import files: control and bidirectional characters, numbers in other scripts or
with exponents, fractional integers, deep nesting and huge cells are refused with the field,
the place and what was expected, and nothing is imported."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from procdesk.services.quotes.files import ImportRejected, parse_quote_file
from procdesk.services.quotes.files.csv_reader import WHITESPACE
from procdesk.services.quotes.files.limits import MAX_JSON_DEPTH
from tests.support.quotes import EXAMPLES, base_quote


def _set(quote: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node: Any = quote
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return quote


# (field path in the quote, value, pointer, field, what the message says)
JSON_CASES = [
    (
        "company_name",
        "AB\x1b[31mC\x07",
        "/quotes/0/company_name",
        "company_name",
        "U+001B (ESC) at position 3",
    ),
    (
        "title",
        "Evil\u202eCorp\u202c",
        "/quotes/0/title",
        "title",
        "U+202E (RIGHT-TO-LEFT OVERRIDE) at position 5",
    ),
    ("ship_to.city", "Sea\x00ttle", "/quotes/0/ship_to/city", "city", "U+0000 (NUL) at position 4"),
    (
        "ship_to.address_lines.0",
        "1200\rHarbor",
        "/quotes/0/ship_to/address_lines",
        "address_lines",
        "U+000D (CR)",
    ),
    ("lines.0.sku", "\x1cDELL", "/quotes/0/lines/0/sku", "sku", "U+001C"),
    ("lines.0.sku", "DELL\tX", "/quotes/0/lines/0/sku", "sku", "U+0009 (TAB) at position 5"),
    (
        "lines.0.description",
        "bare\rCR",
        "/quotes/0/lines/0/description",
        "description",
        "U+000D (CR) at position 5; expected printable text; tab and newline are allowed here",
    ),
    ("lines.0.category", "Hard\u2067ware", "/quotes/0/lines/0/category", "category", "U+2067"),
    (
        "lines.0.quantity",
        "١٢",
        "/quotes/0/lines/0/quantity",
        "quantity",
        "not a plain decimal number",
    ),
    (
        "lines.0.unit_price",
        "１２.00",
        "/quotes/0/lines/0/unit_price",
        "unit_price",
        "not a plain decimal number",
    ),
    ("lines.0.quantity", "1e3", "/quotes/0/lines/0/quantity", "quantity", "no exponent"),
    (
        "lines.0.line_number",
        "٣",
        "/quotes/0/lines/0/line_number",
        "line_number",
        "expected a whole number written with digits 0-9",
    ),
    (
        "ticket_id",
        "7001.0",
        "/quotes/0/ticket_id",
        "ticket_id",
        "expected a whole number written with digits 0-9",
    ),
    (
        "ticket_id",
        True,
        "/quotes/0/ticket_id",
        "ticket_id",
        "expected a whole number (got a boolean)",
    ),
]
ALLOWED = [
    ("lines.0.description", "Two lines\nwith a\ttab"),
    ("lines.0.description", "Windows line\r\nbreak"),
    ("company_name", "Zürich Straße GmbH"),
]


@pytest.mark.parametrize(
    ("path", "value", "pointer", "field", "says"),
    JSON_CASES,
    ids=[f"{c[0]}={c[1]!r}" for c in JSON_CASES],
)
def test_hostile_json_value_is_refused_at_its_field(
    tmp_path: Path, path: str, value: Any, pointer: str, field: str, says: str
) -> None:
    file = tmp_path / "q.json"
    file.write_text(json.dumps({"quotes": [_set(base_quote(), path, value)]}), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    (problem,) = caught.value.problems
    assert (problem.location, problem.field) == (pointer, field)
    assert says in problem.message


@pytest.mark.parametrize(("path", "value"), ALLOWED)
def test_clean_multiline_and_non_ascii_text_is_accepted(
    tmp_path: Path, path: str, value: str
) -> None:
    file = tmp_path / "q.json"
    file.write_text(json.dumps({"quotes": [_set(base_quote(), path, value)]}), encoding="utf-8")
    ((quote, _),) = parse_quote_file(file)
    assert quote.lines[0].description.replace("\r\n", "\n") or quote.company_name


@pytest.mark.parametrize(
    ("field", "raw", "says"),
    [
        ("quantity", "1e3", "the number 1e3 is written with an exponent"),
        ("quantity", "2E0", "the number 2E0 is written with an exponent"),
        ("line_number", "1.0", "expected a whole number without a decimal point (got 1.0)"),
    ],
)
def test_json_numbers_are_plain(tmp_path: Path, field: str, raw: str, says: str) -> None:
    text = json.dumps({"quotes": [_set(base_quote(), f"lines.0.{field}", "RAW")]})
    file = tmp_path / "q.json"
    file.write_text(text.replace('"RAW"', raw), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("depth", "refused"), [(MAX_JSON_DEPTH, False), (MAX_JSON_DEPTH + 1, True), (200_000, True)]
)
def test_json_nesting_is_limited(tmp_path: Path, depth: int, refused: bool) -> None:
    file = tmp_path / "deep.json"
    inner = "[" * (depth - 2) + "]" * (depth - 2)
    file.write_text('{"quotes": [' + inner + "]}" if depth > 2 else "{}", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    message = str(caught.value)
    assert ("nested more than 32 levels deep" in message) is refused
    assert "Recursion" not in message


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    file = tmp_path / "q.json"
    quote = base_quote()
    quote["lines"][0]["description"] = "[" * 500 + '\\"{'
    file.write_text(json.dumps({"quotes": [quote]}), encoding="utf-8")
    ((parsed, _),) = parse_quote_file(file)
    assert parsed.lines[0].description.startswith("[[[")


def _csv_with(column: str, value: str) -> str:
    rows = list(csv.reader(io.StringIO((EXAMPLES / "quotes.csv").read_text(encoding="utf-8"))))
    header, first = rows[0], rows[1]
    first[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows([header, first])
    return out.getvalue()


@pytest.mark.parametrize(
    ("column", "value", "field", "says"),
    [
        ("company_name", "North\rwind", "company_name", "U+000D (CR) at position 6"),
        ("description", "multi\r\nline is fine but \x07 is not", "description", "U+0007 (BEL)"),
        ("ship_to_city", "Evil\u202eCorp", "ship_to_city", "U+202E"),
        ("quantity", "３", "quantity", "not a plain decimal number"),
        ("line_number", "1.0", "line_number", "expected a whole number written with digits 0-9"),
        ("ticket_id", "7e3", "ticket_id", "expected a whole number written with digits 0-9"),
        # at either end of a cell, where stripping it would drop them before validation
        ("title", "Kit\x1f", "title", "U+001F (control character) at position 4"),
        ("title", "\x0bKit", "title", "U+000B (control character) at position 1"),
        ("sku", "DELL\x85", "sku", "U+0085"),
        ("quantity", "3\x1c", "quantity", "U+001C"),
        ("ticket_number", "T２０２６１１２０.０００１", "ticket_number", "Autotask ticket number"),
    ],
)
def test_hostile_csv_cell_is_refused(
    tmp_path: Path, column: str, value: str, field: str, says: str
) -> None:
    file = tmp_path / "q.csv"
    file.write_text(_csv_with(column, value), encoding="utf-8", newline="")
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    (problem,) = caught.value.problems
    assert problem.location == "row 2"
    assert problem.field == field
    assert says in problem.message


def test_a_huge_csv_cell_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "q.csv"
    file.write_text(_csv_with("description", "x" * 200_000), encoding="utf-8", newline="")
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    assert "field larger than field limit" in str(caught.value)


def test_cli_refuses_hostile_text_exit_2_and_ledger_unchanged(
    procdesk: Callable[..., Result], tmp_path: Path, isolated_home: Path
) -> None:
    assert procdesk("quotes", "import", str(EXAMPLES / "quotes.json")).exit_code == 0
    ledger = isolated_home / "ledger.db"
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    file = tmp_path / "evil.json"
    quote = base_quote(company_name="Evil\u202eCorp\u202c")
    file.write_text(json.dumps({"quotes": [quote]}), encoding="utf-8")
    result = procdesk("quotes", "import", str(file))
    assert result.exit_code == 2
    assert "\u202e" not in result.output
    assert f"{file}: /quotes/0/company_name: bidirectional control U+202E" in result.stderr
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("column", "value", "start"),
    [
        ("title", "=1+1", "'='"),  # beside a phone number written +digits
        ("title", "  @SUM(A1)", "'@'"),  # spaces before the formula
        ("ship_to_city", "\tSeattle", "'\\t'"),
        ("sku", "-2+3", "'-'"),
        ("ship_to_phone", "+cmd|' /C calc'!A0", "'+'"),  # a + that is no phone number
        # whitespace other than a space, which the reader strips as well
        ("title", '\u00a0=HYPERLINK("http://x")', "'='"),
        ("company_name", "\u3000=1+2", "'='"),
        ("sku", "\u2003@SUM(A1)", "'@'"),
        ("description", "\n=cmd|' /C calc'!A0", "'='"),
    ],
)
def test_a_formula_beside_other_cells_is_found(
    tmp_path: Path, column: str, value: str, start: str
) -> None:
    file = tmp_path / "q.csv"
    file.write_text(_csv_with(column, value), encoding="utf-8", newline="")
    assert "+1 206 555 0143" in file.read_text(encoding="utf-8") or column == "ship_to_phone"
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    formulas = [p for p in caught.value.problems if "formula injection" in p.message]
    assert [(p.location, p.field) for p in formulas] == [("row 2", column)]
    assert f"cell starts with {start}" in formulas[0].message


def test_the_csv_readers_whitespace_is_pythons() -> None:
    """The formula check's quick pass looks for these first characters; the reader strips
    whatever str.isspace takes, so the two sets must be the same."""
    everything = (chr(code) for code in range(sys.maxunicode + 1))
    assert {char for char in everything if char.isspace()} == WHITESPACE
