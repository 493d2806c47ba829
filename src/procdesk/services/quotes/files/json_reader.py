"""JSON import files: `{"quotes": [...]}`; errors located by JSON pointer."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from procdesk.services.quotes.files.limits import TOO_DEEP, json_depth_problem, json_number
from procdesk.services.quotes.files.models import QuoteIn
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.progress import ImportProgress, report_read
from procdesk.services.quotes.files.validation import Locate, problems_from


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find which key, for the message
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def _exact_number(text: str) -> Decimal:
    try:
        return json_number(text)
    except ValueError:
        raise _ExponentError(text) from None


class _ExponentError(ValueError):
    pass


def pointer(parts: tuple[int | str, ...]) -> str:
    """A JSON pointer (RFC 6901) for a location."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + "/".join(escaped) if parts else ""


def _field_of(loc: tuple[int | str, ...]) -> str | None:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return "ticket_id" if not loc else None
    return names[-1]


def _parse(file: str, text: str) -> Any:
    def problem(message: str, where: str = "file") -> ImportRejected:
        return ImportRejected([ImportProblem(file, where, None, message)])

    try:
        data = json.loads(
            text,
            parse_float=_exact_number,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise problem(f"not valid JSON: {exc.msg}", where) from None
    except _ExponentError as exc:
        raise problem(
            f"the number {exc.args[0]} is written with an exponent; expected a plain decimal "
            "such as 1000 or 0.25"
        ) from None
    except _DuplicateKeyError as exc:
        raise problem(f"duplicate key {exc.args[0]!r} in an object; expected unique keys") from None
    except RecursionError:
        raise problem(f"not a quote file: {TOO_DEEP}") from None
    except ValueError as exc:
        raise problem(f"{exc.args[0]} is not a number; expected an exact decimal") from None
    too_deep = json_depth_problem(data)
    if too_deep is not None:
        raise problem(f"not a quote file: {too_deep}")
    return data


def read_json(
    file: str, text: str, progress: ImportProgress | None = None
) -> list[tuple[QuoteIn, str]]:
    """The quotes of a JSON file, each with its JSON pointer; raises ImportRejected."""
    data = _parse(file, text)
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise ImportRejected(
            [ImportProblem(file, "/", "quotes", 'expected an object {"quotes": [ ... ]}')]
        )
    extra = sorted(set(data) - {"quotes"})
    problems = [ImportProblem(file, pointer((key,)), key, "unknown field") for key in extra]
    if not data["quotes"]:
        problems.append(ImportProblem(file, "/quotes", "quotes", "expected at least one quote"))
    quotes: list[tuple[QuoteIn, str]] = []
    total = len(data["quotes"])
    for index, raw in enumerate(data["quotes"]):
        base = ("quotes", index)
        try:
            quotes.append((QuoteIn.model_validate(raw), pointer(base)))
        except ValidationError as exc:
            problems.extend(problems_from(exc, file, _locator(base)))
        report_read(progress, index + 1, total)
    problems.extend(_duplicates(file, data["quotes"]))
    if problems:
        raise ImportRejected(problems)
    return quotes


def _locator(base: tuple[int | str, ...]) -> Locate:
    """Where an error inside the quote at `base` is: its JSON pointer and field."""

    def locate(loc: tuple[int | str, ...]) -> tuple[str, str | None]:
        return pointer(base + loc), _field_of(loc)

    return locate


def _duplicates(file: str, raw_quotes: list[Any]) -> list[ImportProblem]:
    """Duplicate quote ids in the file and duplicate line numbers within a quote."""
    found: list[ImportProblem] = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_quotes):
        if not isinstance(raw, dict):
            continue
        quote_id = raw.get("id")
        if isinstance(quote_id, str):
            if quote_id in seen_ids:
                found.append(
                    ImportProblem(
                        file,
                        pointer(("quotes", index, "id")),
                        "id",
                        f"duplicate quote id {quote_id!r} (also at "
                        f"{pointer(('quotes', seen_ids[quote_id]))}); expected each quote once",
                    )
                )
            else:
                seen_ids[quote_id] = index
        seen_lines: dict[object, int] = {}
        lines = raw.get("lines")
        for line_index, line in enumerate(lines if isinstance(lines, list) else []):
            number = line.get("line_number") if isinstance(line, dict) else None
            if number is None or isinstance(number, (dict, list)):
                continue
            if number in seen_lines:
                first = pointer(("quotes", index, "lines", seen_lines[number]))
                found.append(
                    ImportProblem(
                        file,
                        pointer(("quotes", index, "lines", line_index, "line_number")),
                        "line_number",
                        f"duplicate line number {number} (also at {first}); "
                        "expected unique line numbers within a quote",
                    )
                )
            else:
                seen_lines[number] = line_index
    return found
