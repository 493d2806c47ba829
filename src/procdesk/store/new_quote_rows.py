"""The rows a batch of new quotes is written as. The ids of the new lines, charges and
orders are taken up front (`take_ids`) and written with the rows, so making a batch needs no
answer from the database (no ids read back by the thousand).

The charges and orders are what `charges.create_pending` and `orders.queue_quote_lines`
write for a quote accepted later (they share their row builders), with every event, in the
order one quote at a time would record them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, QuoteStatus
from procdesk.domain.quote import LineFacts, Quote, ShipTo
from procdesk.domain.ticket_charge import new_marker_tokens
from procdesk.store.batch_insert import TableRows
from procdesk.store.charges.writes import pending_values
from procdesk.store.events import NewEvent
from procdesk.store.events import table_rows as event_rows
from procdesk.store.order_rows import (
    new_order_values,
    order_line_values,
    reference_prefix,
    ship_to_values,
)
from procdesk.store.quotes import LINE_COLUMNS, line_cells
from procdesk.store.schema import charges, order_lines, orders, quote_lines, quotes

# A quote line's row: its id, its quote's, then `line_cells`.
LINE_NAMES = ("id", "quote_id", *LINE_COLUMNS)

_QUOTE, _CHARGE, _ORDER = EntityType.QUOTE.value, EntityType.CHARGE.value, EntityType.ORDER.value


@dataclass(frozen=True)
class NewQuote:
    """A validated quote that is not in the ledger: its id, what makes its row (called when
    its batch is made, while the batch before is written: its content hash is computed
    then), its lines as validated (their rows, charges and order lines are made straight
    from them), and whether it is accepted (then its charges are made and its orderable
    lines queued)."""

    quote_id: str
    row: Callable[[], Mapping[str, Any]]
    lines: Sequence[LineFacts]
    accepted: bool


# A line of a new quote with the id it is stored as.
_Line = tuple[int, LineFacts]


def order_distributors(lines: Sequence[LineFacts]) -> set[Distributor]:
    """The distributors an accepted quote of these lines gets an order at."""
    return {line.distributor for line in lines if line.distributor.supports_ordering}


def _orderable(lines: Sequence[_Line]) -> dict[Distributor, list[_Line]]:
    """The lines (with their ids) each distributor that supports ordering gets an order of,
    in the order of the lines."""
    by_distributor: dict[Distributor, list[_Line]] = {}
    for line_id, line in lines:
        if line.distributor.supports_ordering:
            by_distributor.setdefault(line.distributor, []).append((line_id, line))
    return by_distributor


async def take_ids(conn: AsyncConnection, table: sa.Table, count: int) -> Iterator[int]:
    """Ids for `count` new rows of `table`, taken before the rows are written (they are
    written with them). SQLite: counted on from the table's largest id (the write
    transaction holds the lock, so nobody else inserts meanwhile); PostgreSQL: drawn from
    the id sequence."""
    if conn.dialect.name == "sqlite":
        found = await conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))
        first = int(found.scalar_one()) + 1
        return iter(range(first, first + count))
    drawn = await conn.execute(
        sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
        {"table": table.name, "n": count},
    )
    return iter([int(row_id) for row_id in drawn.scalars()])


class Plan(NamedTuple):
    """What every batch of an import draws on: the ids of its new rows and how many orders
    already carry each order reference prefix (counted on as orders are made)."""

    line_ids: Iterator[int]
    charge_ids: Iterator[int]
    order_ids: Iterator[int]
    taken: dict[str, int]


class BatchRows(NamedTuple):
    """The rows of a batch of new quotes, table by table (quote lines as value tuples in
    the order of `LINE_NAMES`, events as `NewEvent`s)."""

    quotes: list[dict[str, Any]]
    lines: list[tuple[Any, ...]]
    charges: list[dict[str, Any]]
    orders: list[dict[str, Any]]
    order_lines: list[dict[str, Any]]
    events: list[NewEvent]

    def inserts(self) -> list[TableRows]:
        """Every insert of the batch, in the order they run (each table's rows after the
        rows they refer to). Both backends' writes read this one list."""
        return [
            TableRows(quotes, self.quotes),
            TableRows(quote_lines, self.lines, LINE_NAMES),
            TableRows(charges, self.charges),
            TableRows(orders, self.orders),
            TableRows(order_lines, self.order_lines),
            event_rows(self.events),
        ]


def _quote(values: Mapping[str, Any], now: datetime) -> Quote:
    return Quote.model_construct(
        **{
            **values,
            "status": QuoteStatus(values["status"]),
            "ship_to": ShipTo.model_construct(**values["ship_to"]),
        },
        imported_at=now,
        updated_at=now,
    )


def batch_rows(batch: Sequence[NewQuote], plan: Plan, *, actor: str, now: datetime) -> BatchRows:
    """The rows of `batch`, quote by quote as `plan` numbers them."""
    rows = BatchRows([], [], [], [], [], [])
    values = [new.row() for new in batch]
    rows.quotes.extend({**row, "imported_at": now, "updated_at": now} for row in values)
    lines_of: list[list[_Line]] = []
    for new in batch:
        quote_id = new.quote_id
        stored = [(next(plan.line_ids), line) for line in new.lines]
        rows.lines.extend((line_id, quote_id, *line_cells(line)) for line_id, line in stored)
        lines_of.append(stored)
    for new, row, stored in zip(batch, values, lines_of, strict=True):
        _quote_rows(rows, new, row, stored, plan, actor, now)
    return rows


def _quote_rows(
    rows: BatchRows,
    new: NewQuote,
    values: Mapping[str, Any],
    lines: Sequence[_Line],
    plan: Plan,
    actor: str,
    now: datetime,
) -> None:
    """One quote's charges, orders, order lines and events (its row is `values`), added to
    `rows`."""
    quote_id = new.quote_id
    detail: dict[str, Any] = {
        "status": values["status"],
        "lines": [line.line_number for _, line in lines],
    }
    rows.events.append(NewEvent(now, actor, _QUOTE, quote_id, "imported", detail))
    if not new.accepted:
        return
    quote = _quote(values, now)  # a domain record only for a quote whose charges are made
    markers = new_marker_tokens(len(lines))
    for (line_id, line), marker in zip(lines, markers, strict=True):
        charge = pending_values(quote, line_id, line, now, marker)
        charge["id"] = charge_id = next(plan.charge_ids)
        rows.charges.append(charge)
        detail = {"quote_id": quote_id, "quote_line_id": line_id}
        rows.events.append(NewEvent(now, actor, _CHARGE, str(charge_id), "created", detail))
    orderable = _orderable(lines)
    ship_to = ship_to_values(quote) if orderable else None  # once for all its orders
    for distributor, queued in orderable.items():
        prefix = reference_prefix(quote_id, distributor)
        plan.taken[prefix] = plan.taken.get(prefix, 0) + 1
        reference = f"{prefix}{plan.taken[prefix]}"
        on_order = [line for _, line in queued]
        order_id = next(plan.order_ids)
        order = new_order_values(quote, distributor, reference, on_order, now, ship_to)
        order["id"] = order_id
        rows.orders.append(order)
        rows.order_lines.extend(order_line_values(order_id, i, line, now) for i, line in queued)
        detail = {
            "quote_id": quote_id,
            "distributor": distributor.value,
            "quote_line_ids": [line_id for line_id, _ in queued],
            "value": str(order["total_value"]),
        }
        rows.events.append(NewEvent(now, actor, _ORDER, str(order_id), "queued", detail))
