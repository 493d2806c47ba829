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
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from procdesk.tui.probe import BatchAwareScreen

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


DIM = Style(dim=True)  # a disabled key (FooterKey's `-disabled` class)


class KeyStrip(FooterKey):
    """The footer's keys drawn by one widget, exactly as a row of FooterKeys draws them
    (FooterKey's own CSS and component styles), for the dashboard's first frame: sixteen
    FooterKey widgets, each mounted, styled and drawn, cost it about a quarter of its work.
    The footer puts FooterKeys in its place once that frame is on screen (they light up
    under the pointer one by one)."""

    def __init__(self, keys: tuple[ShownKey, ...]) -> None:
        super().__init__("", "", "", "")
        self.keys = keys

    def _parts(self) -> list[tuple[ShownKey, Text]]:
        """Each key as its FooterKey would render it."""
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        key_pad = self.get_component_styles("footer-key--key").padding
        description_pad = self.get_component_styles("footer-key--description").padding
        parts = []
        for shown in self.keys:
            if shown.description:
                key = " " * key_pad.left + shown.display + " " * key_pad.right
                description = " " * description_pad.left + shown.description
                description += " " * description_pad.right
                part = Text.assemble((key, key_style), (description, description_style))
            else:
                part = Text.assemble((shown.display, key_style))
            part.stylize_before(self.rich_style if shown.enabled else self.rich_style + DIM)
            parts.append((shown, part))
        return parts

    def render(self) -> Text:
        return Text("").join(part for _, part in self._parts())

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        """The key under the pointer, as its FooterKey would press it (and not FooterKey's
        handler, which would press this widget's own, empty, key)."""
        event.prevent_default()
        event.stop()
        start = 0
        for shown, part in self._parts():
            if start <= event.x < start + part.cell_len:
                self.app.simulate_key(shown.key) if shown.enabled else self.app.bell()
                return
            start += part.cell_len


class KeyFooter(Footer):
    """A footer that never cuts a key: it shows the most useful ones that fit."""

    _composed: tuple[ShownKey, ...] | None = None  # what the last compose showed
    _live = False  # FooterKeys, not the first frame's KeyStrip
    _waiting = False  # for the first frame, to put FooterKeys in

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
        if self._composed and not self._live and self._after_first_frame():
            strip = KeyStrip(tuple(key for key in self._composed if not key.palette))
            strip.set_reactive(FooterKey.compact, self.compact)
            yield strip
            yield from (self._footer_key(key) for key in self._composed if key.palette)
            return
        yield from (self._footer_key(key) for key in self._composed)

    def _footer_key(self, shown: ShownKey) -> FooterKey:
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
            return key
        # Born with the footer's setting (FooterKey starts compact, and the binding would
        # restyle each key twice on mount to undo it); the binding follows later changes.
        key.set_reactive(FooterKey.compact, self.compact)
        return key.data_bind(compact=Footer.compact)

    def _after_first_frame(self) -> bool:
        """Whether the keys wait in a KeyStrip for the screen's first frame (only a screen
        that says when that is drawn); FooterKeys take its place then."""
        screen = self.screen
        if not isinstance(screen, BatchAwareScreen):
            self._live = True
            return False
        if not self._waiting:
            self._waiting = True
            screen.after_first_frame(self._go_live)
        return True

    def _go_live(self) -> None:
        self._live = True
        self._composed = None
        self.call_later(self.recompose)  # (composed from the footer's own queue)

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
