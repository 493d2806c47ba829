"""How far an import got, for whoever shows it (the command line draws a progress bar)."""

from __future__ import annotations

from typing import Protocol

# Readers report every this many quotes (and at the end), so reporting costs nothing.
REPORT_EVERY = 250


class ImportProgress(Protocol):
    def read(self, done: int, total: int) -> None:
        """`done` of the file's `total` quotes were read and validated."""

    def stored(self, done: int, total: int) -> None:
        """`done` of the file's `total` quotes were written (or found unchanged)."""


def report_read(progress: ImportProgress | None, done: int, total: int) -> None:
    if progress is not None and (done % REPORT_EVERY == 0 or done == total):
        progress.read(done, total)
