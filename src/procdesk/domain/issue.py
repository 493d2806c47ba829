"""An issue: one open problem per kind and subject, with the fix."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, IssueStatus, Provider
from procdesk.domain.records import Entity, UTCDateTime


class Issue(Entity):
    """One open (or closed) problem, deduplicated by kind and subject."""

    id: int
    kind: IssueKind
    subject_type: EntityType
    subject_id: str
    dedupe_key: str | None = None
    status: IssueStatus
    provider: Provider | None = None
    title: str = Field(max_length=300)
    message: str  # the provider's message, verbatim
    hint: str
    action: IssueAction
    detail: dict[str, Any] = Field(default_factory=dict)
    occurrences: int = Field(default=1, ge=1)
    first_seen: UTCDateTime
    last_seen: UTCDateTime
    closed_at: UTCDateTime | None = None
    closed_by: str | None = None
    search_text: str = ""
