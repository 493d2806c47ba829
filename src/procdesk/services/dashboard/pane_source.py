"""Where a dashboard pane reads its rows, from the first frame on.

A dashboard on a SQLite ledger that is at this code's revision shows its first frame before
the ledger's engine exists (`Ledger.later`): `start_first_read` reads the panes' first pages
with the standard library (`store.first_read`), and each pane's `PaneSource` hands its page
to the table once. Every other read goes to the ledger's view (`services.dashboard.reads`, with
SQLAlchemy), loaded and opened on first use, after the frame. Both paths give the same
records (Charge, OrderRow, Issue).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from procdesk.domain.records import Entity
from procdesk.store.first_read import FirstPage, FirstRead, read_first
from procdesk.store.ledger import Ledger
from procdesk.store.view_query import SortKey, ViewQuery, sort_key

if TYPE_CHECKING:
    from procdesk.services.dashboard.reads import LedgerTableSource
    from procdesk.store.views import TableView


@dataclass(frozen=True)
class _Held:
    query: ViewQuery
    limit: int
    rows: list[Entity]


class PaneSource:
    """One dashboard table's rows (implements tui.paging.TableSource)."""

    def __init__(self, ledger: Ledger, name: str) -> None:
        self.ledger = ledger
        self.name = name
        self._source: LedgerTableSource[Any] | None = None
        self._held: _Held | None = None

    def _ledger_source(self) -> LedgerTableSource[Any]:
        if self._source is None:
            from procdesk.services.dashboard.reads import LedgerTableSource
            from procdesk.store.views import VIEWS

            self._source = LedgerTableSource(self.ledger, VIEWS[self.name])
        return self._source

    @property
    def view(self) -> TableView[Any]:
        """The table's view in the ledger: its columns, for exports."""
        return self._ledger_source().view

    def hold_first_page(self, query: ViewQuery, limit: int, rows: list[Entity]) -> None:
        """Rows read before the engine opened: the answer to the next first-page read of
        this query, once (any later read goes to the ledger)."""
        self._held = _Held(query, limit, rows)

    async def page_after(self, query: ViewQuery, after: SortKey | None, limit: int) -> list[Entity]:
        held, self._held = self._held, None
        if held is not None and after is None and held.query == query and held.limit == limit:
            return held.rows
        return await self._ledger_source().page_after(query, after, limit)

    async def count(self, query: ViewQuery) -> int:
        return await self._ledger_source().count(query)

    async def page_at(self, query: ViewQuery, offset: int, limit: int) -> list[Entity]:
        return await self._ledger_source().page_at(query, offset, limit)

    async def rows_by_id(self, ids: list[int]) -> dict[int, Entity]:
        return await self._ledger_source().rows_by_id(ids)

    async def counts_by_status(self) -> dict[str, int]:
        return await self._ledger_source().counts_by_status()

    def sort_key(self, row: Entity, query: ViewQuery) -> SortKey:
        return sort_key(row, query)


def start_first_read(
    ledger: Ledger, first_pages: dict[str, tuple[ViewQuery, int]]
) -> Future[FirstRead | None] | None:
    """Start reading the first pages of the given views (query and row limit by view name)
    and the change feed's position with sqlite3, in a thread of its own, while `ledger` is
    not open yet; None when it is open already, is not SQLite, or a view is filtered. The
    read gives None when the file is not one to read this way. Either way the caller then
    reads through the ledger, which opens it the full way.

    A plain thread, not the event loop's: the dashboard starts it as it is built, before
    Textual starts (the read takes about as long as Textual's start to the screen's
    mount, and the first frame waits for both)."""
    path = ledger.sqlite_file
    if ledger.is_open or path is None:
        return None
    if not all(query.unfiltered for query, _ in first_pages.values()):
        return None
    pages = [
        FirstPage(name, query.sort, query.descending, limit)
        for name, (query, limit) in first_pages.items()
    ]
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="procdesk-first-read")
    try:
        return pool.submit(read_first, path, pages)
    finally:
        pool.shutdown(wait=False)  # the thread ends once the read is done
