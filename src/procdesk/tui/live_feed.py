"""Keeping the dashboard current: read the ledger's change feed and repaint only the rows
that changed. On SQLite the feed is polled, one poll at a time (Dolphie's pattern); on
PostgreSQL a LISTEN/NOTIFY waker says when to read it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.timer import Timer

from procdesk.tui.options import DashboardOptions
from procdesk.tui.widgets.pane import Pane
from procdesk.wiring import Context

if TYPE_CHECKING:  # loaded after the first frame
    from procdesk.services.dashboard.feed import FeedWaker
    from procdesk.services.dashboard.reads import DashboardService


class LiveFeed(App[None]):
    """The change feed; `ProcdeskApp` owns its state and supplies the panes, the header
    and `guarded`."""

    context: Context
    options: DashboardOptions
    last_seq: int
    feed_waker: FeedWaker | None
    notified_refreshes: int
    _poll_timer: Timer | None
    _feed_task: asyncio.Task[None] | None
    _feed_lock: asyncio.Lock

    @property
    def dashboard(self) -> DashboardService:
        raise NotImplementedError

    @property
    def panes(self) -> list[Pane]:
        raise NotImplementedError

    async def refresh_header(self) -> None:
        raise NotImplementedError

    async def guarded(self, label: str, work: Awaitable[Any]) -> Any:
        raise NotImplementedError

    async def start_feed(self) -> None:
        """Follow the feed from now on: notifications where the ledger sends them, else
        the poll timer."""
        from procdesk.services.dashboard.feed import feed_waker

        self.feed_waker = feed_waker(self.context.ledger)
        if self.feed_waker is None:
            self._schedule_poll()
        else:
            await self.feed_waker.start()
            # A plain task, not a Textual worker: it never completes, and callers (tests,
            # actions) wait for the workers to finish.
            self._feed_task = asyncio.create_task(self._follow_notifications(self.feed_waker))

    def _schedule_poll(self) -> None:
        self._poll_timer = self.set_timer(self.options.poll_interval, self._poll)

    async def _poll(self) -> None:
        try:
            await self.guarded("change feed", self.apply_feed())
        finally:
            if self.is_running:
                self._schedule_poll()

    async def _follow_notifications(self, waker: FeedWaker) -> None:
        try:
            while True:
                await waker.wait()
                self.notified_refreshes += 1
                await self.guarded("change feed", self.apply_feed())
        finally:
            await waker.close()

    async def apply_feed(self) -> None:
        """Read the change feed once and repaint only what changed.

        Serialised: a notification, the poll timer and an action may all ask at once, and a
        second reader must wait for the first one's repaint rather than skip it."""
        async with self._feed_lock:
            await self._apply_feed()

    async def _apply_feed(self) -> None:
        changes = await self.dashboard.changes_since(self.last_seq)
        if changes.seq == self.last_seq:
            # The header also follows the clock (token lifetimes) and the workers' cycles.
            await self.refresh_header()
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
