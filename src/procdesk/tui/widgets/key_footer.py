"""The footer: the keys that act here, as many as fit, the most useful first.

Textual's footer shows every key and lets the line run off the screen. This one ranks the
keys (help first, then what the focused pane does, then filtering and detail, then the
rest) and shows those that fit the width, in their usual order, so nothing is cut in half.
`?` always lists them all.

It is one widget that draws every key itself, looking and behaving as a row of Textual's
FooterKeys does (their CSS, colours, hover, pointer, tooltips and clicks): a widget per key
cost the dashboard's first frame sixteen widgets to mount, style and lay out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.geometry import Spacing
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

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
    """Cells a key takes: the key and the description, each padded by one."""
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


class Span(NamedTuple):
    """Where a key is drawn: cells `start` to `end` (not included) of the footer."""

    start: int
    end: int
    key: ShownKey


DIM = Style(dim=True)  # a disabled key
PALETTE_PADDING = (Spacing(0, 0, 0, 0), Spacing(0, 0, 0, 1))  # its key's and description's


Layer = tuple[Color, Color, Style]
"""What a node is drawn with: its background, its colour and its text style."""


def layered(under: Layer, styles: RenderStyles) -> Layer:
    """(background, colour, text style) of a node drawn over `under` with `styles`, as
    Textual works out a widget's style from its ancestors' (`DOMNode.rich_style`)."""
    background, color, text = under
    if styles.has_rule("background"):
        background += styles.background.tint(styles.background_tint)
    if styles.has_rule("color"):
        color = styles.color
    return background, color, text + styles.text_style


def rich(layer: Layer) -> Style:
    """The Rich style drawn with a layer from `layered`."""
    background, color, text = layer
    return text + Style.from_color((background + color).rich_color, background.rich_color)


class KeyFooter(Widget):
    """A footer that never cuts a key: it shows the most useful ones that fit."""

    ALLOW_SELECT = False
    # FooterKey's components, and its own look (`item`, `hover`) and the palette key's rule.
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "key-footer--item",
        "key-footer--hover",
        "key-footer--rule",
    }
    DEFAULT_CSS = """
    KeyFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        .key-footer--item {
            background: $footer-item-background;
        }
        .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-footer--rule {
            color: $foreground 20%;
        }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        .footer-key--description {
            padding: 0 1 0 0;
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &.-compact {
            .footer-key--key {
                padding: 0;
            }
            .footer-key--description {
                padding: 0 0 0 1;
            }
        }
    }
    """

    compact = reactive(False, toggle_class="-compact")
    """Keys without padding, a cell apart (as Textual's Footer)."""
    show_command_palette = reactive(True)
    """The command palette's key, on the right."""

    keys: tuple[ShownKey, ...] = ()
    """The keys shown, in order, the palette's key last."""
    spans: tuple[Span, ...] = ()
    """Where each key was last drawn."""
    _bindings_ready = False
    _pointer: int | None = None  # the cell under the mouse pointer

    # -- which keys ------------------------------------------------------------------------
    def _current_keys(self) -> tuple[ShownKey, ...]:
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

    def _update_keys(self) -> None:
        """Drawn again only when the keys shown change: the bindings change with every
        focus move and mount, the keys shown seldom do."""
        keys = self._current_keys()
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self._update_keys()

    def _watch_show_command_palette(self) -> None:
        self._update_keys()

    # -- where and how they are drawn ----------------------------------------------------
    def _pads(self) -> tuple[Spacing, Spacing]:
        """The padding of a key and of its description (FooterKey's, compact or not)."""
        return (
            self.get_component_styles("footer-key--key").padding,
            self.get_component_styles("footer-key--description").padding,
        )

    def _lay_out(self, pads: tuple[Spacing, Spacing]) -> tuple[Span, ...]:
        """Each key's cells: the others from the left (a cell apart when compact), the
        palette's key against the right edge, its rule before it."""
        spans: list[Span] = []
        x = 0
        for shown in self.keys:
            if shown.palette:  # (a margin after it too when compact, as after every key)
                width = 1 + self._label_width(shown, PALETTE_PADDING) + (not self.compact)
                end = self.size.width - self.compact
                spans.append(Span(end - width, end, shown))
            else:
                width = self._label_width(shown, pads)
                spans.append(Span(x, x + width, shown))
                x += width + self.compact
        return tuple(spans)

    @staticmethod
    def _label_width(shown: ShownKey, pads: tuple[Spacing, Spacing]) -> int:
        width = cell_len(shown.display)
        if shown.description:
            width += pads[0].width + cell_len(shown.description) + pads[1].width
        return width

    def render_line(self, y: int) -> Strip:
        pads = self._pads()
        self.spans = self._lay_out(pads)
        hovered = self._at(self._pointer)
        background = self.background_colors[1]
        base = (background, self.styles.color, self.rich_style.without_color)
        blank = Style(bgcolor=background.rich_color)
        segments: list[Segment] = []
        x = 0
        palette: Span | None = None
        for span in self.spans:
            if span.key.palette:
                palette = span
                continue
            if span.start > x:
                segments.append(Segment(" " * (span.start - x), blank))
            segments.extend(self._label(span.key, self._own(span.key, base, hovered), pads))
            x = span.end
        strip = Strip(segments)
        if palette is not None:  # docked right: drawn over any key it meets
            left = max(palette.start, 0)
            strip = strip.crop(0, left).extend_cell_length(left, blank)
            own = self._own(palette.key, base, hovered)
            drawn = Strip(self._palette_segments(palette.key, base, own)).crop(left - palette.start)
            strip = Strip.join([strip, drawn])
        return strip

    def _own(self, shown: ShownKey, base: Layer, hovered: ShownKey | None) -> Layer:
        """The key's own (background, colour, text style), as its FooterKey's."""
        look = "key-footer--hover" if shown == hovered else "key-footer--item"
        own = layered(base, self.get_component_styles(look))
        return own if shown.enabled else (own[0], own[1], own[2] + DIM)

    def _label(self, shown: ShownKey, own: Layer, pads: tuple[Spacing, Spacing]) -> list[Segment]:
        """The key and its description, each in its component's style (FooterKey.render)."""
        under = rich(own)
        key_style = under + rich(layered(own, self.get_component_styles("footer-key--key")))
        if not shown.description:
            return [Segment(shown.display, key_style)]
        description = self.get_component_styles("footer-key--description")
        description_style = under + rich(layered(own, description))
        key_pad, description_pad = pads
        return [
            Segment(" " * key_pad.left + shown.display + " " * key_pad.right, key_style),
            Segment(
                " " * description_pad.left + shown.description + " " * description_pad.right,
                description_style,
            ),
        ]

    def _palette_segments(self, shown: ShownKey, base: Layer, own: Layer) -> list[Segment]:
        """The palette's key as its FooterKey draws it: always compact, a rule on its left
        (`border-left: vkey $foreground 20%`), a cell of padding after unless the footer is
        compact."""
        inner = Style(bgcolor=own[0].rich_color)
        rule_color = base[0] + self.get_component_styles("key-footer--rule").color
        rule = Segment("▏", Style(color=rule_color.rich_color, bgcolor=own[0].rich_color))
        padding = [] if self.compact else [Segment(" ", inner)]
        return [rule, *self._label(shown, own, PALETTE_PADDING), *padding]

    # -- the mouse -----------------------------------------------------------------------
    def _at(self, x: int | None) -> ShownKey | None:
        """The key drawn at cell `x`, as last drawn."""
        for span in reversed(self.spans):  # the palette's key first: it is drawn on top
            if x is not None and span.start <= x < span.end:
                return span.key
        return None

    def _point_at(self, x: int | None) -> None:
        """The key under the pointer lights up (FooterKey's `:hover`), shows its tooltip and
        the terminal's pointer shape."""
        before, self._pointer = self._at(self._pointer), x
        shown = self._at(x)
        if shown == before:
            return
        self.tooltip = (shown.tooltip or None) if shown else None
        self.styles.pointer = "default" if shown is None else "pointer"
        self.screen.update_pointer_shape()
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point_at(event.x)

    def on_leave(self) -> None:
        self._point_at(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """The key under the pointer is pressed; a disabled one rings the bell."""
        shown = self._at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
