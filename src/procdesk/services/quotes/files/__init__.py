"""Quote import files (JSON and CSV): reading, validation, precise problems.

quotes = parse_quote_file(path)   # [(QuoteIn, location)], or raises ImportRejected
"""

from __future__ import annotations

from pathlib import Path

from procdesk.services.quotes.files.csv_reader import read_csv
from procdesk.services.quotes.files.decode import MAX_FILE_BYTES, read_text
from procdesk.services.quotes.files.json_reader import read_json
from procdesk.services.quotes.files.models import QuoteIn, QuoteLineIn, ShipToIn
from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected
from procdesk.services.quotes.files.progress import ImportProgress

READERS = {".json": read_json, ".csv": read_csv}


def parse_quote_file(
    path: Path, progress: ImportProgress | None = None
) -> list[tuple[QuoteIn, str]]:
    """Every quote in the file with where it starts; ImportRejected lists all problems."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportRejected(
            [ImportProblem(str(path), "file", None, "expected a .json or .csv file")]
        )
    return reader(str(path), read_text(path), progress)


__all__ = [
    "MAX_FILE_BYTES",
    "ImportProblem",
    "ImportProgress",
    "ImportRejected",
    "QuoteIn",
    "QuoteLineIn",
    "ShipToIn",
    "parse_quote_file",
]
