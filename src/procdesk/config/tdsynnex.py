"""`[tdsynnex]`: TD SYNNEX StreamOne ION API v3 (the refresh token lives in the keyring)."""

from __future__ import annotations

from pydantic import Field, field_validator

from procdesk.config.section import HTTP_URL_PATTERN, Section
from procdesk.config.urls import provider_url


class TdSynnexConfig(Section):
    base_url: str = Field(default="https://ion.tdsynnex.com", pattern=HTTP_URL_PATTERN)
    account_id: str | None = Field(default=None, min_length=1)

    @field_validator("base_url")
    @classmethod
    def _provider_url(cls, value: str) -> str:
        return provider_url(value)
