"""Autotask's limits: 3 concurrent requests per integration code per endpoint, and the
hourly request threshold shared by every integration of the database."""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

THREAD_LIMIT = 3
THREAD_RETRY_AFTER_SECONDS = 1
THRESHOLD_WINDOW = timedelta(hours=1)
# Autotask slows calls as the hourly budget is used: +0.5 s from 50 %, +1 s from 75 %.
USAGE_DELAYS = ((0.75, 1.0), (0.5, 0.5))


def usage_delay_seconds(used: int, limit: int) -> float:
    """The delay Autotask adds to a call once `used` of `limit` requests are spent."""
    return next((delay for share, delay in USAGE_DELAYS if used >= share * limit), 0.0)


class ThreadLimiter:
    """Counts requests in flight per (integration code, endpoint) and remembers the most
    ever attempted at once, including those refused, so tests can assert clients held back."""

    def __init__(self, limit: int = THREAD_LIMIT) -> None:
        self.limit = limit
        self._in_flight: dict[tuple[str, str], int] = {}
        self.max_attempted: dict[str, int] = {}
        self.rejections: dict[str, int] = {}

    def try_acquire(self, code: str, endpoint: str) -> bool:
        key = (code, endpoint)
        attempted = self._in_flight.get(key, 0) + 1
        self.max_attempted[endpoint] = max(self.max_attempted.get(endpoint, 0), attempted)
        if attempted > self.limit:
            self.rejections[endpoint] = self.rejections.get(endpoint, 0) + 1
            return False
        self._in_flight[key] = attempted
        return True

    def release(self, code: str, endpoint: str) -> None:
        self._in_flight[(code, endpoint)] -= 1

    def reset(self) -> None:
        self._in_flight.clear()
        self.max_attempted.clear()
        self.rejections.clear()


class HourlyThreshold:
    """Requests counted over a rolling hour of the sandbox clock."""

    def __init__(self) -> None:
        self._times: deque[datetime] = deque()

    def count(self, now: datetime) -> int:
        while self._times and now - self._times[0] >= THRESHOLD_WINDOW:
            self._times.popleft()
        return len(self._times)

    def admit(self, now: datetime, limit: int) -> int | None:
        """Count the request and return None, or refuse it: seconds until a slot frees."""
        if self.count(now) >= limit:
            wait = (self._times[0] + THRESHOLD_WINDOW - now).total_seconds()
            return max(1, math.ceil(wait))
        self._times.append(now)
        return None

    def reset(self) -> None:
        self._times.clear()
