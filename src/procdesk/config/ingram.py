"""`[ingram]`: Ingram Micro Reseller API v6 (the client secret lives in the keyring)."""

from __future__ import annotations

from pydantic import Field, field_validator

from procdesk.config.section import HTTP_URL_PATTERN, Section, header_value
from procdesk.config.urls import provider_url


class IngramConfig(Section):
    base_url: str = Field(default="https://api.ingrammicro.com:443", pattern=HTTP_URL_PATTERN)
    client_id: str | None = Field(default=None, min_length=1)
    customer_number: str | None = Field(default=None, min_length=1)
    country_code: str = Field(default="US", pattern=r"^[A-Z]{2}$")
    sender_id: str | None = Field(default=None, min_length=1)

    @field_validator("base_url")
    @classmethod
    def _provider_url(cls, value: str) -> str:
        return provider_url(value)

    @field_validator("customer_number", "sender_id")
    @classmethod
    def _header_value(cls, value: str | None) -> str | None:
        return header_value(value)  # (IM-CustomerNumber, IM-SenderID)
