"""Reading a whole dashboard view for a list command, page by page (keyset)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.store.views import R, TableView, ViewQuery

PAGE = 1000


async def all_records(view: TableView[R], conn: AsyncConnection, query: ViewQuery) -> list[R]:
    """Every record of the view, in its order."""
    records: list[R] = []
    after = None
    while page := await view.page_after(conn, query, after, PAGE):
        records.extend(page)
        if len(page) < PAGE:
            break
        after = view.sort_key(page[-1], query)
    return records


async def all_rows(
    view: TableView[Any], conn: AsyncConnection, query: ViewQuery
) -> list[dict[str, Any]]:
    """Every row of the view, as the columns a person sees of it."""
    columns = set(view.columns)
    return [record.model_dump(include=columns) for record in await all_records(view, conn, query)]
