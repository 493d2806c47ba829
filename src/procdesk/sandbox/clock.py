"""The sandbox's clock: real time plus an offset that tests move forward without sleeping."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SandboxClock:
    """Token expiry and order progress in every emulator read this clock, never time.time()."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += timedelta(seconds=seconds)
        return self.now()

    def set(self, when: datetime) -> datetime:
        """Jump to `when` (aware); refuses to go back in time."""
        if when.tzinfo is None:
            raise ValueError("give an aware datetime")
        delta = (when - self.now()).total_seconds()
        return self.advance(max(delta, 0.0))

    def reset(self) -> None:
        with self._lock:
            self._offset = timedelta()
