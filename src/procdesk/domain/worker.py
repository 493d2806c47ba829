"""A worker process as the workers table records it: who, where, and its heartbeat."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field

from procdesk.domain.records import Record, UTCDateTime

RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"


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

    def alive(self, now: datetime, within: timedelta) -> bool:
        """Not stopped, and heard from within `within` of `now`."""
        return self.state != STOPPED and now - self.heartbeat_at <= within
