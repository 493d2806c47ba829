"""One entry of the events table: the change feed and audit trail."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from procdesk.domain.enums import EntityType
from procdesk.domain.records import Record, UTCDateTime


class Event(Record):
    """One entry of the append-only change feed."""

    seq: int
    at: UTCDateTime
    actor: str
    entity_type: EntityType
    entity_id: str
    action: str
    detail: dict[str, Any] = Field(default_factory=dict)
