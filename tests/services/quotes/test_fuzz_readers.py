"""Fuzzing the quote readers: whatever the bytes, the answer is quotes or ImportRejected,
never another exception. Bounded (max_examples) so the suite stays within its budget."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from procdesk.services.quotes.files import ImportRejected, parse_quote_file
from tests.support.quotes import EXAMPLES, base_quote

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


def _parse(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        problems = []
        try:
            parse_quote_file(path)
        except ImportRejected as exc:
            problems = exc.problems
            assert problems, "a refusal lists its problems"
        assert all(problem.message for problem in problems)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_as_json(data: bytes) -> None:
    _parse("q.json", data)


@FUZZ
@given(st.binary(max_size=400))
@example(b",")  # only blank cells: once an IndexError
@example(b" ,\r\n,")
def test_any_bytes_as_csv(data: bytes) -> None:
    _parse("q.csv", data)


@FUZZ
@given(JSON_VALUES)
def test_any_json_document(value: Any) -> None:
    _parse("q.json", json.dumps({"quotes": [value]}).encode())


FIELDS = ["id", "title", "company_name", "ticket_id", "status", "currency", "ship_to", "lines"]


@FUZZ
@given(st.sampled_from(FIELDS), JSON_VALUES)
def test_a_valid_quote_with_one_field_replaced(field: str, value: Any) -> None:
    quote = base_quote()
    quote[field] = value
    _parse("q.json", json.dumps({"quotes": [quote]}).encode())


@FUZZ
@given(st.sampled_from(list(base_quote()["lines"][0])), JSON_VALUES | st.text())
def test_a_valid_line_with_one_field_replaced(field: str, value: Any) -> None:
    quote = base_quote()
    quote["lines"][0][field] = value
    _parse("q.json", json.dumps({"quotes": [quote]}).encode())


CSV_LINES = (EXAMPLES / "quotes.csv").read_text(encoding="utf-8").splitlines()


@FUZZ
@given(st.integers(min_value=0, max_value=400), st.text(max_size=30))
def test_a_valid_csv_with_text_spliced_in(at: int, insert: str) -> None:
    row = CSV_LINES[1]
    at = min(at, len(row))
    spliced = row[:at] + insert + row[at:]
    _parse("q.csv", "\n".join([CSV_LINES[0], spliced]).encode())
