"""A product category's Autotask billing code (the mapping charges take their code from)."""

from __future__ import annotations

from pydantic import Field

from procdesk.domain.records import Record, UTCDateTime


class CategoryBillingCode(Record):
    """A product category's Autotask billing code (a Material Cost Code)."""

    category: str = Field(min_length=1, max_length=100)
    billing_code_id: int
    billing_code_name: str | None = Field(default=None, max_length=200)
    updated_at: UTCDateTime
    updated_by: str
