"""What a person asked a dashboard table to show, and where a row sits in that order.

Kept apart from `store.views` (SQLAlchemy) so the dashboard can hold a query, and page from
rows read by `store.first_read`, before the ledger's engine is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from procdesk.domain.records import Entity

SortKey = tuple[Any, int]  # (value of the sort column, id)


@dataclass(frozen=True)
class ViewQuery:
    """What the user asked to see: status filter, free text, sort."""

    statuses: tuple[str, ...] = ()
    text: str = ""
    sort: str = "id"
    descending: bool = False
    extra: tuple[tuple[str, str], ...] = ()  # (column, value) equality filters, e.g. error_kind

    @property
    def unfiltered(self) -> bool:
        """Every row of the view, only ordered (what `store.first_read` can read)."""
        return not (self.statuses or self.text.strip() or self.extra)


def sort_key(row: Entity, query: ViewQuery) -> SortKey:
    """The row's place in the query's order: (its sort column's value, its id)."""
    return (getattr(row, query.sort), row.id)
