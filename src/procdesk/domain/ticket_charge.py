"""The ticket charge procdesk sends to Autotask, and the seed's rules checked before sending.

Rules (seed `autotask-rest-ticketcharges.txt`): a charge needs a product or a billing
code; name holds 100 characters, description 8000, notes 2000, and both purchase order
numbers 50; quantity, cost and price are rounded to 4 places (the draft holds them
rounded already). procdesk adds: the quantity must be above zero once rounded. The wire
shape (camelCase) lives in the Autotask integration, which maps a `ChargeDraft` to it.

Every create carries an idempotency marker in `notes` (`[procdesk:<token>]`) so that, after
an uncertain outcome, the worker can find a charge it already created instead of making a
second one (Autotask has no idempotency key).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import IssueKind
from procdesk.domain.money import Amount, billable_amount, extended_cost
from procdesk.domain.problems import Problem
from procdesk.domain.records import UTCDateTime

# Autotask's string limits for TicketCharges, by field.
FIELD_LIMITS: dict[str, int] = {
    "name": 100,
    "description": 8000,
    "notes": 2000,
    "purchase_order_number": 50,
    "internal_purchase_order_number": 50,
}
NAME_LIMIT = FIELD_LIMITS["name"]
NOTES_LIMIT = FIELD_LIMITS["notes"]

_ELLIPSIS = "…"
_NAME_SEPARATOR = " - "


class ChargeDraft(BaseModel):
    """The ticket charge procdesk will create in Autotask (its integration maps it to the
    wire shape).

    Money and quantity are rounded to 4 places on the way in, as Autotask would round them.
    Lengths are not enforced here: `validate_draft` reports every broken rule at once.
    """

    model_config = ConfigDict(frozen=True)

    ticket_id: int
    name: str
    description: str | None = None
    notes: str | None = None
    quantity: Amount
    unit_cost: Amount | None = None
    unit_price: Amount | None = None
    billing_code_id: int | None = None
    product_id: int | None = None
    date_purchased: UTCDateTime | None = None
    purchase_order_number: str | None = None
    internal_purchase_order_number: str | None = None

    @property
    def billable_amount(self) -> Decimal | None:
        """billableAmount as Autotask will compute it (None when the price comes from Autotask)."""
        if self.unit_price is None:
            return None
        return billable_amount(self.quantity, self.unit_price)

    @property
    def extended_cost(self) -> Decimal | None:
        """extendedCost as Autotask will compute it (None when the cost comes from Autotask)."""
        if self.unit_cost is None:
            return None
        return extended_cost(self.quantity, self.unit_cost)


def _label(field: str) -> str:
    return field.replace("_", " ")


def validate_draft(draft: ChargeDraft) -> list[Problem]:
    """Every seed rule the draft breaks (an empty list means it may be sent)."""
    problems: list[Problem] = []
    if draft.product_id is None and draft.billing_code_id is None:
        problems.append(
            Problem(
                kind=IssueKind.MISSING_BILLING_CODE,
                field="billing_code_id",
                message="a ticket charge needs a product or a billing code; it has neither",
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
                        f"{_label(field)} is {len(text)} characters long; "
                        f"Autotask allows at most {limit}"
                    ),
                )
            )
    if draft.quantity <= 0:
        problems.append(
            Problem(
                kind=IssueKind.CHARGE_VALIDATION,
                field="quantity",
                message=(
                    f"quantity must be above zero after rounding to 4 places; "
                    f"it is {draft.quantity}"
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
    return new_marker_tokens(1)[0]


# A UUID's version (4: random) and variant (RFC 4122) bits, as `uuid.uuid4` sets them.
_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def new_marker_tokens(count: int) -> list[str]:
    """`count` fresh marker tokens, each what `uuid4().hex` makes, from one read of the
    OS's randomness (one read per token cost an import of 24,000 charges 0.05 s)."""
    random = os.urandom(16 * count)
    return [
        f"{int.from_bytes(random[i : i + 16]) & _UUID4_CLEAR | _UUID4_SET:032x}"
        for i in range(0, 16 * count, 16)
    ]
