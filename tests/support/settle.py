"""The one way tests wait for the dashboard: `settle`.

It waits for states, never for a length of time: every worker finished, every message
handled, the active screen laid out, painted and its tables measured
(`procdesk.tui.probe.pending_work`). A loaded machine only makes it take longer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled

from procdesk.tui import probe

# Each round lets the app run; a round with nothing left to do ends the wait. The cap only
# turns an app that never settles (a widget that keeps posting work) into a failure that
# says what it was still doing, instead of a hang.
MAX_ROUNDS = 500


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let everything the app has started finish and show: wait for its workers, let every
    message be handled (handlers start more work: wait again), until a round finds nothing
    running and nothing pending.

    Every worker is waited for, so an app with one that never ends (the in-process workers
    of `procdesk`, the demo's scenario) cannot be settled; no test runs one."""
    for _round in range(MAX_ROUNDS):
        await pilot.pause()
        running = [worker for worker in app.workers if not worker.is_finished]
        if running:
            await _finished(running)
            continue
        if not probe.pending_work(app):
            return
    still = "; ".join(probe.pending_work(app)) or "workers running"
    raise AssertionError(f"the app did not settle in {MAX_ROUNDS} rounds: {still}")


async def _finished(workers: Sequence[Worker[Any]]) -> None:
    for worker in workers:
        # An exclusive worker replaced by a newer one is cancelled: nothing to wait for.
        with suppress(WorkerCancelled):
            await worker.wait()


async def until(condition: Callable[[], bool], what: str, deadline_s: float = 60) -> None:
    """Wait for `condition` (checked every 0.1 s), failing with `what` after `deadline_s`:
    for what a test waits on outside a dashboard (another process, a header's words)."""
    give_up = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > give_up:
            raise AssertionError(f"gave up waiting for: {what}")
        await asyncio.sleep(0.1)
