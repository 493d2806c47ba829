"""Confirm a destructive action and say why: the reason is required and kept on the audit
trail. Dismisses with the reason, or None when the person backs out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from procdesk.domain.text import UnsafeTextError, check_text


class ConfirmScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 70; height: auto; border: round $warning; background: $surface; padding: 0 1;
    }
    ConfirmScreen .title { text-style: bold; }
    ConfirmScreen .problem { color: $error; height: auto; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "back_out", "Back", id="confirm.back")]

    def __init__(self, title: str, body: str, *, confirm_label: str = "Confirm") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Static(self.body, markup=False)
            yield Input(placeholder="reason (required, kept on the audit trail)", id="reason")
            yield Static("", classes="problem", id="problem")
            with Horizontal():
                yield Button("Back", id="back")
                yield Button(self.confirm_label, variant="warning", id="confirm")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def _confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#problem", Static).update("A reason is required.")
            return
        try:
            check_text(reason)
        except UnsafeTextError as exc:
            self.query_one("#problem", Static).update(f"The reason has a {exc}")
            return
        self.dismiss(reason)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self._confirm()
        else:
            self.dismiss(None)

    def action_back_out(self) -> None:
        self.dismiss(None)
