"""A dashboard pane: a bordered virtual table titled with its counts per status.

Each concrete pane (charges, orders, issues) says which columns it shows, which statuses
its number keys filter, and how its title counts are ordered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from procdesk.services.dashboard.reads import LedgerTableSource
from procdesk.services.display import plain as show
from procdesk.store.views import ViewQuery
from procdesk.tui.confirmations import Ask
from procdesk.tui.desk import Desk, desk
from procdesk.tui.export import ExportFormat, export_path, export_view
from procdesk.tui.formatting import counts_title
from procdesk.tui.messages import Outcome
from procdesk.tui.paging import Row
from procdesk.tui.widgets.virtual_table import Column, VirtualTable


class Pane(Vertical, can_focus=False):
    """Base class: subclasses set TITLE, COLUMNS, STATUS_ORDER, STATUS_TABLE, SORTS."""

    TITLE: ClassVar[str] = ""
    TABLE: ClassVar[str] = ""
    COLUMNS: ClassVar[list[Column[Any]]] = []
    STATUS_ORDER: ClassVar[list[str]] = []
    STATUS_TABLE: ClassVar[dict[str, tuple[str, str, str]] | None] = None
    SORTS: ClassVar[list[tuple[str, bool]]] = [("id", False)]
    HELP: ClassVar[str] = ""
    EMPTY: ClassVar[str] = "No rows."  # what an empty pane says (how rows get here)
    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    Pane {
        border: round $secondary;
        border-title-color: $text;
        height: 1fr;
    }
    Pane:focus-within { border: round $primary; }
    Pane > Input.filter { display: none; height: 1; border: none; padding: 0 1; }
    Pane > Input.filter.-active { display: block; }
    Pane > VirtualTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="pane.filter"),
        Binding("o", "cycle_sort", "Sort", id="pane.sort"),
        Binding("y", "copy_row", "Copy row", id="pane.copy_row"),
        Binding("Y", "copy_cell", "Copy cell", show=False, id="pane.copy_cell"),
        Binding("e", "export('csv')", "Export CSV", show=False, id="pane.export_csv"),
        Binding("E", "export('json')", "Export JSON", show=False, id="pane.export_json"),
        Binding("0", "status_filter(0)", "All", show=False, id="pane.status_all"),
        *[
            Binding(str(n), f"status_filter({n})", f"Status {n}", show=False, id=f"pane.status_{n}")
            for n in range(1, 10)
        ],
    ]

    def __init__(self, source: LedgerTableSource[Any], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self._sort_index = 0
        self.counts: dict[str, int] = {}
        sort, descending = self.SORTS[0]
        self.table = VirtualTable(
            source,
            self.COLUMNS,
            ViewQuery(sort=sort, descending=descending),
            empty_text=self.EMPTY,
        )

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="filter: ids, quote, company, SKU, error text — Esc clears",
            classes="filter",
        )
        yield self.table

    async def refresh_counts(self) -> None:
        self.counts = await self.source.counts_by_status()
        self._update_title()

    def _update_title(self) -> None:
        query: ViewQuery = self.table.query
        title = counts_title(self.TITLE, self.counts, self.STATUS_TABLE, self.STATUS_ORDER)
        extras = []
        if query.statuses:
            extras.append("only " + ",".join(query.statuses))
        if query.text:
            extras.append(f"/{query.text}")
        self.border_title = title
        sort_dir = "↓" if query.descending else "↑"
        self.border_subtitle = " ".join([*extras, f"sort {query.sort}{sort_dir}"])

    async def set_query(self, query: ViewQuery) -> None:
        await self.table.reload(query)
        self._update_title()

    # -- actions -------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one(Input)
        box.add_class("-active")
        box.value = self.table.query.text
        box.focus()

    async def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_worker(
            self.set_query(replace(self.table.query, text=event.value)),
            exclusive=True,
            group=f"{self.TABLE}-filter",
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    async def on_key(self, event: object) -> None:
        key = getattr(event, "key", None)
        box = self.query_one(Input)
        if key == "escape" and box.has_focus:
            box.value = ""
            box.remove_class("-active")
            self.table.focus()

    async def action_cycle_sort(self) -> None:
        self._sort_index = (self._sort_index + 1) % len(self.SORTS)
        sort, descending = self.SORTS[self._sort_index]
        await self.set_query(replace(self.table.query, sort=sort, descending=descending))

    async def action_status_filter(self, n: int) -> None:
        statuses: tuple[str, ...] = ()
        if 0 < n <= len(self.STATUS_ORDER):
            statuses = (self.STATUS_ORDER[n - 1],)
        await self.set_query(replace(self.table.query, statuses=statuses))

    # -- row actions shared by every pane -------------------------------------------
    @property
    def desk(self) -> Desk:
        return desk(self)

    def take_ids(self) -> list[int]:
        """The marked rows, or the row under the cursor; the marks are used up."""
        ids = self.table.marked_or_current_ids()
        if not ids:
            self.notify("No row here.", severity="warning")
        if self.table.marked:
            self.table.marked.clear()
            self.table.refresh()
        return ids

    def ask_then(self, label: str, ask: Ask) -> None:
        """Ask (one of `confirmations`) about the marked rows, or the row under the cursor;
        the marks are used up only when the person says yes."""
        ids = self.table.marked_or_current_ids()
        if not ids:
            self.notify("No row here.", severity="warning")
            return

        def used_up() -> None:
            self.table.marked.clear()
            self.table.refresh()

        self.desk.start_action(label, ask(self, ids, used_up))

    def current(self) -> Row | None:
        row = self.table.current_row
        if row is None:
            self.notify("No row here.", severity="warning")
        return row

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.open_detail(event.row.id)

    def open_detail(self, row_id: int) -> None:
        self.desk.open_detail(self.TABLE, row_id)

    def row_cells(self, row: Row) -> list[tuple[str, str]]:
        return [(column.label, show(getattr(row, column.key, None))) for column in self.COLUMNS]

    def action_copy_row(self) -> None:
        if (row := self.current()) is None:
            return
        self.app.copy_to_clipboard("\t".join(value for _, value in self.row_cells(row)))
        self.notify(f"Copied row {row.id} (tab-separated)")

    def action_copy_cell(self) -> None:
        from procdesk.tui.screens.cell_picker import CellPickerScreen

        if (row := self.current()) is None:
            return

        def copy(value: str | None) -> None:
            if value is not None:
                self.app.copy_to_clipboard(value)
                self.notify(f"Copied {len(value)} characters")

        self.app.push_screen(CellPickerScreen(self.row_cells(row)), copy)

    def action_export(self, fmt: str) -> None:
        chosen = ExportFormat(fmt)
        path = export_path(self.TABLE, chosen, self.desk.context.clock())
        total, query = self.table.pages.total, self.table.query

        count = f"{total:,} rows" if total is not None else "the view"
        job = self.desk.activity.start(f"Exporting {count} to {path}", total)

        async def run() -> Outcome:
            rows = await export_view(self.source, query, path, chosen, on_page=job.advance_to)
            return Outcome(f"Exported {rows:,} rows to {path}")

        self.desk.start_action("export", run(), job=job)
