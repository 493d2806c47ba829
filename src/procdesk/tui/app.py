"""The procdesk dashboard: three live panes over the ledger.

`make_app` builds it from a `wiring.Context` (what it shows) and `DashboardOptions` (how it
runs); the CLI, the demo, the tests and the screenshot script all use that factory.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from procdesk.config import prepare_private_file
from procdesk.services.dashboard.liveness import LIVENESS_REFRESH_S
from procdesk.services.dashboard.pane_source import PaneSource, start_first_read
from procdesk.services.outage import OutageWatch, is_ledger_outage
from procdesk.store.ledger import LedgerError
from procdesk.tui import probe
from procdesk.tui.action_results import ActionResults
from procdesk.tui.live_feed import LiveFeed
from procdesk.tui.messages import ActionDone, ActionFailed, Outcome, WorkFailed
from procdesk.tui.navigation import Navigation
from procdesk.tui.options import DashboardOptions
from procdesk.tui.palette import PALETTE_PROVIDERS
from procdesk.tui.pane_focus import PaneFocus
from procdesk.tui.quitting import Quitting
from procdesk.tui.widgets.activity import Activity, Job
from procdesk.tui.widgets.charges_pane import ChargesPane
from procdesk.tui.widgets.header_bar import HeaderBar
from procdesk.tui.widgets.issues_pane import IssuesPane
from procdesk.tui.widgets.key_footer import KeyFooter
from procdesk.tui.widgets.orders_pane import OrdersPane
from procdesk.tui.widgets.pane import Pane
from procdesk.tui.widgets.pane_grid import PaneGrid, first_layout
from procdesk.wiring import Context

if TYPE_CHECKING:  # loaded after the first frame, or on first use
    from procdesk.services.dashboard.feed import FeedWaker
    from procdesk.services.dashboard.reads import DashboardService
    from procdesk.store.view_query import ViewQuery

log = logging.getLogger("procdesk.tui")


class ProcdeskApp(Navigation, PaneFocus, Quitting, LiveFeed, ActionResults):
    TITLE = "procdesk"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ALLOW_IN_MAXIMIZED_VIEW = "Footer, KeyFooter"  # a maximised pane keeps the footer's keys
    COMMANDS = App.COMMANDS | PALETTE_PROVIDERS
    BINDINGS = [
        # (priority: the screen's own Tab would visit every focusable widget, filter boxes too)
        Binding("tab", "next_pane(1)", "Next pane", show=False, id="app.focus_next", priority=True),
        Binding(
            "shift+tab",
            "next_pane(-1)",
            "Previous pane",
            show=False,
            id="app.focus_previous",
            priority=True,
        ),
        Binding("s", "sync_now", "Sync now", id="app.sync_now"),
        Binding("z", "toggle_maximize", "Maximise", id="app.maximize"),
        Binding("c", "open_admin('connections')", "Connections", id="app.connections"),
        Binding("b", "open_admin('mappings')", "Billing codes", id="app.billing_codes"),
        Binding("V", "open_admin('vendors')", "Vendors", id="app.vendors"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("g", "demo_guide", "Demo guide", id="app.demo_guide"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, context: Context, options: DashboardOptions) -> None:
        super().__init__()
        self.context = context
        self.options = options
        self._dashboard: DashboardService | None = None
        self.last_seq = 0
        self._poll_timer: Timer | None = None
        self.feed_waker: FeedWaker | None = None  # PostgreSQL: LISTEN/NOTIFY, no polling
        self._feed_task: asyncio.Task[None] | None = None
        self.notified_refreshes = 0  # change-feed reads started by a notification
        self._feed_lock = asyncio.Lock()
        self._quitting = False
        self._log_handler: logging.Handler | None = None
        ledger = context.ledger
        self._panes: list[Pane] = [
            OrdersPane(PaneSource(ledger, "orders"), id="orders"),
            ChargesPane(PaneSource(ledger, "charges"), id="charges"),
            IssuesPane(PaneSource(ledger, "issues"), id="issues"),
        ]
        # The first pages are read (in a thread) from now on, while Textual starts, mounts
        # and styles the screen.
        self._first_rows = start_first_read(ledger, _first_pages(self._panes))
        # Whether the ledger answers, as this dashboard last found it (header; one log line
        # per change; never an issue: the ledger cannot be written while it is gone).
        self.ledger_watch = OutageWatch("dashboard", clock=context.clock)

    @property
    def dashboard(self) -> DashboardService:
        """The ledger's reads (SQLAlchemy): built on first use, after the first frame."""
        if self._dashboard is None:
            self._dashboard = self.context.dashboard()
        return self._dashboard

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header")
        with PaneGrid(id="panes", classes=first_layout(self.size)):
            yield from self._panes
        yield Activity()
        yield KeyFooter()

    def get_default_screen(self) -> Screen[None]:
        return probe.BatchAwareScreen(id="_default")

    @property
    def panes(self) -> list[Pane]:
        """The dashboard's panes, wherever the focus is (a modal screen may be on top)."""
        return list(self.screen_stack[0].query(Pane)) if self.screen_stack else []

    async def on_mount(self) -> None:
        self._start_log()
        if self.options.keymap:
            self.set_keymap(self.options.keymap)
        # Now, not a turn later as `focus()` would: the screen would first focus the filter
        # box and the first frame would show that box's footer keys.
        self.screen.set_focus(self.query_one("#orders", Pane).table)
        # The first frame waits for this Mount (Textual batches it), so only the rows on
        # screen are read here, the three panes side by side; counts, titles and the
        # header come in a worker after the first frame.
        await self.guarded("dashboard start", self._read_first_rows())
        first_frame = asyncio.Event()
        self.call_after_refresh(first_frame.set)
        self.run_worker(self._after_first_frame(first_frame), group="startup", exit_on_error=False)
        # The in-process workers (their services load with them) start once the first
        # frame is on screen: nothing they do is needed to show it.
        self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        if self._quitting:
            return
        for job in self.options.background:
            name = getattr(job, "__name__", "background job")
            self.run_worker(self.guarded(name, job()), group="background", exit_on_error=False)

    async def _read_first_rows(self) -> None:
        """On a SQLite ledger not opened yet, the rows come from `store.first_read` (started
        as the app was built)."""
        panes = self.panes
        first = None if self._first_rows is None else await asyncio.wrap_future(self._first_rows)
        if first is None:
            self.last_seq = await self.dashboard.last_seq()
        else:
            self.last_seq = first.last_seq
            for pane in panes:
                table = pane.table
                pane.source.hold_first_page(
                    table.query, table.pages.page_size, first.pages[pane.TABLE]
                )
        await asyncio.gather(*(pane.table.read_visible() for pane in panes))

    async def _after_first_frame(self, shown: asyncio.Event) -> None:
        await shown.wait()  # (opening the ledger and loading SQLAlchemy would delay it)
        if self.options.owns_process:
            gc.enable()  # (`procdesk` pauses the collector until the first frame is shown)
        try:  # a ledger opened after the first frame (Ledger.later): SQLAlchemy loads here
            await self.context.ledger.ensure_open()
        except LedgerError as exc:  # changed since the first read: as if it failed to open
            self.exit(return_code=1, message=str(exc))
            return
        await self.guarded("dashboard start", self._count_views())
        if self.options.owns_process:
            # Everything built so far lives as long as the process: keep it out of the
            # collector's generations, so a full collection does not walk it mid-frame.
            gc.freeze()
        # A worker that dies writes no event: re-read liveness on the clock as well.
        self.set_interval(LIVENESS_REFRESH_S, self._refresh_liveness)
        await self.start_feed()

    async def _count_views(self) -> None:
        await asyncio.gather(*(pane.table.count_and_fill() for pane in self.panes))
        await asyncio.gather(*(pane.refresh_counts() for pane in self.panes), self.refresh_header())

    def _header_bar(self) -> HeaderBar | None:
        """The dashboard's header; None while the app closes (its screen is popped, or its
        widgets already removed) and work that finishes then has nowhere to show."""
        return self.screen_stack[0].query_one_optional(HeaderBar) if self.screen_stack else None

    async def refresh_header(self) -> None:
        info = await self.dashboard.header(self.context.clock())
        header = self._header_bar()
        if header is not None:
            header.show(info, self.context.clock())

    async def _refresh_liveness(self) -> None:
        await self.guarded("header", self.refresh_header())

    def _show_ledger_state(self) -> None:
        header = self._header_bar()
        if header is not None:
            header.show_ledger(self.ledger_watch.down_since, self.context.clock())

    # -- logging -----------------------------------------------------------------------
    def _start_log(self) -> None:
        if self.options.log_path is None:
            return
        handler = logging.FileHandler(prepare_private_file(self.options.log_path), encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        logging.getLogger("procdesk").addHandler(handler)
        logging.getLogger("procdesk").setLevel(logging.INFO)
        self._log_handler = handler

    def on_unmount(self) -> None:
        if self._feed_task is not None:
            self._feed_task.cancel()
        if self._first_rows is not None:  # the app ended before its Mount read them
            self._first_rows.cancel()  # (if it has not started: a running read finishes)
        if self._log_handler is not None:
            logging.getLogger("procdesk").removeHandler(self._log_handler)
            self._log_handler.close()
            self._log_handler = None

    # -- work in the background: never a traceback on screen ----------------------------
    async def guarded(self, label: str, work: Awaitable[Any]) -> Any:
        """Await `work`; an unexpected exception is logged, becomes an INTERNAL_ERROR issue
        and a notification (ActionFailed)."""
        try:
            result = await work
        except Exception as exc:
            await self.failed(label, exc)
            return None
        if self.ledger_watch.back():  # the ledger answers again: catch up on what changed
            self._show_ledger_state()
            self.run_worker(self.guarded("change feed", self.apply_feed()), exit_on_error=False)
        return result

    async def failed(self, label: str, exc: Exception) -> None:
        """A lost ledger is said in the header (it recovers by itself); anything else is
        logged, recorded as an INTERNAL_ERROR issue and notified, never a traceback."""
        from procdesk.services.dashboard.internal_errors import describe, record_internal_error

        if is_ledger_outage(exc):
            self.ledger_watch.lost(exc)
            self._show_ledger_state()
            return
        log.error("%s failed", label, exc_info=exc)
        try:
            await record_internal_error(
                self.context.ledger,
                actor=self.context.actor,
                where=label,
                exc=exc,
                now=self.context.clock(),
            )
        except Exception:
            log.exception("could not record the failure of %s as an issue", label)
        self.post_message(ActionFailed(label, describe(exc)))

    async def on_work_failed(self, message: WorkFailed) -> None:
        await self.failed(message.where, message.error)

    def start_action(
        self,
        label: str,
        work: Coroutine[Any, Any, Outcome],
        *,
        progress: str | None = None,
        job: Job | None = None,
    ) -> None:
        """Run an action in a worker; its Outcome comes back as an ActionDone message.

        `progress` names the work in the activity tray (an indeterminate bar) while it
        runs; an action that can say how far it is passes its own `job` instead."""
        if job is None and progress:
            job = self.activity.start(progress)

        async def run() -> None:
            try:
                outcome = await self.guarded(label, work)
            finally:
                if job is not None:
                    self.activity.finish(job)
            if outcome is not None:
                self.post_message(ActionDone(label, outcome))

        self.run_worker(run(), group="actions", exit_on_error=False)

    @property
    def activity(self) -> Activity:
        return self.screen_stack[0].query_one(Activity)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The admin keys work from the dashboard itself, not on top of another screen; the
        demo guide exists only in `procdesk demo`."""
        if action == "open_admin":
            return len(self.screen_stack) <= 1
        return not (action == "demo_guide" and self.options.guide is None)

    # -- actions -----------------------------------------------------------------------
    def action_sync_now(self) -> None:
        sync_now: Callable[[], Awaitable[object]] | None = self.options.sync_now
        if sync_now is None:
            self.notify(
                "No workers run inside this dashboard; start `procdesk worker` to sync.",
                severity="warning",
            )
            return

        async def run() -> Outcome:
            report = await sync_now()
            return Outcome(f"Sync cycle done{_counts(report)}")

        self.start_action("sync now", run(), progress="Syncing now …")

    def action_demo_guide(self) -> None:
        from procdesk.tui.screens.demo_guide import DemoGuideScreen

        if self.options.guide is not None:
            self.push_screen(DemoGuideScreen(self.options.guide))

    def action_help(self) -> None:
        from procdesk.tui.screens.help import HelpScreen, keys_table

        self.push_screen(HelpScreen(self.focused_pane, keys_table(self)))


def _first_pages(panes: list[Pane]) -> dict[str, tuple[ViewQuery, int]]:
    """Each pane's first page as its table asks for it: the query and the page's size."""
    return {pane.TABLE: (pane.table.query, pane.table.pages.page_size) for pane in panes}


def _counts(report: object) -> str:
    if isinstance(report, Mapping) and report:
        return ": " + ", ".join(f"{k} {v}" for k, v in sorted(report.items()) if v)
    return ""


def make_app(context: Context, options: DashboardOptions | None = None) -> ProcdeskApp:
    options = options or DashboardOptions()
    if options.owns_process:
        # Modules, settings and the ledger's engine are loaded by now and live as long as
        # the process: freezing them means the collections during start-up do not walk them
        # (they made the first frame's compositing about five times slower). Only when the
        # app is the whole process: frozen objects are never collected, so a process that
        # builds many apps (the tests) would keep every one of them.
        gc.freeze()
    return ProcdeskApp(context, options)
