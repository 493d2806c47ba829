"""Ask which manufacturer part to order instead, and why (both required). Dismisses with
(part, reason), or None when the person backs out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from procdesk.domain.text import UnsafeTextError, check_field
from procdesk.tui.screens.dialog_frame import DialogScreen


class SubstituteScreen(DialogScreen[tuple[str, str]]):
    DEFAULT_CSS = """
    SubstituteScreen > Vertical { width: 70; max-width: 100%; max-height: 100%; }
    SubstituteScreen .field-problem { color: $error; height: auto; display: none; }
    SubstituteScreen .field-problem.-shown { display: block; }
    """
    BINDINGS = [Binding("escape", "back_out", "Back", id="substitute.back")]

    def __init__(self, line_number: int, part: str) -> None:
        super().__init__()
        self.line_number = line_number
        self.part = part

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Substitute the part of line {self.line_number}", classes="title")
            yield Static(
                f"Now: {self.part}. The distributor is asked about the new part first; the "
                "line's charge follows while it is not in Autotask.",
                markup=False,
            )
            yield Input(placeholder="manufacturer part number to order instead", id="part")
            yield Static("", classes="field-problem", id="problem-part", markup=False)
            yield Input(placeholder="reason (required, kept on the audit trail)", id="reason")
            yield Static("", classes="field-problem", id="problem-reason", markup=False)
            yield Static("", classes="problem", id="problem")
            with Horizontal():
                yield Button("Back", id="back")
                yield Button("Substitute", variant="warning", id="confirm")

    def on_mount(self) -> None:
        self.query_one("#part", Input).focus()

    def _confirm(self) -> None:
        part = self.query_one("#part", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        if not part or not reason:
            self.query_one("#problem", Static).update("Both the part and a reason are required.")
            return
        unsafe: UnsafeTextError | None = None
        try:
            check_field("part", part)
            check_field("reason", reason)
        except UnsafeTextError as exc:
            unsafe = exc
        for field in ("part", "reason"):
            beside = self.query_one(f"#problem-{field}", Static)
            at_fault = unsafe is not None and unsafe.field == field
            beside.update(str(unsafe) if at_fault else "")
            beside.set_class(at_fault, "-shown")
        if unsafe is not None:
            self.query_one("#problem", Static).update("")
            self.query_one(f"#{unsafe.field}", Input).focus()
            return
        self.dismiss((part, reason))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "part":
            self.query_one("#reason", Input).focus()
        else:
            self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self._confirm()
        else:
            self.dismiss(None)
