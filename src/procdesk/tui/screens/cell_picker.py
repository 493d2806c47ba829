"""`Y`: pick one cell of the current row to copy (the table has a row cursor only)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from procdesk.tui.widgets.columns import fit


class CellPickerScreen(ModalScreen[str | None]):
    """Dismisses with the chosen cell's full value, or None."""

    DEFAULT_CSS = """
    CellPickerScreen { align: center middle; }
    CellPickerScreen > OptionList {
        width: 80; height: auto; max-height: 80%; border: round $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="cells.close")]

    def __init__(self, cells: list[tuple[str, str]]) -> None:
        super().__init__()
        self.cells = cells

    def compose(self) -> ComposeResult:
        width = max((len(label) for label, _ in self.cells), default=0)
        yield OptionList(
            *[
                Option(Text(f"{label.ljust(width)}  {fit(value, 60).rstrip()}"), id=str(n))
                for n, (label, value) in enumerate(self.cells)
            ]
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.cells[event.option_index][1])
