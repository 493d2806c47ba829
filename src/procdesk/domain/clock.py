"""Time as procdesk reads it: a `Clock` is any callable giving the current aware UTC time.

Everything that needs the time takes a `clock` (never calls `datetime.now` itself), so the
tests, the demo and the sandbox can run on a clock of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)
