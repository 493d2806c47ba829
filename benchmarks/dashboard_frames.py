"""Frames on screen, for the dashboard benchmarks: the time from an input to the first frame
that shows its effect (see `Frames`), and the condition of the dashboard's first full frame."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

SIZE = (200, 60)  # the terminal every dashboard measurement runs in


class Frames:
    """Times from an input to the first frame that shows its effect.

    Every frame the app composes is also encoded for the terminal, as a real driver would
    (the headless driver skips that step), then checked against the conditions waited on.
    Keys go in through the driver's message path, as a terminal's keys do; no test pilot
    sits in between (its idle waits cost ~20 ms per key and would swamp a 16 ms target).
    """

    def __init__(self, app: Any) -> None:
        from procdesk.tui import probe

        self.app = app
        self.waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        self.count = 0

        def shown(screen: Any) -> None:  # (a frame composed inside a batch is never shown)
            self.count += 1
            now = time.perf_counter()
            for condition, future in self.waiters:
                if not future.done() and condition():
                    future.set_result(now)

        probe.watch_frames(app, shown, encode=True)

    def expect(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters.append((condition, future))
        return future

    async def wait(self, future: asyncio.Future[float]) -> float:
        async with asyncio.timeout(30):
            shown = await future
        self.waiters = [(c, f) for c, f in self.waiters if f is not future]
        return shown

    async def key(self, key: str, condition: Callable[[], bool]) -> float:
        from procdesk.tui import probe

        char = key if len(key) == 1 else {"slash": "/", "escape": "\x1b"}.get(key)
        future = self.expect(condition)
        started = time.perf_counter()
        probe.send_key(self.app, key, char)
        return await self.wait(future) - started


def full_frame(app: Any) -> bool:
    """The dashboard's first full frame: all three panes show rows."""
    from procdesk.tui.widgets.pane import Pane

    panes = list(app.query(Pane)) if app.screen_stack else []
    return len(panes) == 3 and all(p.table.pages.loaded_rows for p in panes)
