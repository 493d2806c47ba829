"""The base every config section model shares."""

from __future__ import annotations

import typing
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from procdesk.domain.text import check_text

NUMBERS = {int, float, Decimal}  # (pydantic reads `true` as 1 for each of them)
HTTP_URL_PATTERN = r"^https?://[^\s/]+(/\S*)?$"


def clean_value(value: object) -> object:
    """A config value with no control or bidirectional character (the rule imported and
    typed text follows): a value set by `config set`, a screen or the file alike."""
    if isinstance(value, str):
        check_text(value)
    return value


def header_value(value: str | None) -> str | None:
    """A value that travels in an HTTP header (an account number, a user name), or
    ValueError: a header takes ASCII only, and anything else failed in the HTTP client."""
    if value is not None and not value.isascii():
        raise ValueError("expected ASCII characters only (this value travels in an HTTP header)")
    return value


class Section(BaseModel):
    """A `[section]` of config.toml: unknown keys are errors, values are validated on set."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, bool) and info.field_name is not None:
            takes = cls.model_fields[info.field_name].annotation
            if {takes, *typing.get_args(takes)} & NUMBERS:
                raise ValueError(f"expected a number, not {str(value).lower()}")
        return clean_value(value)
