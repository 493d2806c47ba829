"""`[tdsynnex_xml]`: TD SYNNEX's XML interface for hardware (EC Express login; the password
lives in the keyring)."""

from __future__ import annotations

from pydantic import Field, field_validator

from procdesk.config.section import HTTP_URL_PATTERN, Section
from procdesk.config.urls import provider_url


class TdSynnexXmlConfig(Section):
    # TD SYNNEX US production host; Canada is https://ec.ca.tdsynnex.com
    base_url: str = Field(default="https://ec.us.tdsynnex.com", pattern=HTTP_URL_PATTERN)
    customer_number: str | None = Field(default=None, min_length=1, max_length=20)
    username: str | None = Field(default=None, min_length=1, max_length=100)

    @field_validator("base_url")
    @classmethod
    def _provider_url(cls, value: str) -> str:
        return provider_url(value)  # https only, as every provider: the password goes there
