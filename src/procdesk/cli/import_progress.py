"""A progress bar for `procdesk quotes import` on a terminal: reading, then storing.

Drawn on stderr (stdout stays the report, `--json` stays parseable) and only when stderr
is a terminal; it disappears when the import ends, successful or not.
"""

from __future__ import annotations

from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class TerminalProgress:
    """An `ImportProgress` that draws two bars: quotes read and validated, quotes stored."""

    def __init__(self, stream: TextIO, *, force: bool = False) -> None:
        console = Console(file=stream, force_terminal=force or None)
        self.enabled = console.is_terminal
        self._bars = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("quotes"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not self.enabled,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> TerminalProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bars.stop()

    def _update(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(stage, total=total)
        self._bars.update(self._tasks[stage], completed=done, total=total)

    def read(self, done: int, total: int) -> None:
        self._update("Reading", done, total)

    def stored(self, done: int, total: int) -> None:
        self._update("Storing", done, total)
