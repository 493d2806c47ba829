"""`[tdsynnex]`: TD SYNNEX StreamOne ION API v3 (the refresh token lives in the keyring)."""

from __future__ import annotations

from pydantic import Field

from procdesk.config.section import HTTP_URL_PATTERN, Section


class TdSynnexConfig(Section):
    base_url: str = Field(default="https://ion.tdsynnex.com", pattern=HTTP_URL_PATTERN)
    account_id: str | None = Field(default=None, min_length=1)
