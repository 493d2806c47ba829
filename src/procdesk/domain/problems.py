"""A rule broken by something procdesk is about to send: found before any call is made."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import IssueKind


class Problem(BaseModel):
    """One broken rule. `field` names the draft's field when one field is at fault."""

    model_config = ConfigDict(frozen=True)

    kind: IssueKind
    field: str | None
    message: str

    def __str__(self) -> str:
        return self.message
