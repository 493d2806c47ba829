"""Amounts made from a quote's lines fit the ledger, or the file is refused at the quote:
each field was in range on its own, but a charge's billable amount (quantity x unit_price)
or an order's value (quantity x unit_cost, summed) could exceed what the ledger stores, and
the import then failed in the database with an OverflowError traceback. A quote that would
only be accepted later (retracted now) is refused the same way: it could never be accepted.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procdesk.domain.money import MAX_ABS
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store import charges as charge_store
from procdesk.store.ledger import Ledger
from tests.support.quotes import BASE_QUOTE, snapshot

LIMIT = str(MAX_ABS)  # 922337203685477.5807


def _quote(*lines: tuple[str, str, str, str], status: str = "accepted") -> dict[str, Any]:
    """BASE_QUOTE with lines of (distributor, quantity, unit_cost, unit_price)."""
    quote = copy.deepcopy(BASE_QUOTE)
    quote["status"] = status
    template = quote["lines"][0]
    quote["lines"] = [
        {**template, "line_number": n, "distributor": d, "quantity": q, "unit_cost": c}
        | {"unit_price": p, "distributor_part_number": f"P{n}"}
        for n, (d, q, c, p) in enumerate(lines, 1)
    ]
    return quote


REFUSED: list[tuple[dict[str, Any], str]] = [
    (
        _quote(("Harbor", "1000000", "0", "1000000000")),
        "line 1: quantity x unit_price is 1000000000000000.0000",
    ),
    (_quote(("Harbor", "2", "0", LIMIT)), "line 1: quantity x unit_price is 1844674407370955"),
    (_quote(("ingram", "3", "400000000000000", "1")), "line 1: quantity x unit_cost is"),
    (
        _quote(("ingram", "1", "600000000000000", "1"), ("ingram", "1", "600000000000000", "1")),
        "the lines add up to 2.0000 (quantity x unit_price) and 1200000000000000.0000",
    ),
    (
        _quote(("Harbor", "1", "0", "600000000000000"), ("Harbor", "1", "0", "600000000000000")),
        "the lines add up to 1200000000000000.0000 (quantity x unit_price)",
    ),
    (
        _quote(("Harbor", "2", "0", LIMIT), status="retracted"),
        "line 1: quantity x unit_price is",
    ),
]


@pytest.mark.parametrize(("quote", "message"), REFUSED)
async def test_amounts_past_the_ledger_are_refused_at_the_quote(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    quote: dict[str, Any],
    message: str,
) -> None:
    before = await snapshot(ledger)
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(quote_file(quote))
    [problem] = refused.value.problems
    assert problem.location == "/quotes/0"
    assert message in problem.message
    assert f"at most {LIMIT}" in problem.message
    assert await snapshot(ledger) == before


async def test_amounts_at_the_limit_are_stored(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    quote = _quote(("Harbor", "1", "0", LIMIT), ("ingram", "1", LIMIT, "0"))
    report = await importer.import_file(quote_file(quote))
    assert [o.result for o in report.outcomes] == ["created"]
    async with ledger.read() as conn:
        by_line = await charge_store.by_line(conn, BASE_QUOTE["id"])
    amounts = sorted(c.billable_amount for charges in by_line.values() for c in charges)
    assert amounts == [0, MAX_ABS]
