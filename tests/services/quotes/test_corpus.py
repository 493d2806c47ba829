"""Every malformed file is refused with precise messages, and the ledger stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from procdesk.services.quotes.files import MAX_FILE_BYTES, ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from tests.support.quotes import CORPUS, EXAMPLES, snapshot

FORMULA = "formula injection"
# file -> [(location, field, part of the message)], one tuple per expected problem
CASES: dict[str, list[tuple[str, str | None, str]]] = {
    "empty.json": [("file", None, "file is empty")],
    "whitespace_only.csv": [("file", None, "file is empty")],
    "not_json.json": [("line 1 column 30", None, "not valid JSON: Expecting property name")],
    "top_level_array.json": [("/", "quotes", 'expected an object {"quotes"')],
    "no_quotes.json": [("/quotes", "quotes", "expected at least one quote")],
    # (a problem with the quote as a whole names no field: it once named ticket_id)
    "quote_not_an_object.json": [("/quotes/0", None, "expected an object")],
    "quantity_zero.json": [("/quotes/0/lines/0/quantity", "quantity", "greater than 0")],
    "quantity_negative.json": [("/quotes/0/lines/0/quantity", "quantity", "greater than 0")],
    "quantity_negative.csv": [("row 2", "quantity", "greater than 0")],
    "bad_decimal_comma.json": [
        ("/quotes/0/lines/0/unit_price", "unit_price", "'289,00' is not a plain decimal number")
    ],
    "too_many_decimal_places.json": [
        ("/quotes/0/lines/0/unit_cost", "unit_cost", "at most 4 decimal places (got 219.00005)")
    ],
    "nan_number.json": [("file", None, "NaN is not a number")],
    "number_as_boolean.json": [
        ("/quotes/0/lines/0/quantity", "quantity", "a boolean is not a number")
    ],
    "line_number_text.json": [
        (
            "/quotes/0/lines/0/line_number",
            "line_number",
            "expected a whole number written with digits 0-9 (got 'one')",
        )
    ],
    "product_id_text.json": [
        (
            "/quotes/0/lines/0/product_id",
            "product_id",
            "expected a whole number written with digits 0-9 (got 'abc')",
        )
    ],
    "missing_sku.json": [("/quotes/0/lines/0/sku", "sku", "required field is missing")],
    "missing_ticket.json": [("/quotes/0", "ticket_id", "give ticket_id or ticket_number")],
    "bad_ticket_number.json": [
        ("/quotes/0/ticket_number", "ticket_number", "Autotask ticket number like T20261120")
    ],
    "ticket_id_too_big.json": [
        ("/quotes/0/ticket_id", "ticket_id", "expected a value of at most 9223372036854775807")
    ],
    "unknown_status.json": [
        ("/quotes/0/status", "status", "'accepted', 'retracted' or 'declined' (got 'approved')")
    ],
    "bad_currency.json": [("/quotes/0/currency", "currency", "3-letter ISO 4217 currency code")],
    "bad_country_code.json": [
        ("/quotes/0/ship_to/country_code", "country_code", "2-letter ISO 3166 country code")
    ],
    "bad_email.json": [("/quotes/0/ship_to/email", "email", "expected an email address")],
    "negative_unit_cost.json": [("/quotes/0/lines/0/unit_cost", "unit_cost", "at least 0")],
    "duplicate_line_numbers.json": [
        ("/quotes/0/lines/1/line_number", "line_number", "duplicate line number 1")
    ],
    "duplicate_line_numbers.csv": [
        ("row 3", "line_number", "duplicate line number 1 in quote 'Q-9001' (also at row 2)")
    ],
    "duplicate_quote_ids.json": [("/quotes/1/id", "id", "duplicate quote id 'Q-9001'")],
    "duplicate_key.json": [("file", None, "duplicate key 'sku'")],
    "unknown_field.json": [("/quotes/0/lines/0/colour", "colour", "unknown field")],
    "empty_distributor.json": [
        ("/quotes/0/lines/0/distributor", "distributor", "expected a distributor name")
    ],
    "fractional_quantity_ingram.json": [
        ("/quotes/0/lines/0/quantity", "quantity", "whole number for ingram lines")
    ],
    "no_lines.json": [("/quotes/0/lines", "lines", "expected at least 1 item")],
    "many_errors.json": [
        ("/quotes/0/status", "status", "(got 'won')"),
        ("/quotes/0/currency", "currency", "(got 'usd')"),
        ("/quotes/0/lines/0/sku", "sku", "expected non-empty text"),
        ("/quotes/0/lines/0/quantity", "quantity", "greater than 0"),
    ],
    "quotes.txt": [("file", None, "expected a .json or .csv file")],
    "utf16.json": [("file", None, "UTF-16 encoded; expected UTF-8")],
    "latin1.csv": [("file", None, "not UTF-8 text (byte 0xE9 at offset")],
    "formula_equals.csv": [("row 2", "description", "cell starts with '='")],
    "formula_at.csv": [("row 2", "company_name", "cell starts with '@'")],
    "formula_tab.csv": [("row 2", "sku", "cell starts with '\\t'")],
    "formula_minus.csv": [("row 2", "title", "cell starts with '-'")],
    "formula_plus_phone_text.csv": [("row 2", "ship_to_phone", "cell starts with '+'")],
    "missing_column.csv": [("row 1", "quantity", "required column is missing")],
    "unknown_column.csv": [("row 1", "qty", "unknown column; expected one of quote_id")],
    "ragged_row.csv": [("row 2", None, "expected 30 cells like the header, found 27")],
    "quote_fields_differ.csv": [
        ("row 3", "title", "differs from row 2 of quote 'Q-9001' ('Other title' vs")
    ],
    "bom_bad_status.csv": [("row 2", "status", "(got 'maybe')")],
    "header_only.csv": [("row 2", None, "expected at least one row")],
}


def test_corpus_is_large_and_fully_covered() -> None:
    files = {p.name for p in CORPUS.iterdir()}
    assert len(files) >= 30
    assert files == set(CASES)


@pytest.fixture
async def seeded(importer: QuoteImporter, ledger: Ledger) -> dict[str, int]:
    """The ledger after importing the examples: refusals must leave it exactly so."""
    await importer.import_file(EXAMPLES / "quotes.json")
    return await snapshot(ledger)


@pytest.mark.parametrize("name", sorted(CASES))
async def test_malformed_file_is_refused_and_ledger_unchanged(
    name: str, importer: QuoteImporter, ledger: Ledger, seeded: dict[str, int]
) -> None:
    path = CORPUS / name
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(path)
    found = [(p.location, p.field, p.message) for p in caught.value.problems]
    assert len(found) == len(CASES[name]), found
    for (location, field, part), (got_location, got_field, message) in zip(
        CASES[name], found, strict=True
    ):
        assert (got_location, got_field) == (location, field)
        assert part in message
    assert all(p.file == str(path) for p in caught.value.problems)
    if name.startswith("formula_"):
        assert all(FORMULA in message for _, _, message in found)
    assert await snapshot(ledger) == seeded


async def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, importer: QuoteImporter, ledger: Ledger, seeded: dict[str, int]
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # 50 MB of invalid JSON: parsing it would fail loudly
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(path)
    (problem,) = caught.value.problems
    assert problem.location == "file"
    assert "file is 50.0 MB; the limit is 20 MB" in problem.message
    assert await snapshot(ledger) == seeded


async def test_missing_file_is_refused(tmp_path: Path, importer: QuoteImporter) -> None:
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(tmp_path / "nope.json")
    assert "cannot read the file: No such file or directory" in str(caught.value)


async def test_phone_with_international_prefix_is_not_a_formula(
    tmp_path: Path, importer: QuoteImporter
) -> None:
    text = (EXAMPLES / "quotes.csv").read_text(encoding="utf-8")
    assert "+1 206 555 0143" in text
    path = tmp_path / "phones.csv"
    path.write_text(text, encoding="utf-8")
    report = await importer.import_file(path)
    assert report.count("created") == 5
