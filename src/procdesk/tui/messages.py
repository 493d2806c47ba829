"""Messages workers post to the app: workers never touch widgets, handlers do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Report:
    """A long result shown in a modal (availability per line, an entity's detail).

    A detail also names its row (`table`, `row_id`) and quote, so the keys on the detail
    act on it; `headings` are the lines shown as section titles."""

    title: str
    text: str
    table: str | None = None
    row_id: int | None = None
    quote_id: str | None = None
    headings: tuple[str, ...] = ()
    issue_ids: tuple[int, ...] = ()  # the open issues about the row (the fix key opens one)


@dataclass(frozen=True)
class Outcome:
    """What an action did, in words for a notification; optionally a report to show."""

    text: str
    severity: Severity = "information"
    report: Report | None = None


class ActionDone(Message):
    def __init__(self, label: str, outcome: Outcome) -> None:
        super().__init__()
        self.label = label
        self.outcome = outcome


class ActionFailed(Message):
    """An unexpected exception: already recorded as an INTERNAL_ERROR issue and logged."""

    def __init__(self, label: str, text: str) -> None:
        super().__init__()
        self.label = label
        self.text = text


class WorkFailed(Message):
    """Background work of a screen or widget raised unexpectedly. The app says a lost
    ledger in its header (the work comes back with the ledger) and records anything else as
    an INTERNAL_ERROR issue with a notification; never a traceback, never a closed app."""

    def __init__(self, where: str, error: Exception) -> None:
        super().__init__()
        self.where = where
        self.error = error


FixScreen = Literal["mappings", "reauth", "connections", "vendors"]


class OpenFix(Message):
    """The fix for an issue is resolved: open this screen kind with these arguments."""

    def __init__(self, screen: FixScreen, argument: str | None) -> None:
        super().__init__()
        self.screen = screen
        self.argument = argument
