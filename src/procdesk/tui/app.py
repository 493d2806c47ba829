"""The procdesk dashboard: three live panes over the ledger.

`make_app` builds it from a `DashboardContext`; the CLI, the tests and the screenshot
script all use that factory.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Footer

from procdesk.tui.context import DashboardContext
from procdesk.tui.widgets.charges_pane import ChargesPane
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.tui.widgets.issues_pane import IssuesPane
from procdesk.tui.widgets.orders_pane import OrdersPane
from procdesk.tui.widgets.pane import Pane


class ProcdeskApp(App[None]):
    TITLE = "procdesk"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", id="app.focus_next"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.focus_previous"
        ),
        Binding("z", "toggle_maximize", "Maximise", id="app.maximize"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, context: DashboardContext) -> None:
        super().__init__()
        self.context = context
        self.dashboard = context.dashboard
        self.last_seq = 0
        self._poll_timer = None

    def compose(self) -> ComposeResult:
        sources = self.dashboard.sources
        yield HeaderBar(id="header")
        with Grid(id="panes"):
            yield OrdersPane(sources["orders"], id="orders")
            yield ChargesPane(sources["charges"], id="charges")
            yield IssuesPane(sources["issues"], id="issues")
        yield Footer()

    @property
    def panes(self) -> list[Pane]:
        return list(self.query(Pane))

    async def on_mount(self) -> None:
        if self.context.keymap:
            self.set_keymap(self.context.keymap)
        self.last_seq = await self.dashboard.last_seq()
        for pane in self.panes:
            await pane.table.reload()
            await pane.refresh_counts()
        await self.refresh_header()
        self.query_one("#orders", Pane).table.focus()
        for job in self.context.background:
            self.run_worker(job(), group="background", exit_on_error=False)
        self._schedule_poll()

    def on_resize(self) -> None:
        self.screen.set_class(self.size.width >= 160, "-wide")

    async def refresh_header(self) -> None:
        info = await self.dashboard.header(self.context.now())
        self.query_one(HeaderBar).show(info, self.context.now())

    # -- live updates: poll the change feed; one poll at a time (Dolphie's pattern) ----
    def _schedule_poll(self) -> None:
        self._poll_timer = self.set_timer(self.context.poll_interval, self._poll)

    async def _poll(self) -> None:
        try:
            await self.apply_feed()
        finally:
            self._schedule_poll()

    async def apply_feed(self) -> None:
        """Read the change feed once and repaint only what changed."""
        changes = await self.dashboard.changes_since(self.last_seq)
        if changes.seq == self.last_seq:
            return
        self.last_seq = changes.seq
        for pane in self.panes:
            ids = changes.ids.get(pane.TABLE)
            if not ids:
                continue
            before = pane.table.pages.total
            if before is not None and await pane.source.count(pane.table.query) != before:
                await pane.table.reload()  # rows came or went: re-read, keep the selection
            else:
                await pane.table.apply_changes(ids)
            await pane.refresh_counts()
        await self.refresh_header()

    # -- actions -----------------------------------------------------------------------
    def action_toggle_maximize(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
            return
        focused = self.focused
        pane = next(
            (p for p in self.panes if focused is not None and focused in p.walk_children()), None
        )
        if pane is not None:
            self.screen.maximize(pane)

    def action_help(self) -> None:
        from procdesk.tui.screens.help import HelpScreen, keys_table

        focused = self.focused
        pane = next(
            (p for p in self.panes if focused is not None and focused in p.walk_children()), None
        )
        self.push_screen(HelpScreen(pane, keys_table(self)))


def make_app(context: DashboardContext) -> ProcdeskApp:
    return ProcdeskApp(context)
