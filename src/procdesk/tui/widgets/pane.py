"""A dashboard pane: a bordered virtual table titled with its counts per status.

Each concrete pane (charges, orders, issues) says which columns it shows, which statuses
its number keys filter, and how its title counts are ordered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from procdesk.config.paths import exports_dir
from procdesk.services.dashboard.pane_source import PaneSource
from procdesk.services.display import plain as show
from procdesk.store.view_query import ViewQuery
from procdesk.tui.confirmations import Ask
from procdesk.tui.desk import Desk, desk
from procdesk.tui.export import ExportFormat, export_path, export_view
from procdesk.tui.formatting import counts_title
from procdesk.tui.messages import Outcome
from procdesk.tui.paging import Row
from procdesk.tui.widgets.columns import Column
from procdesk.tui.widgets.virtual_table import VirtualTable


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
    # what the filter box says it searches (Enter keeps the filter, Esc clears it)
    SEARCHED: ClassVar[str] = "any column"
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
        Binding("escape", "clear_filter", "Clear filter", show=False, id="pane.clear_filter"),
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

    def __init__(self, source: PaneSource, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        # The filter box: mounted by the first `/` (the first frame never shows it, and three
        # hidden inputs cost the first frame their styling and mounting).
        self.filter_box: Input | None = None
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
    async def action_filter(self) -> None:
        box = self.filter_box
        if box is None:
            box = self.filter_box = Input(
                placeholder=f"filter on {self.SEARCHED} — Enter keeps it, Esc clears it",
                classes="filter -active",
            )
            await self.mount(box, before=self.table)
        box.add_class("-active")
        box.value = self.table.query.text
        box.focus()

    async def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_worker(
            self.table.reading(self.set_query(replace(self.table.query, text=event.value))),
            exclusive=True,
            group=f"{self.TABLE}-filter",
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    @property
    def filtered(self) -> bool:
        """Whether a text or status filter narrows the view (Esc clears it)."""
        query: ViewQuery = self.table.query
        return bool(query.text or query.statuses) or self._box_shown

    @property
    def _box_shown(self) -> bool:
        return self.filter_box is not None and self.filter_box.has_class("-active")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filtered  # otherwise Esc is left to what else uses it
        return True

    async def action_clear_filter(self) -> None:
        """Esc: the text filter first (and its box); then a status filter."""
        box = self.filter_box
        query: ViewQuery = self.table.query
        if query.text or self._box_shown:
            self.workers.cancel_group(self, f"{self.TABLE}-filter")  # a keystroke's query
            if box is not None:
                box.remove_class("-active")
            self.table.focus()
            if box is not None:
                with box.prevent(Input.Changed):
                    box.value = ""
            await self.set_query(replace(query, text=""))
        elif query.statuses:
            await self.set_query(replace(query, statuses=()))

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
        """The view as it is filtered and sorted, to a new file in the exports folder."""
        chosen = ExportFormat(fmt)
        folder = exports_dir(self.desk.context.settings.user.exports)
        try:
            # the wall clock, not the ledger's: a demo's clock runs in its own year
            path = export_path(self.TABLE, chosen, datetime.now().astimezone(), folder)
        except OSError as exc:
            self.notify(
                f"Cannot write to {folder}: {exc.strerror or exc}. Set another folder with "
                "`procdesk config set user.exports DIR`.",
                title="Export failed",
                severity="error",
                markup=False,
            )
            return
        total, query = self.table.pages.total, self.table.query

        count = f"{total:,} rows" if total is not None else "the view"
        job = self.desk.activity.start(f"Exporting {count} to {path}", total)

        async def run() -> Outcome:
            try:
                rows = await export_view(self.source, query, path, chosen, on_page=job.advance_to)
            except OSError as exc:
                return Outcome(f"Could not write {path}: {exc.strerror or exc}", "error")
            return Outcome(f"Exported {rows:,} rows to {path}")

        self.desk.start_action("export", run(), job=job)
