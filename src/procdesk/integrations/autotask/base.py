"""What every Autotask entity shares: queries with full paging, counts, single reads,
field metadata and picklists, thresholds and the zone. `client.AutotaskClient` adds the
entity-specific calls on top.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from procdesk.domain.enums import Provider
from procdesk.integrations.autotask.credentials import AutotaskCredentials
from procdesk.integrations.autotask.filters import F, Filter, to_filter_list
from procdesk.integrations.autotask.gate import (
    AUTOTASK_THREAD_LIMIT,
    DEFAULT_HOURLY_BUDGET,
    LocalRequestGate,
    RequestGate,
)
from procdesk.integrations.autotask.models import FieldInfo, Identified, ThresholdInfo, ZoneInfo
from procdesk.integrations.autotask.pages import FieldList, QueryCount, QueryPage, SingleItem
from procdesk.integrations.autotask.session import DEFAULT_TIMEOUT, AutotaskSession, parsed
from procdesk.integrations.closing import ClosesOnExit
from procdesk.integrations.errors import NotFoundError, ProviderError

MAX_PAGE_SIZE = 500


class AutotaskBase(ClosesOnExit):
    """Shared plumbing; use `AutotaskClient` (which adds the entity calls)."""

    def __init__(
        self,
        credentials: AutotaskCredentials,
        *,
        base_url: str | None = None,
        zone_lookup_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_in_flight: int = AUTOTASK_THREAD_LIMIT,
        hourly_budget: int = DEFAULT_HOURLY_BUDGET,
        gate: RequestGate | None = None,
    ) -> None:
        """`base_url`: the REST root ending in `/atservicesrest` (with or without `/v1.0`);
        when None it is found by zone lookup on `zone_lookup_url` (Autotask's by default).
        `gate` replaces the in-process limiter (`max_in_flight`, `hourly_budget`)."""
        self._session = AutotaskSession(
            credentials,
            gate or LocalRequestGate(max_in_flight, hourly_budget),
            base_url=base_url,
            zone_lookup_url=zone_lookup_url,
            timeout=timeout,
        )
        self._fields: dict[str, list[FieldInfo]] = {}

    async def aclose(self) -> None:
        await self._session.aclose()

    @property
    def requests_made(self) -> Counter[str]:
        """HTTP requests sent so far, per entity (`.total()` for all)."""
        return self._session.requests_made

    async def zone(self) -> ZoneInfo:
        return await self._session.zone()

    async def base_url(self) -> str:
        """The REST root in use (`.../atservicesrest/v1.0`)."""
        return await self._session.base_url()

    async def query_pages(
        self,
        entity: str,
        filter_: Filter | None = None,
        include_fields: Sequence[str] | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """Every page of a query, in id order, by re-querying with `id gt <last id>`."""
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        filters = to_filter_list(filter_)
        fields = _with_id(include_fields)
        last_id: int | None = None
        while True:
            page_filter = filters if last_id is None else [*filters, F.gt("id", last_id).to_wire()]
            body: dict[str, Any] = {"MaxRecords": page_size, "Filter": page_filter}
            if fields:
                body["IncludeFields"] = fields
            raw = await self._session.call("POST", f"{entity}/query", entity=entity, body=body)
            page = parsed(QueryPage, raw)
            if page.items:
                yield page.items
            if len(page.items) < page_size or (
                page.page_details and page.page_details.says_last_page
            ):
                return
            page_last = max(parsed(Identified, item).id for item in page.items)
            if last_id is not None and page_last <= last_id:
                raise ProviderError(
                    Provider.AUTOTASK,
                    f"paging did not advance past id {last_id}",
                    operation=f"POST {entity}/query",
                )
            last_id = page_last

    async def query(
        self,
        entity: str,
        filter_: Filter | None = None,
        include_fields: Sequence[str] | None = None,
        *,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """All matching records (every page), ordered by id; at most `limit` when given."""
        page_size = min(limit, MAX_PAGE_SIZE) if limit else MAX_PAGE_SIZE
        records: list[dict[str, Any]] = []
        async for page in self.query_pages(entity, filter_, include_fields, page_size=page_size):
            records.extend(page)
            if limit is not None and len(records) >= limit:
                return records[:limit]
        return records

    async def count(self, entity: str, filter_: Filter | None = None) -> int:
        body = {"Filter": to_filter_list(filter_)}
        raw = await self._session.call("POST", f"{entity}/query/count", entity=entity, body=body)
        return parsed(QueryCount, raw).query_count

    async def get(self, entity: str, record_id: int) -> dict[str, Any] | None:
        """One record, or None when Autotask has no such id (`{"item": null}` or 404)."""
        try:
            raw = await self._session.call("GET", f"{entity}/{record_id}", entity=entity)
        except NotFoundError:
            return None
        return parsed(SingleItem, raw).item

    async def field_info(self, entity: str) -> list[FieldInfo]:
        """Field metadata from `E/entityInformation/fields`, read once per client."""
        key = entity.lower()
        if key not in self._fields:
            path = f"{entity}/entityInformation/fields"
            raw = await self._session.call("GET", path, entity=entity)
            self._fields[key] = parsed(FieldList, raw).fields
        return self._fields[key]

    async def picklist(self, entity: str, field: str) -> dict[int, str]:
        """A picklist field's values -> labels, as Autotask serves them (never hard-coded)."""
        for info in await self.field_info(entity):
            if info.name.lower() == field.lower():
                if not info.is_pick_list:
                    raise NotFoundError(Provider.AUTOTASK, f"{entity}.{field} is not a picklist")
                return {int(v.value): v.label for v in info.picklist_values or []}
        raise NotFoundError(Provider.AUTOTASK, f"{entity} has no field {field!r}")

    async def picklist_value(self, entity: str, field: str, label: str) -> int:
        """The numeric value of a picklist label (case-insensitive)."""
        for value, text in (await self.picklist(entity, field)).items():
            if text.lower() == label.lower():
                return value
        raise NotFoundError(Provider.AUTOTASK, f"{entity}.{field} has no value {label!r}")

    async def threshold_information(self) -> ThresholdInfo:
        """The database's hourly request threshold and current use."""
        raw = await self._session.call("GET", "ThresholdInformation", entity="ThresholdInformation")
        return parsed(ThresholdInfo, raw)


def _with_id(include_fields: Sequence[str] | None) -> list[str] | None:
    """Paging needs each record's id, so IncludeFields always names it."""
    if not include_fields:
        return None
    fields = list(include_fields)
    if not any(f.lower() == "id" for f in fields):
        fields.insert(0, "id")
    return fields
