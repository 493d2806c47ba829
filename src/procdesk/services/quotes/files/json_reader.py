"""JSON import files: `{"quotes": [...]}`; errors located by JSON pointer."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from procdesk.services.quotes.files.limits import TOO_DEEP, json_depth_problem, json_number
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.raw import (
    QuoteFile,
    RawQuote,
    as_given,
    fingerprint,
    json_text,
    line_key,
    quote_key,
)
from procdesk.services.quotes.files.validation import Locate


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
    return names[-1] if names else None


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


def load_json(file: str, text: str) -> QuoteFile:
    """The quotes of a JSON file, unvalidated, each at its JSON pointer; raises
    ImportRejected when the file is no quote file at all."""
    data = _parse(file, text)
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise ImportRejected(
            [ImportProblem(file, "/", "quotes", 'expected an object {"quotes": [ ... ]}')]
        )
    extra = sorted(set(data) - {"quotes"})
    problems = [ImportProblem(file, pointer((key,)), key, "unknown field") for key in extra]
    if not data["quotes"]:
        problems.append(ImportProblem(file, "/quotes", "quotes", "expected at least one quote"))
    duplicates = _duplicates(file, data["quotes"])
    quotes = []
    for index, raw in enumerate(data["quotes"]):
        base = ("quotes", index)
        quotes.append(
            RawQuote(
                quote_key(raw.get("id")) if isinstance(raw, dict) else None,
                as_given(raw),
                pointer(base),
                _locator(base),
                fingerprint("json", json_text(raw)),
                duplicates.get(index, []),
            )
        )
    return QuoteFile(file, quotes, problems)


def _locator(base: tuple[int | str, ...]) -> Locate:
    """Where an error inside the quote at `base` is: its JSON pointer and field."""

    def locate(loc: tuple[int | str, ...]) -> tuple[str, str | None]:
        return pointer(base + loc), _field_of(loc)

    return locate


def _duplicates(file: str, raw_quotes: list[Any]) -> dict[int, list[ImportProblem]]:
    """Duplicate quote ids in the file and duplicate line numbers within a quote, by the
    index of the quote they are found in."""
    found: dict[int, list[ImportProblem]] = {}
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_quotes):
        if not isinstance(raw, dict):
            continue
        quote_id = quote_key(raw.get("id"))
        if quote_id is not None:
            if quote_id in seen_ids:
                found.setdefault(index, []).append(
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
        seen_lines: dict[int, int] = {}
        lines = raw.get("lines")
        for line_index, line in enumerate(lines if isinstance(lines, list) else []):
            number = line_key(line.get("line_number")) if isinstance(line, dict) else None
            if number is None:
                continue
            if number in seen_lines:
                first = pointer(("quotes", index, "lines", seen_lines[number]))
                found.setdefault(index, []).append(
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
