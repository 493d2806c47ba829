"""The row model behind a virtual table: a few pages of rows around the viewport.

Pages are fixed-size slices of the current view. A page that follows a loaded page is read
by keyset (cheap at any depth); a page reached by a jump is read by offset. At most
`max_pages` pages are kept, so memory does not grow with the ledger.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from procdesk.domain.records import Entity

Row = Entity  # a record of the table's model (Charge, Order, Issue)


class TableSource(Protocol):
    """What a dashboard table reads from (implemented by services.dashboard)."""

    async def count(self, query: Any) -> int: ...

    async def page_after(
        self, query: Any, after: tuple[Any, int] | None, limit: int
    ) -> list[Row]: ...

    async def page_at(self, query: Any, offset: int, limit: int) -> list[Row]: ...

    async def rows_by_id(self, ids: list[int]) -> dict[int, Row]: ...

    def sort_key(self, row: Row, query: Any) -> tuple[Any, int]: ...


@dataclass
class PageStats:
    keyset_reads: int = 0
    offset_reads: int = 0


class RowPages:
    """Rows of one view, by absolute index, loaded a page at a time."""

    def __init__(
        self, source: TableSource, query: Any, *, page_size: int = 100, max_pages: int = 12
    ) -> None:
        self.source = source
        self.query = query
        self.page_size = page_size
        self.max_pages = max_pages
        self.total: int | None = None  # unknown until counted
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._id_index: dict[int, int] = {}  # row id -> absolute index, for loaded rows
        self.stats = PageStats()

    # -- reading -----------------------------------------------------------------
    def row(self, index: int) -> Row | None:
        page = self._pages.get(index // self.page_size)
        if page is None:
            return None
        offset = index % self.page_size
        return page[offset] if offset < len(page) else None

    def index_of(self, row_id: int) -> int | None:
        return self._id_index.get(row_id)

    def missing_pages(self, first: int, last: int) -> list[int]:
        """Pages covering rows first..last (inclusive) that are not loaded."""
        if last < first:
            return []
        if self.total is not None:
            last = min(last, self.total - 1)
        return [
            p
            for p in range(first // self.page_size, last // self.page_size + 1)
            if p not in self._pages and p >= 0
        ]

    @property
    def loaded_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- loading -----------------------------------------------------------------
    async def count(self) -> int:
        """Count the view; a count that finishes after the query changed is dropped."""
        query = self.query
        total = await self.source.count(query)
        if query == self.query:
            self.total = total
        return total

    async def load(self, page_number: int) -> list[Row]:
        previous = self._pages.get(page_number - 1)
        if page_number == 0:
            rows = await self.source.page_after(self.query, None, self.page_size)
            self.stats.keyset_reads += 1
        elif previous is not None and len(previous) == self.page_size:
            after = self.source.sort_key(previous[-1], self.query)
            rows = await self.source.page_after(self.query, after, self.page_size)
            self.stats.keyset_reads += 1
        else:
            rows = await self.source.page_at(
                self.query, page_number * self.page_size, self.page_size
            )
            self.stats.offset_reads += 1
        self._store(page_number, rows)
        return rows

    async def ensure(self, first: int, last: int) -> list[int]:
        """Load the pages covering first..last; returns the page numbers loaded."""
        loaded = []
        for page_number in self.missing_pages(first, last):
            await self.load(page_number)
            loaded.append(page_number)
        return loaded

    def _store(self, page_number: int, rows: list[Row]) -> None:
        self._pages[page_number] = rows
        self._pages.move_to_end(page_number)
        base = page_number * self.page_size
        for offset, row in enumerate(rows):
            self._id_index[row.id] = base + offset
        while len(self._pages) > self.max_pages:
            evicted_number, evicted = self._pages.popitem(last=False)
            for row in evicted:
                index = self._id_index.get(row.id)
                if index is not None and index // self.page_size == evicted_number:
                    del self._id_index[row.id]

    # -- live updates ------------------------------------------------------------
    async def refresh_rows(self, ids: Iterable[int]) -> list[int]:
        """Re-read changed rows that are on loaded pages; returns their indexes."""
        wanted = [i for i in ids if i in self._id_index]
        if not wanted:
            return []
        fresh = await self.source.rows_by_id(wanted)
        changed: list[int] = []
        for row_id in wanted:
            index = self._id_index[row_id]
            page = self._pages.get(index // self.page_size)
            if page is None:
                continue
            if row_id in fresh:
                page[index % self.page_size] = fresh[row_id]
            changed.append(index)
        return changed

    def invalidate(self, query: Any | None = None) -> None:
        """Forget every page (a new filter or sort, or rows came and went).

        A new order of the same rows keeps the count, so the table keeps its size and
        scrollbar instead of shrinking to the first page and growing back."""
        same_rows = query is not None and _same_rows(self.query, query)
        if query is not None:
            self.query = query
        self._pages.clear()
        self._id_index.clear()
        if not same_rows:
            self.total = None


def _same_rows(old: Any, new: Any) -> bool:
    """True when two view queries differ only in their sort."""
    fields = ("statuses", "text", "extra")
    return all(getattr(old, f, None) == getattr(new, f, None) for f in fields)
