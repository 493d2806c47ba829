"""What every ledger record shares: frozen pydantic models with aware UTC times.

Field names are the ledger's column names (src/procdesk/store/schema.py), so the store
builds a model straight from a row. Money and quantities are exact 4-place Decimals
(`Amount`); times are timezone-aware UTC. Records are frozen: a change is a new record
(`model_copy(update=...)`), and a status change goes through the state machine first. No
record carries a secret.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def aware_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware (UTC)")
    return value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(aware_utc)]


class Record(BaseModel):
    # A model's validator is built when it first validates, not when its module is imported:
    # the dashboard imports a dozen record types and its first frame validates three.
    model_config = ConfigDict(frozen=True, defer_build=True)


class Entity(Record):
    """A record with a ledger-assigned integer id (a row of a dashboard table)."""

    id: int
