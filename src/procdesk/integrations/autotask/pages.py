"""Wire shapes of Autotask's generic responses (query pages, counts, items, metadata)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from procdesk.integrations.autotask.models import FieldInfo


class _Wire(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class PageDetails(_Wire):
    count: int = 0
    request_count: int | None = Field(default=None, alias="requestCount")
    prev_page_url: str | None = Field(default=None, alias="prevPageUrl")
    next_page_url: str | None = Field(default=None, alias="nextPageUrl")

    @property
    def says_last_page(self) -> bool:
        """True only when Autotask explicitly sent `nextPageUrl: null`."""
        return "next_page_url" in self.model_fields_set and self.next_page_url is None


class QueryPage(_Wire):
    items: list[dict[str, Any]]
    page_details: PageDetails | None = Field(default=None, alias="pageDetails")


class QueryCount(_Wire):
    query_count: int = Field(alias="queryCount")


class SingleItem(_Wire):
    item: dict[str, Any] | None = None


class ItemId(_Wire):
    item_id: int = Field(alias="itemId")


class FieldList(_Wire):
    fields: list[FieldInfo]
