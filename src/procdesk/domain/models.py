"""The ledger's records as pydantic models.

Field names are the ledger's column names (src/procdesk/store/schema.py), so the store
builds a model straight from a row: `Charge.model_validate(row._mapping)`. Money and
quantities are exact 4-place Decimals (`Amount`); times are timezone-aware UTC.
Models are frozen: change one with `model_copy(update=...)` after checking the state
machine. No model carries a secret.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from procdesk.domain.enums import (
    CancelReason,
    ChargeStatus,
    CredentialState,
    Distributor,
    EntityType,
    IssueAction,
    IssueKind,
    IssueStatus,
    OrderLineStatus,
    OrderStatus,
    Provider,
    QuoteStatus,
)
from procdesk.domain.money import Amount


def _aware_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware (UTC)")
    return value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_aware_utc)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class ShipTo(_Record):
    """Where a quote's hardware goes; stored as JSON on quotes and orders."""

    company: str = Field(min_length=1, max_length=200)
    contact: str | None = Field(default=None, max_length=100)
    address_lines: list[str] = Field(min_length=1, max_length=4)
    city: str = Field(min_length=1, max_length=100)
    state: str | None = Field(default=None, max_length=50)
    postal_code: str | None = Field(default=None, max_length=20)
    country_code: str = Field(pattern=r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200, pattern=r"^[^@\s]+@[^@\s]+$")

    @field_validator("address_lines")
    @classmethod
    def _lines_not_blank(cls, lines: list[str]) -> list[str]:
        if any(not line.strip() for line in lines):
            raise ValueError("address lines must not be blank")
        return lines

    def merge_key(self) -> str:
        """A stable hash of the address: orders to the same place share it (and may merge).

        Case and runs of spaces do not matter; contact, phone and email do not change the
        place, so they are left out.
        """
        place = [self.company, *self.address_lines, self.city, self.state, self.postal_code]
        normal = [" ".join((part or "").split()).casefold() for part in place]
        text = json.dumps([*normal, self.country_code], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


class Quote(_Record):
    id: str = Field(min_length=1, max_length=64)
    title: str = Field(max_length=200)
    company_name: str = Field(min_length=1, max_length=200)
    ship_to: ShipTo
    ticket_id: int | None = None
    ticket_number: str | None = Field(default=None, max_length=32)
    status: QuoteStatus
    currency: str = Field(pattern=r"^[A-Z]{3}$")  # ISO 4217
    content_hash: str = Field(max_length=64)
    imported_at: UTCDateTime
    updated_at: UTCDateTime


class QuoteLine(_Record):
    id: int
    quote_id: str
    line_number: int = Field(ge=1)
    sku: str = Field(min_length=1, max_length=100)
    description: str
    category: str = Field(min_length=1, max_length=100)
    distributor: Distributor
    distributor_part_number: str | None = Field(default=None, max_length=64)
    quantity: Amount = Field(gt=0)
    unit_cost: Amount
    unit_price: Amount
    product_id: int | None = None  # Autotask product id
    billing_code_override: int | None = None


class CategoryBillingCode(_Record):
    """A product category's Autotask billing code (a Material Cost Code)."""

    category: str = Field(min_length=1, max_length=100)
    billing_code_id: int
    billing_code_name: str | None = Field(default=None, max_length=200)
    updated_at: UTCDateTime
    updated_by: str


class Charge(_Record):
    """One quote line's ticket charge and its sync bookkeeping."""

    id: int
    quote_line_id: int
    quote_id: str
    ticket_id: int | None = None
    ticket_number: str | None = None
    status: ChargeStatus
    marker: str = Field(min_length=1, max_length=64)  # idempotency token (see ticket_charge)
    autotask_id: int | None = None
    procurement_status: str | None = None  # Autotask's label, kept as sent (may be new)
    is_billed: bool = False
    company_name: str
    sku: str
    description: str
    category: str
    quantity: Amount
    unit_cost: Amount
    unit_price: Amount
    billable_amount: Amount
    billing_code_id: int | None = None
    attempts: int = Field(default=0, ge=0)
    next_attempt_at: UTCDateTime | None = None
    last_error: str | None = None
    error_kind: IssueKind | None = None
    lease_owner: str | None = None
    lease_until: UTCDateTime | None = None
    send_started_at: UTCDateTime | None = None
    cancel_reason: CancelReason | None = None
    cancel_note: str | None = None
    search_text: str = ""
    created_at: UTCDateTime
    updated_at: UTCDateTime
    synced_at: UTCDateTime | None = None


class Order(_Record):
    """One order per (quote, distributor) for the lines that distributor can take."""

    id: int
    quote_id: str
    distributor: Distributor
    status: OrderStatus
    reference: str = Field(min_length=1, max_length=40)  # our customer order number
    distributor_order_id: str | None = None
    distributor_status: str | None = None  # the distributor's own status text
    company_name: str
    ship_to: ShipTo
    ship_to_key: str
    total_value: Amount
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    merged_into: int | None = None
    approved_by: str | None = None
    approved_at: UTCDateTime | None = None
    attempts: int = Field(default=0, ge=0)
    next_attempt_at: UTCDateTime | None = None
    last_error: str | None = None
    error_kind: IssueKind | None = None
    lease_owner: str | None = None
    lease_until: UTCDateTime | None = None
    processing_since: UTCDateTime | None = None
    placed_at: UTCDateTime | None = None
    last_polled_at: UTCDateTime | None = None
    cancel_reason: str | None = None
    search_text: str = ""
    created_at: UTCDateTime
    updated_at: UTCDateTime

    @field_validator("distributor")
    @classmethod
    def _orderable(cls, distributor: Distributor) -> Distributor:
        if not distributor.supports_ordering:
            raise ValueError("orders exist only for distributors with ordering support")
        return distributor


class OrderLine(_Record):
    id: int
    order_id: int
    quote_line_id: int
    line_number: int = Field(ge=1)
    sku: str
    part_number: str = Field(min_length=1, max_length=64)
    description: str
    quantity: Amount = Field(gt=0)
    unit_price: Amount
    status: OrderLineStatus
    distributor_line_status: str | None = None
    quantity_confirmed: int | None = Field(default=None, ge=0)
    quantity_backordered: int | None = Field(default=None, ge=0)
    backorder_eta: str | None = None
    tracking_numbers: list[str] = Field(default_factory=list)
    reject_reason: str | None = None
    updated_at: UTCDateTime


class Issue(_Record):
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


class Event(_Record):
    """One entry of the append-only change feed."""

    seq: int
    at: UTCDateTime
    actor: str
    entity_type: EntityType
    entity_id: str
    action: str
    detail: dict[str, Any] = Field(default_factory=dict)


class CredentialRecord(_Record):
    """What the ledger knows about a provider's credential. The secret is in the keyring."""

    provider: Provider
    account: str | None = None  # non-secret identity: user name, client id
    state: CredentialState
    token_expires_at: UTCDateTime | None = None
    refresh_expires_at: UTCDateTime | None = None
    last_verified_at: UTCDateTime | None = None
    last_error: str | None = None
    updated_at: UTCDateTime

    @property
    def expires_at(self) -> UTCDateTime | None:
        """When the user has to act: the refresh token's end if there is one, else the token's.

        An access token alone renews itself from the stored secret; a refresh token that
        runs out needs the user to authenticate again.
        """
        return self.refresh_expires_at or self.token_expires_at

    def time_left(self, now: datetime) -> timedelta | None:
        """Time until `expires_at` (negative once past); None when no expiry is known."""
        expires = self.expires_at
        return None if expires is None else expires - _aware_utc(now)

    def needs_warning(self, now: datetime, within: timedelta) -> bool:
        """True when the credential runs out within `within` of `now`, or already has."""
        left = self.time_left(now)
        return left is not None and left <= within
