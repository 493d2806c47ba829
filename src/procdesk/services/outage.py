"""Riding out a lost ledger: when it went, why, how long to wait before the next try.

Workers and dashboards keep one `OutageWatch` each. `lost(exc)` is called for every failed
attempt and returns the pause before the next one (doubling, up to a cap, never giving up);
`back()` once an attempt succeeds. The log gets one line when the ledger goes and one when
it comes back, never a traceback per attempt; nothing about the outage is written to the
ledger (it cannot be).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from procdesk.domain.clock import Clock, utc_now
from procdesk.store.outage import is_ledger_outage, outage_summary

__all__ = ["OutageWatch", "is_ledger_outage", "quiet_driver_outages"]

log = logging.getLogger(__name__)


@dataclass
class OutageWatch:
    who: str  # "worker <id>", "dashboard": named in the log lines
    clock: Clock = utc_now
    first_wait_s: float = 0.5
    max_wait_s: float = 15.0
    down_since: datetime | None = None
    reason: str = ""
    attempts: int = 0  # failed attempts since the ledger went
    _log: logging.Logger = field(default=log, repr=False)

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def lost(self, exc: BaseException) -> float:
        """Record a failed attempt; the seconds to wait before the next one."""
        if self.down_since is None:
            self.down_since = self.clock()
            self.reason = outage_summary(exc)
            self._log.warning(
                "%s: ledger unreachable (%s); retrying, at most every %.0f s",
                self.who,
                self.reason,
                self.max_wait_s,
            )
        self.attempts += 1
        return float(min(self.max_wait_s, self.first_wait_s * 2.0 ** (self.attempts - 1)))

    def back(self) -> bool:
        """Record a success; True if it ended an outage (logged once)."""
        if self.down_since is None:
            return False
        lasted = (self.clock() - self.down_since).total_seconds()
        self._log.warning(
            "%s: ledger reachable again after %.0f s (%d attempts)",
            self.who,
            lasted,
            self.attempts,
        )
        self.down_since, self.reason, self.attempts = None, "", 0
        return True


def quiet_driver_outages(loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """Keep a driver's own background tasks from printing tracebacks during an outage;
    returns what puts the loop's previous handler back.

    asyncpg returns a pooled connection in a task of its own (`asyncio.shield`); when the
    server goes away mid-release and the waiter was cancelled, asyncio reports "Task
    exception was never retrieved" with the whole traceback. The outage is already said in
    one line by `OutageWatch`: such reports become one debug line. Anything else goes to
    the handler the loop had (asyncio's default one unless someone set another)."""
    previous = loop.get_exception_handler()

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException) and is_ledger_outage(exc):
            log.debug("a driver task ended with the ledger outage: %s", outage_summary(exc))
        elif previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handle)

    def undo() -> None:
        loop.set_exception_handler(previous)

    return undo
