"""What an import did, quote by quote: created, updated or unchanged, and what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from procdesk.domain.enums import QuoteStatus

Result = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class QuoteOutcome:
    quote_id: str
    result: Result
    status: QuoteStatus
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    file: str
    outcomes: list[QuoteOutcome]

    def count(self, result: Result) -> int:
        return sum(1 for o in self.outcomes if o.result == result)
