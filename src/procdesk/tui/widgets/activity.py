"""Work in progress, above the footer: one line per running job with a progress bar.

A job with a known size (an export of N rows) shows how far it is and its ETA; one without
(a sync cycle, a question to a distributor) shows Textual's indeterminate bar. The tray
takes no room while nothing runs, and its widgets load with the first job (the dashboard's
first frame shows none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical

if TYPE_CHECKING:
    from textual.app import ComposeResult


class Job(Horizontal):
    """One running job: what it is, and how far it has got."""

    DEFAULT_CSS = """
    Job { height: 1; }
    Job > Label { width: 1fr; padding: 0 1; color: $text-muted; }
    Job > ProgressBar { width: auto; }
    """

    def __init__(self, label: str, total: int | None) -> None:
        super().__init__()
        self.label = label
        self.total = total

    def compose(self) -> ComposeResult:
        from textual.widgets import Label, ProgressBar

        yield Label(self.label, markup=False)
        yield ProgressBar(total=self.total, show_eta=self.total is not None)

    def advance_to(self, done: int) -> None:
        from textual.widgets import ProgressBar

        self.query_one(ProgressBar).update(progress=done)


class Activity(Vertical):
    DEFAULT_CSS = """
    Activity { height: auto; max-height: 4; display: none; background: $panel; }
    """

    def start(self, label: str, total: int | None = None) -> Job:
        job = Job(label, total)
        self.mount(job)
        self.display = True
        return job

    def finish(self, job: Job) -> None:
        job.remove()
        self.display = any(child is not job for child in self.children)
