"""Everything the dashboard needs, passed in: no globals, no hidden connections.

The CLI (`procdesk`, `procdesk demo`), the tests and the screenshot script build one and
hand it to `make_app`. Screens build the services they call (charge actions, procurement
actions, mappings, re-authentication) from the ledger, settings and keyring given here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from procdesk.config import Settings
from procdesk.secrets import SecretStore
from procdesk.services.dashboard.reads import DashboardService
from procdesk.store.ledger import Ledger


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class DashboardContext:
    ledger: Ledger
    settings: Settings
    secrets: SecretStore
    actor: str
    now: Callable[[], datetime] = utc_now
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
    dashboard: DashboardService = field(init=False)

    def __post_init__(self) -> None:
        self.dashboard = DashboardService(self.ledger)
