"""Confirm an action that changes records or spends money.

With `ask_reason` (cancelling) the reason is required and kept on the audit trail; without
it (approving an order) Enter or `y` confirms. Dismisses with the reason ("" when none was
asked), or None when the person backs out (Esc, `n`, Back)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from procdesk.domain.text import UnsafeTextError, check_field
from procdesk.tui.screens.dialog_frame import DialogScreen


class ConfirmScreen(DialogScreen[str]):
    DEFAULT_CSS = """
    ConfirmScreen > Vertical { width: 76; max-width: 95%; max-height: 100%; }
    ConfirmScreen .keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "back_out", "Back", id="confirm.back")]

    def __init__(
        self, title: str, body: str, *, confirm_label: str = "Confirm", ask_reason: bool = True
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label
        self.ask_reason = ask_reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Static(self.body, markup=False)
            if self.ask_reason:
                yield Input(placeholder="reason (required, kept on the audit trail)", id="reason")
            else:
                yield Static("Enter or y confirms; Esc or n backs out.", classes="keys")
            yield Static("", classes="problem", id="problem")
            with Horizontal():
                yield Button("Back", id="back")
                yield Button(self.confirm_label, variant="warning", id="confirm")

    def on_mount(self) -> None:
        if self.ask_reason:
            self.query_one("#reason", Input).focus()
        else:
            self.query_one("#confirm", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if self.ask_reason:
            return  # typing a reason: letters are text
        if event.key == "y":
            event.stop()
            self.dismiss("")
        elif event.key == "n":
            event.stop()
            self.dismiss(None)

    def _confirm(self) -> None:
        if not self.ask_reason:
            self.dismiss("")
            return
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#problem", Static).update("A reason is required.")
            return
        try:
            check_field("reason", reason)
        except UnsafeTextError as exc:
            self.query_one("#problem", Static).update(str(exc))
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
