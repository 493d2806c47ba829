"""Quote import files (JSON and CSV): reading, validation, precise problems.

quotes = parse_quote_file(path)   # [(QuoteIn, location)], or raises ImportRejected
loaded = load_quote_file(path)    # QuoteFile: unvalidated records with their fingerprints
"""

from __future__ import annotations

from pathlib import Path

from procdesk.services.quotes.files.csv_reader import load_csv
from procdesk.services.quotes.files.decode import MAX_FILE_BYTES, read_text
from procdesk.services.quotes.files.json_reader import load_json
from procdesk.services.quotes.files.models import QuoteIn, QuoteLineIn, ShipToIn
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.progress import ImportProgress
from procdesk.services.quotes.files.raw import QuoteFile, RawQuote

READERS = {".json": load_json, ".csv": load_csv}


def load_quote_file(path: Path) -> QuoteFile:
    """The file's quotes as written, not yet validated; ImportRejected when it cannot be
    read as a quote file at all."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportRejected(
            [ImportProblem(str(path), "file", None, "expected a .json or .csv file")]
        )
    return reader(str(path), read_text(path))


def parse_quote_file(
    path: Path, progress: ImportProgress | None = None
) -> list[tuple[QuoteIn, str]]:
    """Every quote in the file with where it starts; ImportRejected lists all problems."""
    loaded = load_quote_file(path)
    checked = loaded.validated(progress)
    return [
        (quote, raw.location)
        for raw, quote in zip(loaded.quotes, checked, strict=True)
        if quote is not None  # nothing is skipped: only for mypy
    ]


__all__ = [
    "MAX_FILE_BYTES",
    "ImportProblem",
    "ImportProgress",
    "ImportRejected",
    "QuoteFile",
    "QuoteIn",
    "QuoteLineIn",
    "RawQuote",
    "ShipToIn",
    "load_quote_file",
    "parse_quote_file",
]
