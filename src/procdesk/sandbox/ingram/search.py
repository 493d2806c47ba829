"""The order search's query parameters: paging and the filters the sandbox honours.

Filters: `customerOrderNumber` (at most 35 characters, exact), `ingramOrderNumber` (at most 11,
any case), `orderStatus` and `orderStatus-in` (OPEN, CLOSED or CANCELLED, any case;
`orderStatus-in` may repeat and may hold comma-separated values; both given must both match).
Paging: `pageSize` 1..100, default 25 (a larger size is served as 100), `pageNumber` from 1.
Choices where the vendor documentation is silent: an unknown status value, an over-long
filter or a page parameter that is not a positive integer is a 400 naming the parameter;
other documented filters (dates, part numbers, serials) are accepted and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams

from procdesk.sandbox.ingram.wire_common import ErrorField

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
SEARCH_STATUSES = frozenset({"OPEN", "CLOSED", "CANCELLED"})
MAX_LENGTHS = {"customerOrderNumber": 35, "ingramOrderNumber": 11}


@dataclass(frozen=True)
class OrderSearch:
    customer_order_number: str | None
    ingram_order_number: str | None
    statuses: tuple[frozenset[str], ...]  # every set must contain the order's status
    page_size: int
    page_number: int

    def matches(self, customer_order_number: str, ingram_order_number: str, status: str) -> bool:
        wanted = self.customer_order_number
        if wanted and customer_order_number != wanted:
            return False
        number = self.ingram_order_number
        if number and ingram_order_number != number.upper():
            return False
        return all(status in allowed for allowed in self.statuses)


def _page_value(params: QueryParams, name: str, default: int, problems: list[ErrorField]) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        problems.append(
            ErrorField(field=name, value=raw, message=f"{name} must be a positive integer.")
        )
    return value


def _statuses(name: str, raws: list[str], problems: list[ErrorField]) -> frozenset[str] | None:
    values = [v.strip().upper() for raw in raws for v in raw.split(",") if v.strip()]
    if not values:
        return None
    unknown = [v for v in values if v not in SEARCH_STATUSES]
    if unknown:
        problems.append(
            ErrorField(
                field=name,
                value=",".join(unknown),
                message=f"{name} must be one of OPEN, CLOSED, CANCELLED.",
            )
        )
    return frozenset(values)


def parse_search(params: QueryParams) -> OrderSearch | list[ErrorField]:
    """The search, or the problems with its parameters."""
    problems: list[ErrorField] = []
    for name, limit in MAX_LENGTHS.items():
        value = params.get(name, "")
        if len(value) > limit:
            message = f"{name} must be at most {limit} characters."
            problems.append(ErrorField(field=name, value=value, message=message))
    page_size = min(_page_value(params, "pageSize", DEFAULT_PAGE_SIZE, problems), MAX_PAGE_SIZE)
    page_number = _page_value(params, "pageNumber", 1, problems)
    statuses = [
        found
        for name in ("orderStatus", "orderStatus-in")
        if (found := _statuses(name, params.getlist(name), problems)) is not None
    ]
    if problems:
        return problems
    return OrderSearch(
        customer_order_number=params.get("customerOrderNumber") or None,
        ingram_order_number=params.get("ingramOrderNumber") or None,
        statuses=tuple(statuses),
        page_size=page_size,
        page_number=page_number,
    )
