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


# Causes that cannot be true of one subject at the same time. When a new one opens, the
# older ones of its group are resolved with a note naming it: a charge has one current
# problem (its billing code is missing, or invalid, or it was billed...), a login fails
# for one reason, an order stopped for one reason. Kinds outside these groups (a price
# change, an internal error) stand beside them.
EXCLUSIVE_KINDS: tuple[frozenset[IssueKind], ...] = (
    frozenset(
        {
            IssueKind.MISSING_BILLING_CODE,
            IssueKind.INVALID_BILLING_CODE,
            IssueKind.WRONG_BILLING_CODE,
            IssueKind.CHARGE_VALIDATION,
            IssueKind.CHARGE_BILLED,
            IssueKind.CHARGE_CANCELLED,
        }
    ),
    frozenset(
        {
            IssueKind.CREDENTIALS_EXPIRED,
            IssueKind.CREDENTIALS_INVALID,
            IssueKind.INVALID_CUSTOMER_NUMBER,
        }
    ),
    frozenset(
        {
            IssueKind.STUCK_PROCESSING,
            IssueKind.DISTRIBUTOR_UNAVAILABLE,
            IssueKind.ORDER_REJECTED,
            IssueKind.PRODUCT_UNAVAILABLE,
        }
    ),
)


def superseded_kinds(kind: IssueKind) -> frozenset[IssueKind]:
    """The kinds a new issue of `kind` replaces on the same subject (never itself)."""
    for group in EXCLUSIVE_KINDS:
        if kind in group:
            return group - {kind}
    return frozenset()
