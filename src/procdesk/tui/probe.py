"""Where procdesk reaches into Textual's internals: the only places it does.

Textual is pinned to 8.2.8 in pyproject.toml (`textual==8.2.8`; the SVG snapshot tests
compare its exact rendering). Everything below reads or wraps something Textual keeps
private; each function says which. Nothing else in procdesk, its tests, the benchmarks or
the screenshot script names a private Textual attribute: they call these. On a Textual
upgrade, check these functions against the new version first; the TUI tests and the
snapshot tests exercise every one of them.

The app uses `key_bindings` and `BatchAwareScreen`; tests and benchmarks use the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual._compositor import CompositorUpdate
from textual.events import Key
from textual.screen import Screen

if TYPE_CHECKING:  # annotations only: importing the app must not load DataTable or Select
    from rich.console import RenderableType
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.notifications import Notification
    from textual.timer import Timer
    from textual.widgets import DataTable, Select
    from textual.widgets.select import NoSelection

TEXTUAL_VERSION = "8.2.8"
"""The Textual release these functions were written against (pyproject.toml pins it)."""

T = TypeVar("T")


# -- used by the app ---------------------------------------------------------------------
def key_bindings(node: DOMNode) -> list[Binding]:
    """The bindings `node` itself declares, with the app's keymap applied, in key order.

    (`DOMNode._bindings`: Textual's public `active_bindings` only covers the focus chain.)"""
    return [binding for bindings in node._bindings.key_to_bindings.values() for binding in bindings]


class BatchAwareScreen(Screen[None]):
    """A screen that composes no frame while the app batches updates.

    Textual throws such a frame away (`App._display` returns while a batch is open), but
    composing it draws every dirty widget. At start-up the app's Mount runs inside a batch
    and the dashboard's Mount waits there for the first rows, so the screen would draw its
    whole layout once with empty tables for nothing, then again with the rows. Skipped, the
    dirty regions stay dirty and the first frame after the batch (the driver's first Resize
    lays the screen out again) draws them, once.

    (Overrides `Screen._compositor_refresh`; reads `App._batch_count`.)"""

    def _compositor_refresh(self) -> None:
        if self.app._batch_count:
            return
        super()._compositor_refresh()


# -- what the screen shows -------------------------------------------------------------------
def screen_text(app: App[Any]) -> str:
    """Everything the active screen shows, as plain text, line by line.

    (`Screen._compositor`, which holds what was last laid out and painted.)"""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_cells(app: App[Any]) -> list[list[tuple[str, str]]]:
    """Everything the active screen shows, line by line, as runs of text and the style they
    are drawn in (colours and attributes, as Rich writes a style): what a terminal gets,
    where `screen_text` has the characters only. Mouse metadata is left out.

    (`Screen._compositor`, as `screen_text`.)"""
    lines: list[list[tuple[str, str]]] = []
    for strip in app.screen._compositor.render_strips():
        runs: list[tuple[str, str]] = []
        for segment in strip:
            style = str(segment.style or "")
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + segment.text, style)
            else:
                runs.append((segment.text, style))
        lines.append(runs)
    return lines


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications the app is showing, oldest first. (`App._notifications`)"""
    return list(app._notifications)


def select_options(select: Select[T]) -> list[tuple[RenderableType, T | NoSelection]]:
    """What a Select offers, as (prompt, value), its blank entry included.

    (`Select._options`: Textual has no public read of a Select's options.)"""
    return list(select._options)


def table_needs_measuring(table: DataTable[Any]) -> bool:
    """True while a DataTable has rows or cells it has not measured yet: it measures them
    (and so sets its column widths) when it is next idle.

    (`DataTable._require_update_dimensions`, `DataTable._updated_cells`)"""
    return table._require_update_dimensions or bool(table._updated_cells)


# -- is the app done? ------------------------------------------------------------------------
def _unhandled(pump: MessagePump) -> int:
    """Messages queued for `pump` or being handled by it right now.

    (`MessagePump._message_queue`, an asyncio.Queue: its unfinished count includes the
    message in hand, which `message_queue_size` does not.)"""
    queue: asyncio.Queue[Message | None] = pump._message_queue
    unfinished: int = getattr(queue, "_unfinished_tasks", queue.qsize())
    return unfinished


def pending_work(app: App[Any]) -> list[str]:
    """What the app still has to do before the screen shows the current state, in words;
    empty once there is nothing.

    That is: a message queued or in hand anywhere (the app, every screen on the stack and
    every node on them), a callback queued with `call_next`, a batch update open, the active
    screen's layout, scroll, repaint, recomposition or after-refresh callbacks not done, or
    a DataTable on it not measured. Workers are not counted: wait for them with
    `app.workers`.

    (`App._batch_count`, `MessagePump._next_callbacks`, `Screen._layout_required`,
    `Screen._scroll_required`, `Screen._repaint_required`, `Screen._recompose_required`,
    `Screen._dirty_widgets`, `Screen._callbacks`, and those of `_unhandled` and
    `table_needs_measuring`.)"""
    from textual.widgets import DataTable

    found: list[str] = []
    if app._batch_count:
        found.append("a batch update is open")
    pumps: list[MessagePump] = [app]
    for screen in app.screen_stack:
        pumps.extend(screen.walk_children(with_self=True))
    for pump in pumps:
        if _unhandled(pump):
            found.append(f"{pump!r} has messages to handle")
        if pump._next_callbacks:
            found.append(f"{pump!r} has call_next callbacks to run")
    if not app.screen_stack:
        return found
    screen = app.screen
    for flag, words in (
        (screen._layout_required, "a layout"),
        (screen._scroll_required, "a scroll"),
        (screen._repaint_required, "a repaint"),
        (screen._recompose_required, "a recomposition"),
        (bool(screen._dirty_widgets), "widgets to repaint"),
        (bool(screen._callbacks), "after-refresh callbacks"),
    ):
        if flag:
            found.append(f"{screen!r} has {words} pending")
    found.extend(
        f"{table!r} has rows to measure"
        for table in screen.query(DataTable)
        if table_needs_measuring(table)
    )
    return found


# -- frames and keys, as a terminal sees them (benchmarks) -------------------------------------
def watch_frames(
    app: App[Any], on_frame: Callable[[Screen[Any]], None], *, encode: bool = False
) -> None:
    """Call `on_frame(screen)` for every frame the app puts on screen, just before it goes.

    Frames composed inside a batch update are never shown, so they are left out. With
    `encode`, each frame is first encoded for the terminal as a real driver would (the
    headless driver of tests skips that step), so timings include it.

    (Wraps `App._display`; reads `App._batch_count`; `textual._compositor.CompositorUpdate`.)"""
    display = app._display

    def watched(screen: Screen[Any], renderable: RenderableType | None) -> None:
        if not app._batch_count:
            if encode and isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            on_frame(screen)
        display(screen, renderable)

    app._display = watched  # type: ignore[method-assign]


def send_key(app: App[Any], key: str, character: str | None) -> None:
    """Deliver a key through the driver, as a terminal's keys arrive (no test pilot).

    (`App._driver`)"""
    driver = app._driver
    if driver is None:
        raise RuntimeError("the app is not running")
    driver.send_message(Key(key, character))


# -- procdesk's own dashboard ---------------------------------------------------------------
class _Polling(Protocol):
    _poll_timer: Timer | None


def polls_change_feed(app: _Polling) -> bool:
    """Whether the dashboard polls the change feed on a timer (on PostgreSQL it does not:
    LISTEN/NOTIFY wakes it).

    (`ProcdeskApp._poll_timer`: procdesk's own private attribute, not Textual's, read here so
    that no test names a private attribute at all.)"""
    return app._poll_timer is not None
