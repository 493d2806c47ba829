"""`[autotask]`: the Autotask PSA REST API (the secret lives in the keyring)."""

from __future__ import annotations

from pydantic import Field, field_validator

from procdesk.config.section import HTTP_URL_PATTERN, Section, header_value
from procdesk.config.urls import autotask_root


class AutotaskConfig(Section):
    # The REST root ending in /atservicesrest; when unset it is found by zone lookup.
    base_url: str | None = Field(default=None, pattern=HTTP_URL_PATTERN)
    username: str | None = Field(default=None, min_length=1)
    integration_code: str | None = Field(default=None, min_length=1)
    # Autotask allows 3 concurrent threads per integration code and 10,000 requests an hour
    # per database, shared by every integration the MSP runs: procdesk takes half by default.
    max_concurrent: int = Field(default=3, ge=1, le=3)
    hourly_budget: int = Field(default=5_000, ge=1, le=10_000)
    timeout_s: float = Field(default=30.0, gt=0, le=300, allow_inf_nan=False)
    # Where purchase-order items are received; unset: Autotask's active default location.
    inventory_location_id: int | None = Field(default=None, ge=1)

    @field_validator("base_url")
    @classmethod
    def _rest_root(cls, value: str | None) -> str | None:
        return autotask_root(value) if value is not None else None

    @field_validator("username", "integration_code")
    @classmethod
    def _header_value(cls, value: str | None) -> str | None:
        return header_value(value)  # (the UserName and ApiIntegrationcode headers)
