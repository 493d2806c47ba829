"""What the header says about the processes behind the dashboard: the workers alive now
(heartbeats with an expiry, not rows still marked running) and whether the ledger answers.

Kept apart from the provider-health model so each can change on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from procdesk.domain.worker import WorkerRecord

# How often the dashboard re-reads worker liveness even when nothing changed: a worker that
# dies writes no event, so only the clock can tell.
LIVENESS_REFRESH_S = 5.0


def alive_workers(rows: Sequence[WorkerRecord], now: datetime) -> list[WorkerRecord]:
    """The workers heard from within `ALIVE_WITHIN` and not stopped."""
    return [w for w in rows if w.alive(now)]


def ledger_segment(down_since: datetime | None, now: datetime) -> str | None:
    """The header's word on the ledger: None while it answers."""
    if down_since is None:
        return None
    seconds = int((now - down_since).total_seconds())
    lasted = f"{seconds} s" if seconds < 120 else f"{seconds // 60} min"
    return f"⚠ ledger unreachable since {down_since.astimezone().strftime('%H:%M:%S')} ({lasted})"
