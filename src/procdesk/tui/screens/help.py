"""`?`: what the focused pane shows and the keys that work there (the effective bindings)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from procdesk.tui.widgets.pane import Pane


def keys_table(app: App[Any]) -> str:
    """The keys in force where the focus is now (remapped keys included)."""
    rows = ["| key | action |", "|---|---|"]
    seen: set[str] = set()
    for active in app.active_bindings.values():
        binding = active.binding
        if binding.description and binding.action not in seen:
            seen.add(binding.action)
            rows.append(f"| `{app.get_key_display(binding)}` | {binding.description} |")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; height: 80%; border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, pane: Pane | None, keys: str) -> None:
        super().__init__()
        self.pane = pane
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(id="help-text")

    def on_mount(self) -> None:
        title = self.pane.TITLE if self.pane else "procdesk"
        about = self.pane.HELP if self.pane else ""
        statuses = ""
        if self.pane and self.pane.STATUS_ORDER and self.pane.STATUS_TABLE:
            statuses = (
                "\n\nStatus keys: "
                + ", ".join(
                    f"`{n}` {self.pane.STATUS_TABLE[s][0]} {self.pane.STATUS_TABLE[s][1]}"
                    for n, s in enumerate(self.pane.STATUS_ORDER, start=1)
                )
                + ", `0` all."
            )
        text = f"# {title}\n\n{about}{statuses}\n\n## Keys\n\n{self.keys}"
        self.query_one(Markdown).update(text)
