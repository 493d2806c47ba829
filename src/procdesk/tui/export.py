"""Export the current view of a table — every row of its filter, in its sort — to CSV or
JSON. Rows are paged from the ledger by keyset, so memory stays flat at any size.

Files go to the user's exports folder (`config.paths.exports_dir`), named for the table and
the wall-clock time (never the demo's clock), and appear only once complete."""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from procdesk.config.paths import exports_dir
from procdesk.services.dashboard.pane_source import PaneSource
from procdesk.services.display import plain as show
from procdesk.store.view_query import ViewQuery

PAGE = 1000


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


def export_path(table: str, fmt: ExportFormat, now: datetime, folder: Path | None = None) -> Path:
    """A new file in `folder` (default: the exports folder), named for the table and `now`,
    the wall-clock time. Raises OSError when the folder cannot be made."""
    folder = folder or exports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{table}-{now:%Y%m%d-%H%M%S}"
    path = folder / f"{stem}.{fmt.value}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.{fmt.value}"
    return path


def _json_value(value: Any) -> Any:
    """Numbers and booleans as JSON has them; Decimals as exact strings; times ISO 8601."""
    if value is None or isinstance(value, bool | int | str | dict | list):
        return value
    return show(value)


async def export_view(
    source: PaneSource,
    query: ViewQuery,
    path: Path,
    fmt: ExportFormat,
    *,
    on_page: Callable[[int], None] | None = None,
) -> int:
    """Write every row of the view to `path`; returns the row count. The rows go to a
    hidden file beside it, renamed once complete: `path` is whole or absent."""
    partial = path.with_name(f".{path.name}.part")
    try:
        written = await _write(source, query, partial, fmt, on_page)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return written


async def _write(
    source: PaneSource,
    query: ViewQuery,
    path: Path,
    fmt: ExportFormat,
    on_page: Callable[[int], None] | None,
) -> int:
    columns = list(source.view.columns)
    written = 0
    after = None
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out) if fmt is ExportFormat.CSV else None
        if writer is not None:
            writer.writerow(columns)
        else:
            out.write("[")
        while True:
            rows = await source.page_after(query, after, PAGE)
            for row in rows:
                if writer is not None:
                    writer.writerow([show(getattr(row, c)) for c in columns])
                else:
                    item = {c: _json_value(getattr(row, c)) for c in columns}
                    out.write(("," if written else "") + "\n  " + json.dumps(item))
                written += 1
            if on_page is not None:
                on_page(written)
            if len(rows) < PAGE:
                break
            after = source.sort_key(rows[-1], query)
        if writer is None:
            out.write("\n]\n" if written else "]\n")
    return written
