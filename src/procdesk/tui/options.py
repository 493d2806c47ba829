"""How a dashboard runs, apart from what it shows: the knobs the CLI, the demo, the tests
and the screenshot script set. What it shows comes from a `procdesk.wiring.Context`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DashboardOptions:
    poll_interval: float = 0.5  # seconds between change-feed reads (SQLite)
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    # Long-running coroutines the app runs for its lifetime (in-process workers, the demo's
    # scenario); each is started once at mount and cancelled at exit.
    background: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # "Sync now": run one worker cycle immediately (None when no workers run in-process).
    sync_now: Callable[[], Awaitable[object]] | None = None
    log_path: Path | None = None
    # The app is the whole process (`procdesk`, `procdesk demo`): long-lived objects are
    # frozen out of the garbage collector at start (see make_app).
    owns_process: bool = False
    # `procdesk demo`'s guide (markdown): the sandbox credentials and how to reach the demo
    # from the command line; `g` and the palette show it. None outside the demo.
    guide: str | None = None
