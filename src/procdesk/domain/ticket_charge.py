"""The TicketCharge procdesk sends to Autotask, and the seed's rules checked before sending.

Rules (seed `autotask-rest-ticketcharges.txt`): a charge needs a productID or a
billingCodeID; name holds 100 characters, description 8000, notes 2000, and both purchase
order numbers 50; quantity, cost and price are rounded to 4 places (the draft holds them
rounded already). procdesk adds: the quantity must be above zero once rounded.

Every create carries an idempotency marker in `notes` (`[procdesk:<token>]`) so that, after
an uncertain outcome, the worker can find a charge it already created instead of making a
second one (Autotask has no idempotency key).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import IssueKind
from procdesk.domain.models import UTCDateTime
from procdesk.domain.money import Amount, billable_amount, extended_cost
from procdesk.domain.problems import Problem

# Autotask's string limits for TicketCharges, by wire field name.
FIELD_LIMITS: dict[str, int] = {
    "name": 100,
    "description": 8000,
    "notes": 2000,
    "purchaseOrderNumber": 50,
    "internalPurchaseOrderNumber": 50,
}
NAME_LIMIT = FIELD_LIMITS["name"]
NOTES_LIMIT = FIELD_LIMITS["notes"]

_ELLIPSIS = "…"
_NAME_SEPARATOR = " - "


class TicketChargeDraft(BaseModel):
    """What procdesk will create in Autotask, with the wire field names.

    Money and quantity are rounded to 4 places on the way in, as Autotask would round them.
    Lengths are not enforced here: `validate_draft` reports every broken rule at once.
    """

    model_config = ConfigDict(frozen=True)

    ticketID: int
    name: str
    description: str | None = None
    notes: str | None = None
    unitQuantity: Amount
    unitCost: Amount | None = None
    unitPrice: Amount | None = None
    billingCodeID: int | None = None
    productID: int | None = None
    datePurchased: UTCDateTime | None = None
    purchaseOrderNumber: str | None = None
    internalPurchaseOrderNumber: str | None = None

    @property
    def billable_amount(self) -> Decimal | None:
        """billableAmount as Autotask will compute it (None when the price comes from Autotask)."""
        if self.unitPrice is None:
            return None
        return billable_amount(self.unitQuantity, self.unitPrice)

    @property
    def extended_cost(self) -> Decimal | None:
        """extendedCost as Autotask will compute it (None when the cost comes from Autotask)."""
        if self.unitCost is None:
            return None
        return extended_cost(self.unitQuantity, self.unitCost)

    def to_payload(self) -> dict[str, Any]:
        """The create body: wire names, fields left out when None, money as Decimal.

        Send it with `to_json()`: the standard `json` module cannot write a Decimal.
        """
        payload: dict[str, Any] = {}
        for key, value in self.model_dump(exclude_none=True).items():
            payload[key] = _iso_utc(value) if isinstance(value, datetime) else value
        return payload

    def to_json(self) -> str:
        """`to_payload()` as JSON text; Decimals become exact JSON numbers (never floats)."""
        parts = [
            f"{json.dumps(key)}:{_json_value(value)}" for key, value in self.to_payload().items()
        ]
        return "{" + ",".join(parts) + "}"


def _iso_utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)


def validate_draft(draft: TicketChargeDraft) -> list[Problem]:
    """Every seed rule the draft breaks (an empty list means it may be sent)."""
    problems: list[Problem] = []
    if draft.productID is None and draft.billingCodeID is None:
        problems.append(
            Problem(
                kind=IssueKind.MISSING_BILLING_CODE,
                field="billingCodeID",
                message="a ticket charge needs a productID or a billingCodeID; it has neither",
            )
        )
    if not draft.name.strip():
        problems.append(
            Problem(kind=IssueKind.CHARGE_VALIDATION, field="name", message="name is empty")
        )
    for field, limit in FIELD_LIMITS.items():
        text = getattr(draft, field)
        if text is not None and len(text) > limit:
            problems.append(
                Problem(
                    kind=IssueKind.CHARGE_VALIDATION,
                    field=field,
                    message=(
                        f"{field} is {len(text)} characters long; Autotask allows at most {limit}"
                    ),
                )
            )
    if draft.unitQuantity <= 0:
        problems.append(
            Problem(
                kind=IssueKind.CHARGE_VALIDATION,
                field="unitQuantity",
                message=(
                    f"unitQuantity must be above zero after rounding to 4 places; "
                    f"it is {draft.unitQuantity}"
                ),
            )
        )
    return problems


def charge_name(sku: str, description: str) -> str:
    """A charge name of at most 100 characters: "SKU - description", shortened to fit.

    Whitespace runs become single spaces. A description that does not fit is cut at a word
    boundary and ends with "…"; a single word too long to cut nicely is cut where it must
    be. The full description goes into the charge's description field, not here.
    """
    sku = " ".join(sku.split())
    description = " ".join(description.split())
    if not description:
        return _cut(sku, NAME_LIMIT)
    if not sku:
        return _cut(description, NAME_LIMIT)
    full = f"{sku}{_NAME_SEPARATOR}{description}"
    if len(full) <= NAME_LIMIT:
        return full
    room = NAME_LIMIT - len(sku) - len(_NAME_SEPARATOR)
    if room < len(_ELLIPSIS) + 1:
        return _cut(sku, NAME_LIMIT)
    return f"{sku}{_NAME_SEPARATOR}{_cut(description, room)}"


def _cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut before a word where possible."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(_ELLIPSIS) + 1]  # one extra: does the cut fall between words?
    head = head[: head.rindex(" ")] if " " in head else head[:-1]
    return head.rstrip() + _ELLIPSIS


# ---- idempotency marker -------------------------------------------------------------

_TOKEN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
_MARKER_RE = re.compile(rf"\[procdesk:({_TOKEN})\]")
_TOKEN_RE = re.compile(rf"^{_TOKEN}$")


def charge_marker(token: str | int | UUID) -> str:
    """The marker text put in a charge's notes: `[procdesk:<token>]`.

    `token` is the ledger's `charges.marker` (a charge id or a UUID): letters, digits,
    '-' and '_', at most 64 characters.
    """
    text = token.hex if isinstance(token, UUID) else str(token)
    if not _TOKEN_RE.match(text):
        raise ValueError(f"{text!r} is not a valid marker token")
    return f"[procdesk:{text}]"


def find_marker(notes: str | None) -> str | None:
    """The token of the first procdesk marker in `notes`, or None when there is none."""
    if not notes:
        return None
    match = _MARKER_RE.search(notes)
    return match.group(1) if match else None


def notes_with_marker(notes: str | None, token: str | int | UUID) -> str:
    """`notes` followed by the marker, within the 2000-character notes limit.

    The marker always survives whole; the free text is shortened if they do not fit.
    """
    marker = charge_marker(token)
    text = (notes or "").strip()
    if not text:
        return marker
    room = NOTES_LIMIT - len(marker) - 1
    return f"{_cut(text, room)}\n{marker}"


def new_marker_token() -> str:
    """A fresh, unguessable marker token for a new charge (a UUID4 in hex)."""
    return uuid4().hex
