"""A worker process as the workers table records it: who, where, and its heartbeat."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field

from procdesk.domain.records import Record, UTCDateTime

RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"

# A running worker writes its heartbeat this often, whatever its cycles are doing; one not
# heard from for ALIVE_WITHIN is not counted as alive (killed, hung, or cut off from the
# ledger), so "workers N" is the number alive now.
HEARTBEAT_EVERY = timedelta(seconds=10)
ALIVE_WITHIN = timedelta(seconds=35)


class WorkerRecord(Record):
    id: str  # host:pid:random
    host: str
    pid: int
    actor: str
    state: str  # running | paused | stopped
    started_at: UTCDateTime
    heartbeat_at: UTCDateTime
    last_cycle_at: UTCDateTime | None = None
    detail: dict[str, Any] = Field(default_factory=dict)

    def alive(self, now: datetime, within: timedelta = ALIVE_WITHIN) -> bool:
        """Not stopped, and heard from within `within` of `now`."""
        return self.state != STOPPED and now - self.heartbeat_at <= within
