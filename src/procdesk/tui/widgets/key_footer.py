"""The footer: the keys that act here, as many as fit, the most useful first.

Textual's footer shows every key and lets the line run off the screen. This one ranks the
keys (help first, then what the focused pane does, then filtering and detail, then the
rest) and shows those that fit the width, in their usual order, so nothing is cut in half.
`?` always lists them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_ROOM = 14  # the command palette's key, docked right: " ^p palette " and its rule
ALWAYS = "app.help"
NEXT = ("pane.filter", "table.select", "table.mark", "app.quit", "app.sync_now")
GENERAL = ("pane.", "table.", "app.")


def rank(binding: Binding) -> int:
    """Lower is shown first: help, the focused pane's own actions, then the common keys."""
    key_id = binding.id or ""
    if key_id == ALWAYS:
        return 0
    if not key_id.startswith(GENERAL):
        return 1
    if key_id in NEXT:
        return 2 + NEXT.index(key_id)
    return 10


def key_width(key_display: str, description: str) -> int:
    """Cells a FooterKey takes: the key and the description, each padded by one."""
    return cell_len(key_display) + cell_len(description) + 3


def fitting(items: list[tuple[Binding, int]], room: int) -> set[int]:
    """Indexes of the items (binding, width) to show in `room` cells, best ranked first."""
    chosen: set[int] = set()
    used = 0
    for i in sorted(range(len(items)), key=lambda i: (rank(items[i][0]), i)):
        width = items[i][1]
        if used + width <= room:
            chosen.add(i)
            used += width
    return chosen


class ShownKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, docked right


class KeyFooter(Footer):
    """A footer that never cuts a key: it shows the most useful ones that fit."""

    _composed: tuple[ShownKey, ...] | None = None  # what the last compose showed

    def _keys(self) -> tuple[ShownKey, ...]:
        """The keys the footer shows now, in order, the palette's key last."""
        if not self._bindings_ready:
            return ()
        active = self.screen.active_bindings
        seen: set[str] = set()
        shown: list[tuple[Binding, bool, str]] = []
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        displays = [self.app.get_key_display(b) for b, _, _ in shown]
        widths = [key_width(d, b.description) for d, (b, _, _) in zip(displays, shown, strict=True)]
        room = self.app.size.width - (PALETTE_ROOM if self.show_command_palette else 0)
        keep = fitting([(b, w) for (b, _, _), w in zip(shown, widths, strict=True)], room)
        keys = [
            ShownKey(b.key, displays[i], b.description, b.action, enabled, tooltip)
            for i, (b, enabled, tooltip) in enumerate(shown)
            if i in keep
        ]
        return (*keys, *self._palette_key())

    def _palette_key(self) -> Iterator[ShownKey]:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return
        entry = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if entry is None:
            return
        _node, binding, enabled, _tooltip = entry
        display = self.app.get_key_display(binding)
        tooltip = binding.tooltip or binding.description
        yield ShownKey(
            binding.key, display, binding.description, binding.action, enabled, tooltip, True
        )

    def compose(self) -> ComposeResult:
        self._composed = self._keys()
        for shown in self._composed:
            key = FooterKey(
                shown.key,
                shown.display,
                shown.description,
                shown.action,
                disabled=not shown.enabled,
                tooltip=shown.tooltip,
                classes="-command-palette" if shown.palette else "",
            )
            if shown.palette:
                yield key
                continue
            # Born with the footer's setting (FooterKey starts compact, and the binding would
            # restyle each key twice on mount to undo it); the binding follows later changes.
            key.set_reactive(FooterKey.compact, self.compact)
            yield key.data_bind(compact=Footer.compact)

    async def recompose(self) -> None:
        """Rebuilt only when what it shows changed: the bindings change with every focus
        move and mount (eight times before the dashboard's first frame), the keys shown
        seldom do."""
        if self._keys() != self._composed:
            await super().recompose()

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != getattr(self, "_laid_for", None):
            self._laid_for = event.size.width
            self.call_after_refresh(self.recompose)
