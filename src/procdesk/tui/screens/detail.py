"""A long text in full: a row's detail (fields, provider error, hint, history) or a report
such as availability per line. `c` copies all of it (OSC 52, works over SSH)."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from procdesk.tui.messages import Report

URL = re.compile(r"https?://\S+")


def linked(text: str) -> Text:
    """The text with each web address a hyperlink (OSC 8, where the terminal supports it;
    elsewhere the address still reads in full)."""
    found = Text(text)
    for match in URL.finditer(text):
        found.stylize(Style(link=match.group(0), underline=True), match.start(), match.end())
    return found


class DetailScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    DetailScreen > VerticalScroll {
        width: 90%; height: 85%; border: round $primary; background: $surface; padding: 0 1;
    }
    DetailScreen .title { text-style: bold; color: $text; }
    """
    BINDINGS = [
        Binding("c", "copy", "Copy all", id="detail.copy"),
        Binding("escape,q", "dismiss", "Close", id="detail.close"),
    ]

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(self.report.title, classes="title")
            yield Static(linked(self.report.text), markup=False, id="detail-text")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.report.text)
        self.notify(f"Copied {self.report.title} ({len(self.report.text.splitlines())} lines)")
