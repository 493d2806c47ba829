"""Where the three panes sit: one layout per size, whatever the way the size was reached.

The grid picks its layout from its own size each time it is resized, so a live resize (even
under a modal screen) lands on the same layout as a fresh start at that size.
"""

from __future__ import annotations

from textual import events
from textual.containers import Grid
from textual.geometry import Size

WIDE_MIN = Size(160, 30)  # the grid's own size (the screen less the header and footer)
OTHER_ROWS = 2  # the header's and the footer's (the activity tray takes none at start)


def is_wide(size: Size) -> bool:
    """Two panes side by side above the issues pane, or the three panes stacked."""
    return size.width >= WIDE_MIN.width and size.height >= WIDE_MIN.height


def first_layout(screen: Size) -> str:
    """The grid's classes for its first frame, from the screen it starts on less the rows
    of the header and the footer. Only a first guess, so that the first frame is drawn (and
    styled) once, in its layout, rather than again at the grid's first resize; that resize,
    with the grid's own size, has the last word."""
    return "-wide" if is_wide(Size(screen.width, screen.height - OTHER_ROWS)) else ""


class PaneGrid(Grid):
    """The dashboard's panes: stacked, or (wide) the queue and the charges side by side
    above the issues pane, which spans the whole width."""

    DEFAULT_CSS = """
    PaneGrid {
        grid-size: 1 3;
        grid-rows: 1fr 1fr 1fr;
        height: 1fr;
    }
    PaneGrid.-wide {
        grid-size: 2 2;
        grid-rows: 3fr 2fr;
        grid-columns: 1fr 1fr;
    }
    PaneGrid.-wide > #issues { column-span: 2; }
    """

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(is_wide(event.size), "-wide")
