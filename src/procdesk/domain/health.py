"""One provider's health, derived from the ledger's facts: the one truth every surface shows.

The header, the Connections and re-authentication screens, `procdesk auth status` and
`procdesk doctor` all call `provider_health` with the same facts (the credential record,
the provider's open issues, the time), so they cannot disagree. The order of the checks
below is the order of what a person has to fix first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from procdesk.domain.credential import CredentialRecord
from procdesk.domain.enums import CredentialState, EntityType, IssueKind, Provider
from procdesk.domain.issue import Issue

# A credential that runs out within this long is flagged ahead of time.
EXPIRY_WARNING = timedelta(hours=24)


class Condition(StrEnum):
    """Where a provider stands, worst first in `SEVERITY`."""

    OK = "ok"
    EXPIRING = "expiring"  # works now, the user must act before `expires_at`
    EXPIRED = "expired"  # the token ran out or the provider said so: re-authenticate
    REJECTED = "rejected"  # the provider refused the credentials (or none are stored)
    INVALID_CUSTOMER_NUMBER = "invalid customer number"
    NOT_ANSWERING = "not answering"  # outage: work waits and retries by itself
    UNCHECKED = "never checked"  # procdesk has not talked to this provider yet


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


LEVEL = {
    Condition.OK: Level.OK,
    Condition.UNCHECKED: Level.OK,
    Condition.EXPIRING: Level.WARN,
    Condition.NOT_ANSWERING: Level.WARN,
    Condition.EXPIRED: Level.FAIL,
    Condition.REJECTED: Level.FAIL,
    Condition.INVALID_CUSTOMER_NUMBER: Level.FAIL,
}

_OUTAGE_KINDS = frozenset({IssueKind.AUTOTASK_UNAVAILABLE, IssueKind.DISTRIBUTOR_UNAVAILABLE})
HEALTH_KINDS = _OUTAGE_KINDS | {
    IssueKind.INVALID_CUSTOMER_NUMBER,
    IssueKind.CREDENTIALS_INVALID,
    IssueKind.CREDENTIALS_EXPIRED,
}


@dataclass(frozen=True)
class ProviderHealth:
    provider: Provider
    condition: Condition
    account: str | None
    expires_at: datetime | None  # when the user has to act (refresh token, else token)
    last_verified_at: datetime | None
    reason: str | None  # the provider's own words for a failure, or what is coming
    issue_ids: tuple[int, ...]  # the open issues this health is derived from
    token_expires_at: datetime | None = None  # the access token's end: it renews itself

    @property
    def lifetime_ends(self) -> datetime | None:
        """What the Connections screen shows as the token's lifetime: the refresh token's end
        where there is one (the user acts then), else the access token's (for information)."""
        return self.expires_at or self.token_expires_at

    @property
    def level(self) -> Level:
        return LEVEL[self.condition]

    @property
    def needs_reauth(self) -> bool:
        return self.condition in (
            Condition.EXPIRING,
            Condition.EXPIRED,
            Condition.REJECTED,
            Condition.INVALID_CUSTOMER_NUMBER,
        )


def _about(issue: Issue, provider: Provider) -> bool:
    if issue.provider is provider:
        return True
    return (
        issue.subject_type in (EntityType.CREDENTIAL, EntityType.PROVIDER)
        and issue.subject_id == provider.value
    )


def provider_health(
    provider: Provider,
    credential: CredentialRecord | None,
    open_issues: Iterable[Issue],
    now: datetime,
    *,
    warn_within: timedelta = EXPIRY_WARNING,
) -> ProviderHealth:
    """The provider's health from the ledger's facts (`open_issues` may be all open issues)."""
    mine = [i for i in open_issues if i.kind in HEALTH_KINDS and _about(i, provider)]
    kinds = {i.kind: i for i in mine}
    left = credential.time_left(now) if credential else None
    condition: Condition
    reason: str | None = credential.last_error if credential else None
    if (found := kinds.get(IssueKind.INVALID_CUSTOMER_NUMBER)) is not None:
        condition, reason = Condition.INVALID_CUSTOMER_NUMBER, found.message
    elif (found := kinds.get(IssueKind.CREDENTIALS_INVALID)) is not None:
        condition, reason = Condition.REJECTED, found.message
    elif (found := kinds.get(IssueKind.CREDENTIALS_EXPIRED)) is not None:
        condition, reason = Condition.EXPIRED, found.message
    elif credential is not None and credential.state in (
        CredentialState.INVALID,
        CredentialState.MISSING,
    ):
        condition = Condition.REJECTED
    elif credential is not None and credential.state is CredentialState.EXPIRED:
        condition = Condition.EXPIRED
    elif left is not None and left <= timedelta():
        condition, reason = Condition.EXPIRED, "the token's lifetime has run out"
    elif outage := [i for i in mine if i.kind in _OUTAGE_KINDS]:
        condition, reason = Condition.NOT_ANSWERING, outage[-1].message
    elif left is not None and left <= warn_within:
        condition, reason = Condition.EXPIRING, None
    elif credential is None:
        condition, reason = Condition.UNCHECKED, None
    else:
        condition, reason = Condition.OK, None
    return ProviderHealth(
        provider=provider,
        condition=condition,
        account=credential.account if credential else None,
        expires_at=credential.expires_at if credential else None,
        last_verified_at=credential.last_verified_at if credential else None,
        reason=reason,
        issue_ids=tuple(i.id for i in mine),
        token_expires_at=credential.token_expires_at if credential else None,
    )
