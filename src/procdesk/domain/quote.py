"""Quotes as imported from the quoting source, and their lines."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Protocol

from pydantic import Field, field_validator

from procdesk.domain.enums import ChargeStatus, Distributor, OrderStatus, QuoteStatus
from procdesk.domain.money import Amount
from procdesk.domain.records import Entity, Record, UTCDateTime


class ShipTo(Record):
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


class Quote(Record):
    id: str = Field(min_length=1, max_length=64)
    title: str = Field(max_length=200)
    company_name: str = Field(min_length=1, max_length=200)
    ship_to: ShipTo
    ticket_id: int | None = None
    ticket_number: str | None = Field(default=None, max_length=32)
    status: QuoteStatus
    currency: str = Field(pattern=r"^[A-Z]{3}$")  # ISO 4217
    content_hash: str = Field(max_length=64)
    # the record as the import file wrote it, hashed: the same again is left alone unread
    source_hash: str | None = Field(default=None, max_length=64)
    imported_at: UTCDateTime
    updated_at: UTCDateTime


class LineFacts(Protocol):
    """What a quote line says, whether stored (`QuoteLine`) or read from a file and
    validated: all that a charge or an order line is made from. An import makes its new
    lines' charges and orders straight from the validated lines, with the ids just stored."""

    @property
    def line_number(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def distributor(self) -> Distributor: ...
    @property
    def distributor_part_number(self) -> str | None: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_cost(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def product_id(self) -> int | None: ...
    @property
    def billing_code_override(self) -> int | None: ...


class QuoteLine(Entity):
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


class QuoteSummary(Record):
    """A quote in a list: its header with how many lines and charges it has."""

    id: str
    title: str
    company_name: str
    status: QuoteStatus
    currency: str
    ticket_id: int | None = None
    ticket_number: str | None = None
    updated_at: UTCDateTime
    line_count: int
    charge_count: int
    pending_charges: int


class QuoteLineState(QuoteLine):
    """A quote line with its newest charge and the order it is on, if any."""

    charge_id: int | None = None
    charge_status: ChargeStatus | None = None
    order_reference: str | None = None
    order_status: OrderStatus | None = None


class QuoteDetail(Quote):
    """A quote with every line's state."""

    lines: list[QuoteLineState]


class UnqueuedLine(Record):
    """A line of an accepted quote that is on no order (and the company it is for)."""

    quote_line_id: int
    quote_id: str
    line_number: int
    sku: str
    description: str
    distributor: Distributor
    quantity: Amount
    company_name: str
