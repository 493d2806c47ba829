"""Re-importing records written exactly as before: unchanged without validating them again.

A quote stores the fingerprint of the record it was imported from; a record that hashes
the same is reported unchanged and neither validated nor compared. Anything else (another
spelling, another format, a ledger from before fingerprints) takes the full path.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from procdesk.services.quotes.files import ImportRejected, RawQuote, load_quote_file
from procdesk.services.quotes.files.raw import fingerprint, json_text
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import quotes
from tests.support.quotes import BASE_QUOTE, EXAMPLES, snapshot


async def _sources(ledger: Ledger) -> dict[str, str | None]:
    async with ledger.read() as conn:
        rows = await conn.execute(sa.select(quotes.c.id, quotes.c.source_hash))
        return {str(quote_id): source for quote_id, source in rows}


async def _forget_content(ledger: Ledger, quote_id: str) -> None:
    """A content hash no record has: a full comparison would take the quote as changed."""
    async with ledger.write() as conn:
        await conn.execute(
            quotes.update().where(quotes.c.id == quote_id).values(content_hash="0" * 64)
        )


@pytest.mark.parametrize(
    ("record", "other"),
    [
        ({"quantity": Decimal("12.5")}, {"quantity": "12.5"}),  # a number is not its text
        ({"quantity": 5}, {"quantity": "5"}),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # written in another order
        ({"sku": "A"}, {"sku": "A "}),
        # an object shaped like any tagging of a number is not that number
        ({"unit_cost": Decimal("2.10")}, {"unit_cost": {"decimal": "2.10"}}),
        ({"quantity": True}, {"quantity": "True"}),
        ({"quantity": None}, {"quantity": "None"}),
    ],
)
def test_fingerprint_tells_records_apart_as_written(record: object, other: object) -> None:
    """(The fingerprint decides whether a record is validated again: two records with one
    fingerprint would let an invalid one pass for a valid one stored before.)"""
    written = json_text(record)
    assert fingerprint("json", written) == fingerprint("json", json_text(copy.deepcopy(record)))
    assert fingerprint("json", written) != fingerprint("json", json_text(other))
    assert fingerprint("json", written) != fingerprint("csv", written)


async def test_first_import_stores_each_records_fingerprint(
    importer: QuoteImporter, ledger: Ledger
) -> None:
    path = EXAMPLES / "quotes.json"
    await importer.import_file(path)
    written = {raw.quote_id: raw.fingerprint for raw in load_quote_file(path).quotes}
    assert await _sources(ledger) == written


async def test_same_records_are_unchanged_without_being_compared(
    importer: QuoteImporter, ledger: Ledger
) -> None:
    path = EXAMPLES / "quotes.json"
    await importer.import_file(path)
    await _forget_content(ledger, "Q-1001")
    before = await snapshot(ledger)
    report = await importer.import_file(path)
    assert [o.result for o in report.outcomes] == ["unchanged"] * 5
    assert [o.quote_id for o in report.outcomes] == [
        raw.quote_id for raw in load_quote_file(path).quotes
    ]
    assert await snapshot(ledger) == before


async def test_unknown_fingerprint_compares_then_remembers(
    importer: QuoteImporter, ledger: Ledger
) -> None:
    """A ledger from before fingerprints (null) or a record from the other format: the
    full comparison runs once, finds it unchanged, and stores the record's fingerprint."""
    await importer.import_file(EXAMPLES / "quotes.json")
    async with ledger.write() as conn:
        await conn.execute(quotes.update().values(source_hash=None))
    before = await snapshot(ledger)
    report = await importer.import_file(EXAMPLES / "quotes.csv")
    assert [o.result for o in report.outcomes] == ["unchanged"] * 5
    assert await snapshot(ledger) == before  # no event, no row
    written = {
        raw.quote_id: raw.fingerprint for raw in load_quote_file(EXAMPLES / "quotes.csv").quotes
    }
    assert await _sources(ledger) == written


async def test_changed_record_is_validated_and_updated(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    changed = copy.deepcopy(BASE_QUOTE)
    changed["title"] = "Renamed quote"
    path = quote_file(changed)
    report = await importer.import_file(path)
    assert [o.result for o in report.outcomes] == ["updated"]
    [raw] = load_quote_file(path).quotes
    assert await _sources(ledger) == {raw.quote_id: raw.fingerprint}


async def test_problems_of_a_skipped_record_are_still_reported(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path
) -> None:
    """Skipping validation never hides what reading finds: the same quote twice in the
    file is refused even though its record is the stored one."""
    path = tmp_path / "twice.json"
    path.write_text(json.dumps({"quotes": [BASE_QUOTE]}), encoding="utf-8")
    await importer.import_file(path)
    before = await snapshot(ledger)
    path.write_text(json.dumps({"quotes": [BASE_QUOTE, BASE_QUOTE]}), encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(path)
    assert [(p.location, p.field) for p in refused.value.problems] == [("/quotes/1/id", "id")]
    assert "duplicate quote id" in refused.value.problems[0].message
    assert await snapshot(ledger) == before


def test_validated_leaves_out_what_skip_chooses() -> None:
    loaded = load_quote_file(EXAMPLES / "quotes.csv")
    chosen = {loaded.quotes[0].quote_id, loaded.quotes[3].quote_id}

    def skip(raw: RawQuote) -> bool:
        return raw.quote_id in chosen

    checked = loaded.validated(skip=skip)
    assert len(checked) == len(loaded.quotes)  # one entry per quote, in the file's order
    assert [None if quote is None else quote.id for quote in checked] == [
        None if raw.quote_id in chosen else raw.quote_id for raw in loaded.quotes
    ]
    assert all(
        raw.record() is not None and raw.location.startswith("row ")
        for raw, quote in zip(loaded.quotes, checked, strict=True)
        if quote is not None
    )


def _edited_csv(tmp_path: Path, quote_id: str, column: str, value: str, **more: str) -> Path:
    """The example CSV with quote fields changed on every row of one quote."""
    rows = list(csv.reader(io.StringIO((EXAMPLES / "quotes.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("quote_id")] == quote_id:
            for name, text in {column: value, **more}.items():
                row[header.index(name)] = text
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


async def test_one_changed_csv_cell_is_found_among_unchanged_quotes(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path
) -> None:
    await importer.import_file(EXAMPLES / "quotes.csv")
    path = _edited_csv(tmp_path, "Q-1003", "title", "Renamed in the export")
    report = await importer.import_file(path)
    assert {o.quote_id: o.result for o in report.outcomes} == {
        raw.quote_id: "updated" if raw.quote_id == "Q-1003" else "unchanged"
        for raw in load_quote_file(path).quotes
    }


def test_csv_fingerprint_sees_where_cells_end(tmp_path: Path) -> None:
    """Moving text from one cell to the next is a different record."""
    one = load_quote_file(_edited_csv(tmp_path, "Q-1001", "ship_to_state", "WA")).quotes[0]
    moved = _edited_csv(tmp_path, "Q-1001", "ship_to_state", "WA9", ship_to_postal_code="8101")
    two = load_quote_file(moved).quotes[0]
    assert one.quote_id == two.quote_id == "Q-1001"
    assert one.fingerprint != two.fingerprint


async def test_an_object_in_place_of_a_stored_number_is_refused(
    importer: QuoteImporter, ledger: Ledger, tmp_path: Path
) -> None:
    """A number written as {"decimal": "2.10"} is no number, even when the quote with the
    number 2.10 there is stored: its record is not the stored one, so it is validated."""
    path = tmp_path / "numbers.json"
    quote = copy.deepcopy(BASE_QUOTE)
    written = json.dumps({"quotes": [quote]}).replace('"2.10"', "2.10")
    path.write_text(written, encoding="utf-8")
    await importer.import_file(path)
    before = await snapshot(ledger)
    path.write_text(written.replace("2.10", '{"decimal": "2.10"}'), encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(path)
    [problem] = refused.value.problems
    assert (problem.location, problem.field) == ("/quotes/0/lines/1/unit_cost", "unit_cost")
    assert await snapshot(ledger) == before
