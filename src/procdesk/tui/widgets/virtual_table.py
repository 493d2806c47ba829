"""A ledger-backed virtual table (Line API): only the visible rows plus a margin are read.

The table's cost does not grow with the ledger: rows come from `RowPages` (a few pages around
the viewport), lines are rendered on demand and cached, and a change to a row repaints that
row's line alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from procdesk.tui.formatting import empty_text
from procdesk.tui.messages import WorkFailed
from procdesk.tui.paging import Row, RowPages, TableSource
from procdesk.tui.widgets.columns import Column, Placed, cells, fit, place_columns, row_width

MARGIN_ROWS = 100  # rows read beyond the viewport on each side, so paging never waits
COUNT_DELAY_S = 0.3  # a filtered view is counted once typing pauses this long
MARK = "●"  # in the gutter of a marked row: visible under the cursor too, not colour alone
GUTTER = 1

T = TypeVar("T")


class VirtualTable(ScrollView, can_focus=True):
    """Rows of one ledger view; cursor, marks and selection survive refreshes."""

    COMPONENT_CLASSES = {
        "vtable--header",
        "vtable--cursor",
        "vtable--marked",
        "vtable--loading",
        "vtable--ok",
        "vtable--warning",
        "vtable--error",
        "vtable--muted",
    }
    DEFAULT_CSS = """
    VirtualTable { background: $surface; scrollbar-size-vertical: 1; }
    VirtualTable > .vtable--header { text-style: bold; color: $text; background: $panel; }
    VirtualTable > .vtable--cursor { background: $block-cursor-blurred-background; }
    VirtualTable:focus > .vtable--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    VirtualTable > .vtable--marked { text-style: bold; color: $accent; }
    VirtualTable > .vtable--loading { color: $text-muted; }
    VirtualTable > .vtable--ok { color: $success; }
    VirtualTable > .vtable--warning { color: $warning; }
    VirtualTable > .vtable--error { color: $error; }
    VirtualTable > .vtable--muted { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False, id="table.up"),
        Binding("down", "cursor_down", "Down", show=False, id="table.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("home", "first", "First", show=False, id="table.first"),
        Binding("end", "last", "Last", show=False, id="table.last"),
        Binding("space", "toggle_mark", "Mark", id="table.mark"),
        Binding("enter", "select", "Detail", id="table.select"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: VirtualTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Selected(Message):
        def __init__(self, table: VirtualTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Loaded(Message):
        """A reload finished: the first page is on screen (count may follow)."""

        def __init__(self, table: VirtualTable) -> None:
            super().__init__()
            self.table = table

    async def reading(self, work: Awaitable[T]) -> T | None:
        """Await a read of this table in a background worker; a failure goes to the app as
        WorkFailed (and this returns None) instead of ending the app."""
        try:
            return await work
        except Exception as exc:
            self.post_message(WorkFailed("reading a pane's rows", exc))
            return None

    def __init__(
        self,
        source: TableSource,
        columns: list[Column[Any]],
        query: Any,
        *,
        page_size: int = 100,
        empty_text: str = "No rows.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = columns
        self.empty_text = empty_text  # shown when the view has no rows at all
        self.pages = RowPages(source, query, page_size=page_size)
        self.marked: set[int] = set()
        self.selected_id: int | None = None
        self._style_cache: dict[str, Style] = {}
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)
        self.placed: list[Placed[Any]] = place_columns(columns, 0)  # laid out on resize
        self._row_width = row_width(self.placed) + GUTTER
        self.virtual_size = Size(self._row_width, 1)
        self._loading = False

    # -- data --------------------------------------------------------------------
    @property
    def query(self) -> Any:
        return self.pages.query

    @property
    def row_count(self) -> int:
        return self.pages.total if self.pages.total is not None else self.pages.loaded_rows

    @property
    def current_row(self) -> Row | None:
        return self.pages.row(self.cursor)

    def marked_or_current_ids(self) -> list[int]:
        if self.marked:
            return sorted(self.marked)
        row = self.current_row
        return [row.id] if row else []

    async def reload(self, query: Any | None = None) -> None:
        """(Re)read the view: the rows on screen first, then the count, then the margin."""
        await self.read_visible(query)
        await self.count_and_fill()

    async def read_visible(self, query: Any | None = None) -> None:
        """Forget the pages and read the rows on screen (the count is not awaited)."""
        keep_id = self.selected_id
        self.pages.invalidate(query)
        self._strips.clear()
        top = int(self.scroll_y)
        await self.pages.ensure(top, top + max(self.size.height - 1, 1))
        self._restore_cursor(keep_id)
        self._resize()
        self.refresh()
        self.post_message(self.Loaded(self))

    async def count_and_fill(self) -> None:
        """Count the view, then read the margin around the viewport.

        While a filter is being typed the count waits until the keys stop (COUNT_DELAY_S):
        a count can scan the whole table, and one per keystroke would queue behind each
        other and delay the next key's rows.
        """
        if getattr(self.pages.query, "text", ""):
            self._count_soon()
        else:
            self.workers.cancel_group(self, "vtable-count")  # a filter's pending count
            await self._count()
        self._request_pages()

    async def _count(self) -> None:
        await self.pages.count()
        self._resize()
        if self.cursor >= self.row_count:
            self.cursor = max(self.row_count - 1, 0)
        self.refresh()

    @work(exclusive=True, group="vtable-count")
    async def _count_soon(self) -> None:
        await asyncio.sleep(COUNT_DELAY_S)
        await self.reading(self._count())

    async def apply_changes(self, ids: Iterable[int]) -> None:
        """Repaint only the rows that changed (those on loaded pages)."""
        for index in await self.pages.refresh_rows(ids):
            self.refresh_line(index + 1)
        if self.cursor < self.row_count:
            self._post_highlight()

    def _restore_cursor(self, keep_id: int | None) -> None:
        if keep_id is not None:
            index = self.pages.index_of(keep_id)
            if index is not None:
                self.cursor = index
                return
        self.cursor = (
            min(self.cursor, max(self.pages.loaded_rows - 1, 0))
            if self.pages.total is None
            else self.cursor
        )

    def _style(self, component: str) -> Style:
        """A component class's rich style, computed once until the styles change."""
        style = self._style_cache.get(component)
        if style is None:
            style = self._style_cache[component] = self.get_component_rich_style(component)
        return style

    @property
    def _base_style(self) -> Style:
        style = self._style_cache.get("")
        if style is None:
            style = self._style_cache[""] = self.rich_style
        return style

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        self._strips.clear()
        super().notify_style_update()

    def _resize(self) -> None:
        self.virtual_size = Size(self._row_width, self.row_count + 1)

    def on_resize(self) -> None:
        """Lay the columns out for the new width: the most useful ones that fit."""
        # The vertical scrollbar's room is always kept, so the columns do not change when
        # the rows come to fill the height.
        width = self.size.width - self.styles.scrollbar_size_vertical - GUTTER
        placed = place_columns(self.columns, width)
        if placed != self.placed:
            self.placed = placed
            self._row_width = row_width(placed) + GUTTER
            self._strips.clear()
            self._resize()
            self.refresh()

    @property
    def shown_columns(self) -> list[Column[Any]]:
        """The columns on screen at the table's width, in their order."""
        return [p.column for p in self.placed]

    def _wanted_range(self) -> tuple[int, int]:
        top = int(self.scroll_y)
        visible = max(self.size.height - 1, 1)
        return max(top - MARGIN_ROWS, 0), top + visible + MARGIN_ROWS

    @work(exclusive=True, group="vtable-load")
    async def _load_visible(self) -> None:
        first, last = self._wanted_range()
        if await self.reading(self.pages.ensure(first, last)):
            self._strips.clear()
            self.refresh()
            self._post_highlight()

    def _request_pages(self) -> None:
        first, last = self._wanted_range()
        if self.pages.missing_pages(first, last) and self.is_mounted:
            self._load_visible()

    # -- rendering ---------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        strip = self._header_strip() if y == 0 else self._row_strip(scroll_y + y - 1)
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style)

    def _header_strip(self) -> Strip:
        key = ("header", self._row_width)
        if (cached := self._strips.get(key)) is not None:
            return cached
        style = self._style("vtable--header")
        text = " " * GUTTER + "".join(cells([p.column.label for p in self.placed], self.placed))
        strip = Strip([Segment(text, style)], len(text))
        self._strips[key] = strip
        return strip

    def _row_strip(self, index: int) -> Strip:
        if index == 0 and self.pages.total == 0:
            return self._empty_strip()
        if index >= self.row_count:
            return Strip.blank(self._row_width, self._base_style)
        row = self.pages.row(index)
        if row is None:
            self._request_pages()
            loading = self._style("vtable--loading")
            return Strip([Segment(fit("…", self._row_width), loading)], self._row_width)
        row_id = row.id
        is_cursor = index == self.cursor
        is_marked = row_id in self.marked
        key = (index, row_id, id(row), is_cursor, is_marked, self.has_focus)
        if (cached := self._strips.get(key)) is not None:
            return cached
        base = self._base_style
        if is_marked:
            base += self._style("vtable--marked")
        if is_cursor:
            base += self._style("vtable--cursor")
        segments = [Segment((MARK if is_marked else "").ljust(GUTTER), base)]
        texts = [p.column.text(row) for p in self.placed]
        for p, text in zip(self.placed, cells(texts, self.placed), strict=True):
            style: Style = base
            if p.column.style_class and (cls := p.column.style_class(row)) and not is_cursor:
                style = base + self._style(cls)
            segments.append(Segment(text, style))
        strip = Strip(segments, self._row_width)
        self._strips[key] = strip
        return strip

    def _empty_strip(self) -> Strip:
        """What an empty view says: why there is nothing, or that the filter matched none."""
        text = empty_text(self.pages.query, self.empty_text)
        style = self._style("vtable--muted")
        width = max(self._row_width, self.size.width - self.styles.scrollbar_size_vertical)
        return Strip([Segment(fit(" " + text, width), style)], width)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._request_pages()

    def on_focus(self) -> None:
        self.notify_style_update()  # the cursor's colours depend on :focus
        self.refresh()

    def on_blur(self) -> None:
        self.notify_style_update()
        self.refresh()

    # -- cursor ------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        row = self.pages.row(new)
        self.selected_id = row.id if row else self.selected_id
        self._scroll_into_view(new)
        self._post_highlight()

    def _post_highlight(self) -> None:
        self.post_message(self.Highlighted(self, self.current_row))

    def _scroll_into_view(self, index: int) -> None:
        visible = max(self.size.height - 1 - self.scrollbar_size_horizontal, 1)
        top = int(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + visible:
            self.scroll_to(y=index - visible + 1, animate=False, immediate=True)

    def _move(self, delta: int) -> None:
        if self.row_count:
            self.cursor = min(max(self.cursor + delta, 0), self.row_count - 1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-max(self.size.height - 2, 1))

    def action_page_down(self) -> None:
        self._move(max(self.size.height - 2, 1))

    def action_first(self) -> None:
        self._move(-self.cursor)

    def action_last(self) -> None:
        self._move(self.row_count)

    def action_toggle_mark(self) -> None:
        row = self.current_row
        if row is None:
            return
        row_id = row.id
        self.marked.symmetric_difference_update({row_id})
        self.refresh_line(self.cursor + 1)
        self._move(1)

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Selected(self, row))
