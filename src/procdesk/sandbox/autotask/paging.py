"""Query pages: items ordered by id, `pageDetails` with integer counts and next/prev URLs."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from procdesk.sandbox.autotask.query import Query
from procdesk.sandbox.autotask.store import Record
from procdesk.sandbox.autotask.values import AutotaskError, record_to_wire


def _record_id(record: Record) -> int:
    return int(str(record["id"]))


class PagingToken(BaseModel):
    """What a next/prev page URL carries: the id the page starts after."""

    afterId: int | None = None


def parse_paging(text: str | None) -> int | None:
    """The id a requested page starts after, from a next/prev URL's `paging` parameter."""
    if text is None:
        raise AutotaskError("The paging parameter is required.")
    try:
        return PagingToken.model_validate_json(text).afterId
    except ValidationError as exc:
        raise AutotaskError("The paging parameter is invalid.") from exc


def _page_url(base: str, entity: str, after_id: int | None, search: str | None) -> str:
    paging = PagingToken(afterId=after_id).model_dump_json(exclude_none=True)
    url = f"{base}/{entity}/query/next?paging={quote(paging)}"
    return url if search is None else f"{url}&search={quote(search)}"


def build_page(
    records: Iterable[Record],
    query: Query,
    after_id: int | None,
    *,
    base: str,
    entity: str,
    search: str | None,
) -> dict[str, object]:
    """One page after `after_id`. `search` is the GET query's text, carried in the next URL;
    None for a POST query, whose next URL must be POSTed with the same body."""
    matched = sorted((r for r in records if query.matches(r)), key=_record_id)
    start = (
        0
        if after_id is None
        else next((n for n, r in enumerate(matched) if _record_id(r) > after_id), len(matched))
    )
    size = query.max_records
    page = matched[start : start + size]
    next_url = prev_url = None
    if start + size < len(matched):
        next_url = _page_url(base, entity, _record_id(page[-1]), search)
    if start > 0:
        prev_start = max(0, start - size)
        prev_after = _record_id(matched[prev_start - 1]) if prev_start > 0 else None
        prev_url = _page_url(base, entity, prev_after, search)
    return {
        "items": [record_to_wire(query.project(r)) for r in page],
        "pageDetails": {
            "count": len(page),
            "requestCount": size,
            "prevPageUrl": prev_url,
            "nextPageUrl": next_url,
        },
    }
