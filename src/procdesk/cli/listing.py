"""Reading a whole dashboard view for a list command, page by page (keyset)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.services.display import money as show_money
from procdesk.services.display import quantity as show_quantity
from procdesk.services.display import words
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


def readable(
    rows: Sequence[Mapping[str, Any]],
    *,
    money: Sequence[str] = (),
    quantities: Sequence[str] = (),
    codes: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Rows as people read them: money '5,862.20', quantities '2', codes as words. (The
    `--json` output keeps the exact stored values.)"""
    out = []
    for row in rows:
        shown = dict(row)
        for key in money:
            shown[key] = show_money(row.get(key))
        for key in quantities:
            shown[key] = show_quantity(row.get(key))
        for key in codes:
            shown[key] = words(row.get(key))
        out.append(shown)
    return out
