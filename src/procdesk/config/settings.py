"""The Settings model: the config file, overridden by PROCDESK_* environment variables.

Precedence (highest first): `PROCDESK_<SECTION>__<KEY>` environment variables (and
`PROCDESK_LEDGER`), then the config file, then the defaults below; `load.load_settings` lays
the environment (`environment.py`) over the file and validates the result here. Each section
is a small model in its own module; add a key there, add a section here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from procdesk.config.autotask import AutotaskConfig
from procdesk.config.ingram import IngramConfig
from procdesk.config.paths import default_ledger
from procdesk.config.procurement import ProcurementConfig
from procdesk.config.section import clean_value
from procdesk.config.sync import SyncConfig
from procdesk.config.tdsynnex import TdSynnexConfig
from procdesk.config.tdsynnex_xml import TdSynnexXmlConfig
from procdesk.config.user import UserConfig
from procdesk.domain.ledger_url import check_ledger_url

ENV_PREFIX = "PROCDESK_"
ENV_NESTED_DELIMITER = "__"


class Settings(BaseModel):
    # (validate_default: a default goes through the same checks as a value from the file)
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    # A SQLite path or a postgresql:// URL.
    ledger: str = Field(default_factory=default_ledger, min_length=1)
    user: UserConfig = Field(default_factory=UserConfig)
    autotask: AutotaskConfig = Field(default_factory=AutotaskConfig)
    ingram: IngramConfig = Field(default_factory=IngramConfig)
    tdsynnex: TdSynnexConfig = Field(default_factory=TdSynnexConfig)
    tdsynnex_xml: TdSynnexXmlConfig = Field(default_factory=TdSynnexXmlConfig)
    sync: SyncConfig = Field(default_factory=SyncConfig)
    procurement: ProcurementConfig = Field(default_factory=ProcurementConfig)
    # `[keys]`: dashboard key bindings by binding id, e.g. "app.quit" = "ctrl+q"
    keys: dict[str, str] = Field(default_factory=dict)

    @field_validator("ledger")
    @classmethod
    def _usable_ledger_url(cls, value: str) -> str:
        clean_value(value)
        try:
            return check_ledger_url(value)
        except ValueError as exc:  # the same words as for --ledger and PROCDESK_LEDGER
            raise PydanticCustomError("ledger_url", str(exc)) from None


SECTIONS: dict[str, type[Any]] = {
    name: field.annotation  # type: ignore[misc]
    for name, field in Settings.model_fields.items()
    if name not in ("ledger", "keys")
}
