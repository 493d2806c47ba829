"""The dashboard's way out: stop the in-process workers, the change feed and the
start-up reads first, then leave, so whoever opened the ledger can close it (and the demo
remove its folder) with nothing still writing to it."""

from __future__ import annotations

import asyncio
import logging

from textual.app import App
from textual.timer import Timer

log = logging.getLogger("procdesk.tui")

STOPPED_WITH_APP = ("background", "startup", "actions")  # worker groups cancelled on quit


class Quitting(App[None]):
    """Quitting; `ProcdeskApp` owns the timer and the feed task it stops."""

    _quitting: bool
    _poll_timer: Timer | None
    _feed_task: asyncio.Task[None] | None

    async def action_quit(self) -> None:
        """The stopping runs beside the message loop, which keeps serving the workers'
        exits while they clean up."""
        if not self._quitting:
            self._quitting = True
            self.run_worker(self._stop_then_exit(), group="quit", exit_on_error=False)

    async def _stop_then_exit(self) -> None:
        try:
            await self.stop_background()
        finally:
            self.exit()

    async def stop_background(self, timeout_s: float = 15.0) -> None:
        """Cancel the background jobs and start-up reads and wait (bounded) until each has
        run its clean-up (a worker marks itself stopped in the ledger); never raises."""
        if self._poll_timer is not None:
            self._poll_timer.stop()
        if self._feed_task is not None:
            self._feed_task.cancel()
        jobs = [w for w in self.workers if w.group in STOPPED_WITH_APP and not w.is_finished]
        for job in jobs:
            job.cancel()
        waits = [asyncio.ensure_future(job.wait()) for job in jobs]
        if not waits:
            return
        done, late = await asyncio.wait(waits, timeout=timeout_s)
        for future in late:
            future.cancel()
        for future in done:
            if not future.cancelled() and future.exception() is not None:
                log.debug("a background job ended while quitting: %s", future.exception())
        if late:
            log.warning("%d background job(s) did not stop within %ss", len(late), timeout_s)
