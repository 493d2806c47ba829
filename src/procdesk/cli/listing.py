"""Reading a whole dashboard view for a list command, page by page (keyset)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.views import TableView, ViewQuery

PAGE = 1000


async def all_rows(
    view: TableView[Any], conn: AsyncConnection, query: ViewQuery
) -> list[dict[str, Any]]:
    """Every row of the view, as the columns a person sees of it."""
    rows: list[dict[str, Any]] = []
    after = None
    while page := await view.page_after(conn, query, after, PAGE):
        rows.extend(record.model_dump(include=set(view.columns)) for record in page)
        if len(page) < PAGE:
            break
        after = view.sort_key(page[-1], query)
    return rows
