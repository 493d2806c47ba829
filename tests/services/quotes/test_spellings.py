"""One quote id or line number written two ways is one quote or one line, as validation
reads it (ids stripped, line numbers read as whole numbers): two of them in a file are
duplicates, refused with where they are, and a stored quote written another way is the
stored quote. Before, the readers compared what was written, so such files reached the
database and failed there (a UNIQUE constraint error with a traceback, nothing stored)."""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from tests.support.quotes import BASE_QUOTE, snapshot


def _with_ids(*ids: str) -> list[dict[str, Any]]:
    quotes = []
    for quote_id in ids:
        quote = copy.deepcopy(BASE_QUOTE)
        quote["id"] = quote_id
        quotes.append(quote)
    return quotes


def _with_line_numbers(first: object, second: object) -> list[dict[str, Any]]:
    quote = copy.deepcopy(BASE_QUOTE)
    quote["lines"][0]["line_number"] = first
    quote["lines"][1]["line_number"] = second
    return [quote]


# quotes of one JSON file -> (location, field, message) of the one problem
JSON_DUPLICATES: list[tuple[list[dict[str, Any]], tuple[str, str, str]]] = [
    (
        _with_ids("Q-7001", " Q-7001 "),
        ("/quotes/1/id", "id", "duplicate quote id 'Q-7001' (also at /quotes/0)"),
    ),
    (
        _with_ids("\u00a0Q-7001", "Q-7001\u3000"),
        ("/quotes/1/id", "id", "duplicate quote id 'Q-7001' (also at /quotes/0)"),
    ),
    *(
        (
            _with_line_numbers(first, second),
            (
                "/quotes/0/lines/1/line_number",
                "line_number",
                "duplicate line number 1 (also at /quotes/0/lines/0)",
            ),
        )
        for first, second in [(1, "1"), ("1", " 1"), (1, "01"), (" 001", 1)]
    ),
]


@pytest.mark.parametrize(("quotes", "problem"), JSON_DUPLICATES)
async def test_two_spellings_in_a_json_file_are_duplicates(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    quotes: list[dict[str, Any]],
    problem: tuple[str, str, str],
) -> None:
    before = await snapshot(ledger)
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(quote_file(*quotes))
    found = [(p.location, p.field) for p in refused.value.problems]
    assert found == [problem[:2]]
    assert problem[2] in refused.value.problems[0].message
    assert await snapshot(ledger) == before


QUOTE_CELLS = {
    "quote_id": "Q-7001",
    "title": "Front desk kit",
    "company_name": "Northwind",
    "ticket_id": "7001",
    "status": "accepted",
    "currency": "USD",
    "ship_to_company": "Northwind",
    "ship_to_address_line_1": "1200 Harbor Avenue",
    "ship_to_city": "Seattle",
    "ship_to_country_code": "US",
}
LINE_CELLS = {
    "sku": "SKU-1",
    "description": "A monitor",
    "category": "Peripherals",
    "distributor": "ingram",
    "quantity": "2",
    "unit_cost": "219.00",
    "unit_price": "289.00",
}


def _csv_file(tmp_path: Path, line_numbers: tuple[str, str]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, [*QUOTE_CELLS, "line_number", *LINE_CELLS])
    writer.writeheader()
    for number in line_numbers:
        writer.writerow({**QUOTE_CELLS, "line_number": number, **LINE_CELLS})
    path = tmp_path / "lines.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("line_numbers", [("1", "01"), ("2", "002")])
async def test_two_spellings_of_a_line_number_in_a_csv_file_are_duplicates(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path, line_numbers: tuple[str, str]
) -> None:
    before = await snapshot(ledger)
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(_csv_file(tmp_path, line_numbers))
    [problem] = refused.value.problems
    assert (problem.location, problem.field) == ("row 3", "line_number")
    number = int(line_numbers[0])
    assert f"duplicate line number {number} in quote 'Q-7001' (also at row 2)" in problem.message
    assert await snapshot(ledger) == before


@pytest.mark.parametrize(
    ("title", "result"), [("Front desk kit", "unchanged"), ("Renamed kit", "updated")]
)
async def test_a_stored_quote_written_with_spaces_around_its_id_is_that_quote(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    title: str,
    result: str,
) -> None:
    await importer.import_file(quote_file())
    [again] = _with_ids(f"  {BASE_QUOTE['id']} ")
    again["title"] = title
    report = await importer.import_file(quote_file(again))
    assert [(o.quote_id, o.result) for o in report.outcomes] == [(BASE_QUOTE["id"], result)]
    async with ledger.read() as conn:
        stored = await quote_store.get(conn, BASE_QUOTE["id"])
        lines = await quote_store.lines_of(conn, BASE_QUOTE["id"])
    assert stored is not None
    assert stored.title == title
    assert [line.line_number for line in lines] == [1, 2]
