"""The terminal of a start-up measurement: `startup_child.py` names `FirstFrameDriver` in
TEXTUAL_DRIVER (Textual's own setting for the driver an app runs on), so the app under
measurement runs exactly as a user starts it (`procdesk --no-workers`, or the floor's
`App.run()`), on a headless terminal of the benchmarks' size.

Every frame is encoded for the terminal as a real driver would (`Frames`). At the first
frame that shows what STARTUP_FRAME (an environment variable) waits for, the driver notes
the time and what the process holds, and the app is asked to exit once its work after the
frame is done. The child reads `RESULT` when the app has returned. Textual imports this
module when the app starts running, so nothing of it is loaded before then.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from typing import Any

from dashboard_frames import SIZE, Frames, full_frame
from textual.drivers.headless_driver import HeadlessDriver

# `startup_child` reads these once the app has returned.
RESULT: dict[str, Any] = {}
CREATED: list[float] = []  # when the app started running (it makes its driver then)


def built_records() -> int:
    """The ledger's record models whose validators exist (built on first validation)."""
    from procdesk.domain.records import Record

    def below(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *below(sub))]

    return len({c for c in below(Record) if c.__pydantic_complete__})


def _dashboard_shown(app: Any) -> dict[str, Any] | None:
    """At the dashboard's first full frame: the counts that do not move with the machine's
    load."""
    if not full_frame(app):
        return None
    return {
        "records_built": built_records(),
        "widgets": sum(1 for _ in app.screen.walk_children()),
    }


def _floor_shown(app: Any) -> dict[str, Any] | None:
    from textual.widgets import Static

    return {} if app.screen_stack and app.query(Static) else None


class FirstFrameDriver(HeadlessDriver):
    """A headless terminal of `SIZE` that ends the run at the first frame waited for."""

    def __init__(self, app: Any, **options: Any) -> None:
        CREATED.append(time.perf_counter())
        super().__init__(app, **{**options, "size": SIZE})
        self.measured = app

    def start_application_mode(self) -> None:
        super().start_application_mode()
        app = self.measured
        shown = {"dashboard": _dashboard_shown, "floor": _floor_shown}[os.environ["STARTUP_FRAME"]]
        frames = Frames(app)

        def first() -> bool:
            counts = shown(app)
            if counts is None:
                return False
            RESULT.update(
                counts, cpu_s=time.process_time(), modules=len(sys.modules), frames=frames.count
            )
            return True

        async def finish() -> None:
            try:
                RESULT["shown"] = await frames.wait(frames.expect(first))  # (30 s at most)
                await app.workers.wait_for_complete()  # (the work that follows the frame)
            finally:
                app.exit()

        self._finishing = asyncio.ensure_future(finish())
