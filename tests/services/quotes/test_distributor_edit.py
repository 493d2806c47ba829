"""A quote line whose distributor changes while its order is not sent yet leaves that order
and is queued at the new distributor (or, for a distributor procdesk does not order from,
waits among the lines not queued). Before, the line stayed on the old distributor's order
under its old part number: the edit said one distributor, the order another."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import order_lines, orders, quote_lines
from tests.support.quotes import BASE_QUOTE


def _quote(*distributors: str) -> dict[str, Any]:
    """BASE_QUOTE with one Peripherals line per distributor (part numbers P1, P2, ...)."""
    quote = copy.deepcopy(BASE_QUOTE)
    template = quote["lines"][0]
    quote["lines"] = [
        {**template, "line_number": n, "distributor": name, "distributor_part_number": f"P{n}"}
        for n, name in enumerate(distributors, 1)
    ]
    return quote


async def _orders(ledger: Ledger) -> list[tuple[Any, ...]]:
    """(reference, status, value, [(quote line number, part number)]) per order."""
    async with ledger.read() as conn:
        made = (
            await conn.execute(
                sa.select(
                    orders.c.id, orders.c.reference, orders.c.status, orders.c.total_value
                ).order_by(orders.c.id)
            )
        ).all()
        found = []
        for order in made:
            lines = await conn.execute(
                sa.select(quote_lines.c.line_number, order_lines.c.part_number)
                .join(quote_lines, quote_lines.c.id == order_lines.c.quote_line_id)
                .where(order_lines.c.order_id == order.id)
                .order_by(quote_lines.c.line_number)
            )
            found.append((order.reference, order.status, str(order.total_value), list(lines)))
        return found


CASES = [
    (  # to another distributor procdesk orders from: its order there, the old one cancelled
        ("ingram",),
        ("tdsynnex",),
        [
            ("PD-Q7001-IM-1", "cancelled", "438.0000", [(1, "P1")]),
            ("PD-Q7001-TX-1", "queued", "438.0000", [(1, "P1")]),
        ],
        [],
    ),
    (  # to one it does not order from: on no order, among the lines not queued
        ("ingram",),
        ("Harbor Cable Supply",),
        [("PD-Q7001-IM-1", "cancelled", "438.0000", [(1, "P1")])],
        [1],
    ),
    (  # one of two lines moves: the old order keeps the other, at its new value
        ("ingram", "ingram"),
        ("ingram", "tdsynnex"),
        [
            ("PD-Q7001-IM-1", "queued", "438.0000", [(1, "P1")]),
            ("PD-Q7001-TX-1", "queued", "438.0000", [(2, "P2")]),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("before", "after", "expected", "not_queued"), CASES)
async def test_a_line_whose_distributor_changes_follows_it(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    before: tuple[str, ...],
    after: tuple[str, ...],
    expected: list[tuple[Any, ...]],
    not_queued: list[int],
) -> None:
    await importer.import_file(quote_file(_quote(*before)))
    report = await importer.import_file(quote_file(_quote(*after)))
    [outcome] = report.outcomes
    assert outcome.result == "updated"
    assert await _orders(ledger) == expected
    async with ledger.read() as conn:
        waiting = await quote_store.lines_not_queued(conn)
    assert [line.line_number for line in waiting] == not_queued
