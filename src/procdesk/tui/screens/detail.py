"""A long text in full: a row's detail (what it is, where it stands, what went wrong and
the fix, its history) or a report such as availability per line. `c` copies all of it
(OSC 52, works over SSH).

On the detail of a charge or an order the keys act on that row, with the same questions as
in its pane (cancel asks a reason, re-order of a withdrawn quote warns, approval shows what
it commits to); the detail reloads when the action is done."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from procdesk.tui import actions_issues, confirmations, po_forms
from procdesk.tui.desk import desk
from procdesk.tui.messages import Outcome, Report

URL = re.compile(r"https?://\S+")

# Which keys act on which kind of row.
KEYS_FOR: dict[str, set[str]] = {
    "charges": {"retry", "cancel", "reorder", "fix", "quote"},
    "orders": {
        "retry",
        "cancel",
        "approve",
        "submit",
        "availability",
        "fix",
        "quote",
        "receive",
        "link_po",
    },
    "issues": {"fix", "dismiss"},
}
ROW_ACTIONS = set().union(*KEYS_FOR.values())


def linked(text: str, headings: tuple[str, ...] = ()) -> Text:
    """The text with each web address a hyperlink (OSC 8, where the terminal supports it;
    elsewhere the address still reads in full) and its section titles in bold."""
    found = Text(text)
    for match in URL.finditer(text):
        found.stylize(Style(link=match.group(0), underline=True), match.start(), match.end())
    start = 0
    for line in text.split("\n"):
        if line in headings:
            found.stylize(Style(bold=True), start, start + len(line))
        start += len(line) + 1
    return found


class DetailScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    DetailScreen > VerticalScroll {
        width: 95%; height: 90%; border: round $primary; background: $surface; padding: 0 1;
    }
    DetailScreen .title { text-style: bold; color: $text; }
    """
    BINDINGS = [
        Binding("r", "retry", "Retry", id="detail.retry"),
        Binding("x", "cancel", "Cancel", id="detail.cancel"),
        Binding("n", "reorder", "Re-order", id="detail.reorder"),
        Binding("a", "approve", "Approve", id="detail.approve"),
        Binding("u", "submit", "Submit", id="detail.submit"),
        Binding("v", "availability", "Availability", id="detail.availability"),
        Binding("e", "receive", "Receive by hand", id="detail.receive"),
        Binding("l", "link_po", "Link PO", id="detail.link_po"),
        Binding("f", "fix", "Fix", id="detail.fix"),
        Binding("d", "dismiss_issue", "Dismiss", id="detail.dismiss"),
        Binding("w", "quote", "Quote", id="detail.quote"),
        Binding("c", "copy", "Copy all", id="detail.copy"),
        Binding("escape,q", "dismiss", "Close", id="detail.close"),
    ]

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(self.report.title, classes="title")
            yield Static(
                linked(self.report.text, self.report.headings), markup=False, id="detail-text"
            )
        yield Footer()  # this detail's own keys (only those that act on its row)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def show_report(self, report: Report) -> None:
        """The same row, read again (after an action on it)."""
        self.report = report
        self.query_one(".title", Label).update(report.title)
        self.query_one("#detail-text", Static).update(linked(report.text, report.headings))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that act on this kind of row are live (and in the footer)."""
        wanted = "dismiss" if action == "dismiss_issue" else action
        if action == "dismiss" or wanted not in ROW_ACTIONS:
            return True
        return wanted in KEYS_FOR.get(self.report.table or "", set())

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.report.text)
        self.notify(f"Copied {self.report.title} ({len(self.report.text.splitlines())} lines)")

    # -- acting on the row ------------------------------------------------------------
    @property
    def _ids(self) -> list[int]:
        return [] if self.report.row_id is None else [self.report.row_id]

    def action_retry(self) -> None:
        if self.report.table == "charges":
            work = confirmations.ask_retry_charges(self, self._ids)
        else:
            work = confirmations.ask_retry_orders(self, self._ids)
        desk(self).start_action("retry", work)

    def action_cancel(self) -> None:
        if self.report.table == "charges":
            work = confirmations.ask_cancel_charges(self, self._ids)
        else:
            work = confirmations.ask_cancel_orders(self, self._ids)
        desk(self).start_action("cancel", work)

    def action_reorder(self) -> None:
        desk(self).start_action("re-order", confirmations.ask_reorder(self, self._ids))

    def action_approve(self) -> None:
        desk(self).start_action("approve", confirmations.ask_approval(self, self._ids))

    def action_submit(self) -> None:
        desk(self).start_action("submit", confirmations.ask_submit(self, self._ids))

    def action_availability(self) -> None:
        if self.report.row_id is not None:
            desk(self).open_availability(self.report.row_id)

    def action_quote(self) -> None:
        if self.report.quote_id is not None:
            desk(self).open_quote(self.report.quote_id)

    def action_receive(self) -> None:
        if self.report.row_id is not None:
            desk(self).start_action("receive", po_forms.open_receive(self, self.report.row_id))

    def action_link_po(self) -> None:
        if self.report.row_id is not None:
            desk(self).start_action("link PO", po_forms.open_link(self, self.report.row_id))

    def action_dismiss_issue(self) -> None:
        desk(self).start_action("dismiss", actions_issues.dismiss(desk(self).context, self._ids))

    def action_fix(self) -> None:
        if not self.report.issue_ids:
            self.notify("Nothing to fix: no open issue about it.", severity="information")
            return
        desk(self).start_action("fix", self._open_fix(self.report.issue_ids[0]))

    async def _open_fix(self, issue_id: int) -> Outcome:
        issue = await desk(self).context.issue_actions().get(issue_id)
        if issue is None:
            return Outcome(f"issue {issue_id} is gone", "warning")
        desk(self).open_fix(issue)
        return Outcome("")
