"""CSV import files: one row per quote line, the quote's fields repeated on each row.

Rows are counted as a spreadsheet shows them: the header is row 1, the first line row 2.
Text cells that start with = + - @, a tab or a carriage return are refused (a spreadsheet
would run them as formulas); a phone number may start with + followed by digits.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Iterator
from functools import partial
from itertools import chain
from typing import Any

from procdesk.services.quotes.files.limits import clean_text
from procdesk.services.quotes.files.models import QuoteLineIn
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.raw import QuoteFile, RawQuote, fingerprint, line_key
from procdesk.services.quotes.files.validation import Locate

QUOTE_COLUMNS = [
    "quote_id",
    "title",
    "company_name",
    "ticket_id",
    "ticket_number",
    "status",
    "currency",
    "ship_to_company",
    "ship_to_contact",
    "ship_to_address_line_1",
    "ship_to_address_line_2",
    "ship_to_address_line_3",
    "ship_to_address_line_4",
    "ship_to_city",
    "ship_to_state",
    "ship_to_postal_code",
    "ship_to_country_code",
    "ship_to_phone",
    "ship_to_email",
]
# A line's columns are the line record's own fields, in its order (one list: rows.py
# derives the stored line fields from the same record).
LINE_COLUMNS = list(QuoteLineIn.model_fields)
COLUMNS = QUOTE_COLUMNS + LINE_COLUMNS
REQUIRED_COLUMNS = frozenset(
    {
        "quote_id",
        "title",
        "company_name",
        "status",
        "currency",
        "ship_to_company",
        "ship_to_address_line_1",
        "ship_to_city",
        "ship_to_country_code",
        "line_number",
        "sku",
        "description",
        "category",
        "distributor",
        "quantity",
        "unit_cost",
        "unit_price",
    }
)
NUMERIC_COLUMNS = frozenset(
    {
        "ticket_id",
        "line_number",
        "quantity",
        "unit_cost",
        "unit_price",
        "product_id",
        "billing_code_override",
    }
)
FORMULA_STARTS = ("=", "+", "-", "@")
# Every character Python's str.isspace takes (Unicode 15, as Python 3.11+ has it; a test
# holds the two equal): the reader strips them, and formula_problem looks past them.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SUSPECT_STARTS = frozenset([*FORMULA_STARTS, *WHITESPACE])
_PHONE = re.compile(r"^\+[\d\s().-]+$")
_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))  # "" for an empty cell
_SHIP_TO_PREFIX = "ship_to_"
_ADDRESS_LINES = [f"ship_to_address_line_{n}" for n in range(1, 5)]


def formula_problem(column: str, cell: str) -> str | None:
    """Why a text cell is refused as a possible spreadsheet formula, or None."""
    if column in NUMERIC_COLUMNS or not cell:
        return None
    kept = cell.lstrip()  # what is stored starts here (the reader strips every cell)
    if cell[0] in "\t\r":
        start = repr(cell[0])
    elif kept[:1] in FORMULA_STARTS:
        start = repr(kept[0])
    else:
        return None
    if column == "ship_to_phone" and _PHONE.match(cell.strip()):
        return None
    return (
        f"cell starts with {start}: text starting with = + - @, a tab or a carriage return "
        "is refused because spreadsheets run it as a formula (formula injection); "
        "remove the leading character"
    )


def _suspect(record: list[str], phone: int | None) -> bool:
    """Whether any cell of the row may be a formula: most rows have none, and telling costs
    a pass at C speed over the cells' first characters (any whitespace counts: the reader
    strips it, and formula_problem looks past it). A phone number written +digits is not
    suspect."""
    if phone is not None and _PHONE.match(record[phone].strip()):
        record = record[:phone] + record[phone + 1 :]
    return not _SUSPECT_STARTS.isdisjoint(map(_FIRST_CHARACTER, record))


def _edge_problems(
    file: str, row_number: int, header: list[str], record: list[str]
) -> Iterator[ImportProblem]:
    """Control and bidirectional characters at either end of a cell, which stripping the
    cell would drop before validation looks at it (validation refuses them inside a value,
    and a JSON file's anywhere): refused here, where the cell is still as written. A tab
    or carriage return that starts a text cell is reported as a formula start instead."""
    for column, cell in zip(header, record, strict=True):
        if cell.isprintable() or formula_problem(column, cell) is not None:
            continue
        try:
            clean_text(cell, column)
        except ValueError as exc:
            try:
                clean_text(cell.strip(), column)
            except ValueError:
                continue  # inside the value: validation says so, with its field
            yield ImportProblem(file, f"row {row_number}", column, str(exc))


def _records(file: str, text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for index, record in enumerate(reader):
            if "".join(record).strip():  # a row of blank cells is no row
                yield index + 1, record
    except csv.Error as exc:
        raise ImportRejected(
            [ImportProblem(file, f"line {reader.line_num}", None, f"not valid CSV: {exc}")]
        ) from None


def _header_problems(file: str, header: list[str]) -> list[ImportProblem]:
    names = [h.strip() for h in header]
    problems = [
        ImportProblem(file, "row 1", name, f"unknown column; expected one of {', '.join(COLUMNS)}")
        for name in names
        if name not in COLUMNS
    ]
    problems += [
        ImportProblem(file, "row 1", name, "column appears more than once")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    problems += [
        ImportProblem(file, "row 1", name, "required column is missing")
        for name in COLUMNS
        if name in REQUIRED_COLUMNS and name not in names
    ]
    return problems


def _quote_record(rows: list[tuple[int, dict[str, str]]]) -> dict[str, Any]:
    first = rows[0][1]
    quote: dict[str, Any] = {
        ("id" if col == "quote_id" else col): first[col]
        for col in QUOTE_COLUMNS
        if not col.startswith(_SHIP_TO_PREFIX) and first.get(col)
    }
    ship_to: dict[str, Any] = {
        col.removeprefix(_SHIP_TO_PREFIX): first[col]
        for col in QUOTE_COLUMNS
        if col.startswith(_SHIP_TO_PREFIX) and col not in _ADDRESS_LINES and first.get(col)
    }
    address = [first[col] for col in _ADDRESS_LINES if first.get(col)]
    if address:
        ship_to["address_lines"] = address
    quote["ship_to"] = ship_to
    quote["lines"] = [{col: row[col] for col in LINE_COLUMNS if row.get(col)} for _, row in rows]
    return quote


def _locator(rows: list[tuple[int, dict[str, str]]]) -> Locate:
    first_row = rows[0][0]

    def locate(loc: tuple[int | str, ...]) -> tuple[str, str | None]:
        if not loc:
            return f"row {first_row}", None
        if loc[0] == "lines" and len(loc) > 1 and isinstance(loc[1], int):
            field = next((str(p) for p in loc[2:] if isinstance(p, str)), None)
            return f"row {rows[loc[1]][0]}", field
        if loc[0] == "lines":
            return f"row {first_row}", "line_number"
        if loc[0] == "ship_to":
            name = str(loc[1]) if len(loc) > 1 else "company"
            if name == "address_lines":
                index = loc[2] if len(loc) > 2 and isinstance(loc[2], int) else 0
                return f"row {first_row}", f"ship_to_address_line_{index + 1}"
            return f"row {first_row}", f"{_SHIP_TO_PREFIX}{name}"
        name = str(loc[0])
        return f"row {first_row}", "quote_id" if name == "id" else name

    return locate


def _group(
    file: str, header: list[str], rows: list[tuple[int, dict[str, str]]]
) -> tuple[dict[str, list[tuple[int, dict[str, str]]]], list[ImportProblem]]:
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    problems: list[ImportProblem] = []
    # the quote cells of a row, compared with its quote's first row at C speed (the
    # columns the file leaves out are equal everywhere)
    quote_cells = operator.itemgetter(*(col for col in QUOTE_COLUMNS if col in header))
    for row_number, row in rows:
        quote_id = row.get("quote_id", "")
        if not quote_id:
            problems.append(
                ImportProblem(file, f"row {row_number}", "quote_id", "required field is missing")
            )
            continue
        group = groups.setdefault(quote_id, [])
        if group and quote_cells(row) != quote_cells(group[0][1]):
            first_number, first = group[0]
            problems += [
                ImportProblem(
                    file,
                    f"row {row_number}",
                    col,
                    f"differs from row {first_number} of quote {quote_id!r} "
                    f"({row.get(col)!r} vs {first.get(col)!r}); expected every row of a "
                    "quote to repeat the same quote fields",
                )
                for col in QUOTE_COLUMNS
                if row.get(col, "") != first.get(col, "")
            ]
        group.append((row_number, row))
    return groups, problems


def _cells_text(rows: list[tuple[int, dict[str, str]]]) -> str:
    """Every cell of a quote's rows, joined by NUL: the file has no NUL (decode refuses it)
    and every row has the header's cells, so different rows give different text."""
    return "\x00".join(chain.from_iterable(row.values() for _, row in rows))


def _duplicate_lines(
    file: str, quote_id: str, rows: list[tuple[int, dict[str, str]]]
) -> Iterator[ImportProblem]:
    seen: dict[int, int] = {}
    for row_number, row in rows:
        number = line_key(row.get("line_number", ""))
        if number is None:
            continue
        if number in seen:
            yield ImportProblem(
                file,
                f"row {row_number}",
                "line_number",
                f"duplicate line number {number} in quote {quote_id!r} (also at row "
                f"{seen[number]}); expected unique line numbers within a quote",
            )
        else:
            seen[number] = row_number


def load_csv(file: str, text: str) -> QuoteFile:
    """The quotes of a CSV file, unvalidated, each at its first row; raises ImportRejected
    when the file has no usable header or rows."""
    records = list(_records(file, text))
    if not records:  # only blank cells, e.g. a lone ","
        raise ImportRejected(
            [ImportProblem(file, "row 1", None, "no header row; expected the column names")]
        )
    header = [h.strip() for h in records[0][1]]
    problems = _header_problems(file, records[0][1])
    if problems:
        raise ImportRejected(problems)
    if len(records) == 1:
        raise ImportRejected([ImportProblem(file, "row 2", None, "expected at least one row")])
    rows: list[tuple[int, dict[str, str]]] = []
    phone = header.index("ship_to_phone") if "ship_to_phone" in header else None
    for row_number, record in records[1:]:
        if len(record) != len(header):
            problems.append(
                ImportProblem(
                    file,
                    f"row {row_number}",
                    None,
                    f"expected {len(header)} cells like the header, found {len(record)}",
                )
            )
            continue
        if not "".join(record).isprintable():  # (one C pass for the row)
            problems += _edge_problems(file, row_number, header, record)
        if _suspect(record, phone):
            problems += [
                ImportProblem(file, f"row {row_number}", column, reason)
                for column, cell in zip(header, record, strict=True)
                if (reason := formula_problem(column, cell))
            ]
        rows.append((row_number, dict(zip(header, map(str.strip, record), strict=True))))
    groups, group_problems = _group(file, header, rows)
    problems += group_problems
    kind = f"csv:{','.join(header)}"  # each row's cells are in the header's order
    quotes = []
    for quote_id, quote_rows in groups.items():
        quotes.append(
            RawQuote(
                quote_id,
                partial(_quote_record, quote_rows),  # built only if it is validated
                f"row {quote_rows[0][0]}",
                _locator(quote_rows),
                fingerprint(kind, _cells_text(quote_rows)),
                list(_duplicate_lines(file, quote_id, quote_rows)),
            )
        )
    return QuoteFile(file, quotes, problems)
