"""Asks before a new mapping cancels the synced charges it invalidates.

Dismisses with True (cancel them), False (keep them: each gets a wrong-billing-code issue,
as `procdesk mappings set` does when the prompt is declined) or None (back: save nothing).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from procdesk.tui.widgets.mapping_reauth_commands import key_of


class InvalidatedChargesDialog(ModalScreen[bool | None]):
    DEFAULT_CSS = """
    InvalidatedChargesDialog { align: center middle; }
    InvalidatedChargesDialog > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 80%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    InvalidatedChargesDialog #invalidated-list { height: auto; max-height: 12; margin: 1 0; }
    InvalidatedChargesDialog Horizontal { height: auto; align-horizontal: right; }
    InvalidatedChargesDialog Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Cancel them", id="mappings.confirm_cancel"),
        Binding("n", "answer(False)", "Keep them", id="mappings.confirm_keep"),
        Binding("escape", "answer(None)", "Back", id="mappings.confirm_back"),
    ]

    def __init__(self, category: str, code_label: str, lines: list[str]) -> None:
        super().__init__()
        self.category = category
        self.code_label = code_label
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"! {len(self.lines)} synced charge(s) in {self.category!r} were sent with "
                f"another billing code than {self.code_label}:",
                id="invalidated-title",
            )
            with VerticalScroll(id="invalidated-list"):
                yield Static("\n".join(self.lines), markup=False)
            yield Static(
                "Cancel them (delete in Autotask, then re-order as needed)? Keeping them "
                "opens a wrong-billing-code issue for each."
            )
            with Horizontal():
                yield Button("Back", id="back")
                yield Button("Keep them", id="keep")
                yield Button("Cancel them", id="cancel", variant="error")

    def on_mount(self) -> None:
        for button_id, action in (
            ("back", "answer(None)"),
            ("keep", "answer(False)"),
            ("cancel", "answer(True)"),
        ):
            button = self.query_one(f"#{button_id}", Button)
            button.label = f"{button.label} ({key_of(self, action)})"
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss({"cancel": True, "keep": False}.get(event.button.id or ""))

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)
