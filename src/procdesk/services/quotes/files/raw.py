"""A quote file read but not yet validated: each quote's record as written, where it starts,
how to place an error inside it, and its fingerprint; the problems reading found.

Validation is a step of its own so the importer can leave out the quotes whose fingerprint
the ledger already holds: the same record, validated and stored before, needs neither
validating nor comparing again (re-importing an unchanged file costs its parse and a hash).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pydantic import ValidationError

from procdesk.services.quotes.files.limits import whole_number
from procdesk.services.quotes.files.models import QuoteIn
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.progress import ImportProgress, report_read
from procdesk.services.quotes.files.validation import Locate, problems_from

# Part of every fingerprint: change it whenever validation or normalisation could read the
# same record differently, so that records stored by older code are validated again.
FINGERPRINT_VERSION = "3"


def json_text(record: object) -> str:
    """A parsed JSON record as text for its fingerprint, key order kept: Python's `repr`,
    which writes each kind the reader makes (dict, list, str, int, Decimal, bool, None) in
    a syntax of its own, so two records have the same text only if they are the same. (JSON
    text with decimals tagged as {"decimal": "12.5"} let a literal object of that shape pass
    for the number: an invalid record taken for the valid one stored.)"""
    return repr(record)


def fingerprint(kind: str, written: str) -> str:
    """SHA-256 of what the file wrote for a quote (`written`, text that tells apart any two
    records that could differ), with the file kind and FINGERPRINT_VERSION."""
    return hashlib.sha256(f"{FINGERPRINT_VERSION}:{kind}:{written}".encode()).hexdigest()


def quote_key(value: object) -> str | None:
    """A quote id as validation reads it (the record models strip the whitespace around
    every text), or None when it is not text: the key readers find duplicate quotes by and
    the ledger is asked about, so " Q-1" and "Q-1" are one quote, as they are once stored."""
    return value.strip() if isinstance(value, str) else None


def line_key(value: object) -> int | None:
    """A line number as validation reads it (`whole_number`, the line model's own check),
    or None when it is not one (validation then says why): 1, "1", " 1" and "01" are one
    line of a quote."""
    try:
        return whole_number(value)
    except ValueError:
        return None


def as_given(record: object) -> Callable[[], object]:
    """`RawQuote.record` for a record the reader already holds."""
    return partial(_same, record)


def _same(record: object) -> object:
    return record


@dataclass(frozen=True)
class RawQuote:
    """One quote as the file wrote it. `quote_id` is its id when that is text (the key the
    ledger is asked about), `fingerprint` a hash of what the file wrote for it, `problems`
    what reading found wrong with it (duplicates), reported before what validation finds."""

    quote_id: str | None
    record: Callable[[], Any]  # makes the record to validate (only a quote validated needs it)
    location: str
    locate: Locate
    fingerprint: str
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass(frozen=True)
class QuoteFile:
    """Every quote of a file, unvalidated, and the problems of the file as a whole."""

    file: str
    quotes: list[RawQuote]
    problems: list[ImportProblem]

    def validated(
        self,
        progress: ImportProgress | None = None,
        skip: Callable[[RawQuote], bool] | None = None,
    ) -> list[QuoteIn | None]:
        """Each quote validated, in the file's order, None for those `skip` leaves out (a
        skipped quote's own reading problems are still reported); raises ImportRejected
        with every problem."""
        problems = list(self.problems)
        valid: list[QuoteIn | None] = []
        total = len(self.quotes)
        for index, raw in enumerate(self.quotes):
            problems += raw.problems
            quote = None
            if skip is None or not skip(raw):
                try:
                    quote = QuoteIn.model_validate(raw.record())
                except ValidationError as exc:
                    problems += problems_from(exc, self.file, raw.locate)
            valid.append(quote)
            report_read(progress, index + 1, total)
        if problems:
            raise ImportRejected(problems)
        return valid
