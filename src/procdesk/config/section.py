"""The base every config section model shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

HTTP_URL_PATTERN = r"^https?://[^\s/]+(/\S*)?$"


class Section(BaseModel):
    """A `[section]` of config.toml: unknown keys are errors, values are validated on set."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=True)
