"""What a provider's refusal is about, read from its own words: classified here, once.

Providers refuse with a message (Autotask's business rules come back as HTTP 500 with an
`errors` array; distributors answer 4xx). The integrations turn that text into the issue
kind the refusal carries (`ProviderError.kind`); services decide by error type and kind,
never by reading the message again.
"""

from __future__ import annotations

import re

from procdesk.domain.enums import IssueKind

_RMA = re.compile(r"\brma\b")
_AUTOTASK_BUSY = ("threshold", "itgenatr005", "too many requests")
_AUTOTASK_CREDENTIALS = ("integration code", "unauthorized", "authentication", "credentials")
_UNAVAILABLE = (
    "out of stock",
    "discontinued",
    "not available",
    "unavailable",
    "no longer available",
    "invalid part",
    "invalid sku",
    "unknown part",
    "product not found",
)


def _normal(message: str) -> str:
    return " ".join(message.split()).casefold()


def _has_any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def autotask_is_busy(message: str) -> bool:
    """Autotask asks procdesk to slow down (hourly threshold, thread limit)."""
    return _has_any(_normal(message), _AUTOTASK_BUSY)


# Autotask answers HTTP 500 both for business-rule refusals (permanent: the same request
# will be refused again) and for faults on its side (transient). A refusal names a field,
# an entity or a rule; a fault is one of the server's generic texts. Only the latter are
# retried (with back-off, after looking up whether the create was applied after all).
_AUTOTASK_SERVER_FAULTS = (
    "an error has occurred",
    "internal server error",
    "unexpected error",
    "an unexpected",
    "object reference not set to an instance of an object",
    "deadlock",
    "timeout expired",
    "timed out",
    "a task was canceled",
    "service unavailable",
    "temporarily unavailable",
    "bad gateway",
    "gateway timeout",
    "try again later",
    "please try again",
    "the underlying provider failed",
    "connection was forcibly closed",
    "a transport-level error",
    "database is currently unavailable",
)


def autotask_server_fault(message: str) -> bool:
    """A 500's text is one of Autotask's generic server faults, not a refusal."""
    return _has_any(_normal(message), _AUTOTASK_SERVER_FAULTS)


def autotask_refuses_credentials(message: str) -> bool:
    return _has_any(_normal(message), _AUTOTASK_CREDENTIALS)


def autotask_refusal_kind(message: str) -> IssueKind:
    """The issue kind of a charge Autotask refused: billing-code complaints ("BillingCode
    does not exist or is invalid", a billingCodeID that references nothing, a non-material
    or RMA code) -> INVALID_BILLING_CODE; edits of a billed charge -> CHARGE_BILLED; any
    other refusal -> CHARGE_VALIDATION."""
    text = _normal(message)
    if _has_any(text, ("billingcode", "billing code", "material cost code")) or _RMA.search(text):
        return IssueKind.INVALID_BILLING_CODE
    if _has_any(text, ("isbilled", "already billed", "approved and posted")):
        return IssueKind.CHARGE_BILLED
    return IssueKind.CHARGE_VALIDATION


def distributor_refusal_kind(message: str) -> IssueKind:
    """Out of stock, discontinued or unknown parts -> PRODUCT_UNAVAILABLE; any other refusal
    of an order -> ORDER_REJECTED."""
    if _has_any(_normal(message), _UNAVAILABLE):
        return IssueKind.PRODUCT_UNAVAILABLE
    return IssueKind.ORDER_REJECTED
