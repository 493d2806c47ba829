"""Re-imports never rewrite history: once a charge may be in Autotask or an order was sent,
the quote's ticket, company and ship-to stay what Autotask and the distributor have."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.domain.enums import ChargeStatus, OrderStatus
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, orders, quotes
from tests.support.quotes import base_quote, snapshot

Setup = Callable[[Ledger], Awaitable[None]]


async def _charge_synced(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        first = (await conn.execute(sa.select(sa.func.min(charges.c.id)))).scalar_one()
        await conn.execute(
            charges.update()
            .where(charges.c.id == first)
            .values(status=ChargeStatus.SYNCED.value, autotask_id=900001)
        )


async def _charge_being_sent(ledger: Ledger) -> None:
    async with ledger.write() as conn:
        await conn.execute(charges.update().values(attempts=1))


def _order(status: OrderStatus, **values: Any) -> Setup:
    async def setup(ledger: Ledger) -> None:
        async with ledger.write() as conn:
            await conn.execute(orders.update().values(status=status.value, **values))

    return setup


async def _nothing(ledger: Ledger) -> None:
    return None


def _edit(field: str) -> dict[str, Any]:
    quote = base_quote()
    if field == "ticket_id":
        quote["ticket_id"] = 7002
    elif field == "ticket_number":
        quote["ticket_number"] = "T20261120.0009"
    elif field == "company_name":
        quote["company_name"] = "Contoso Dental"
    elif field == "ship_to":
        quote["ship_to"] = dict(quote["ship_to"], city="Tacoma")
    elif field == "title":
        quote["title"] = "Front desk kit (rev 2)"
    return quote


REFUSED = [
    ("charge synced", "ticket_id", "charge(s) 1 may already be in Autotask"),
    ("charge synced", "company_name", "charge(s) 1 may already be in Autotask"),
    ("charge synced", "ship_to", "charge(s) 1 may already be in Autotask"),
    ("charge send started", "ticket_number", "may already be in Autotask"),
    ("order processing", "ship_to", "sent to the distributor (PD-Q7001-IM-1, processing)"),
    ("order shipped", "company_name", "sent to the distributor (PD-Q7001-IM-1, shipped)"),
    ("order in error", "ticket_id", "sent to the distributor (PD-Q7001-IM-1, error)"),
    (
        "order cancelled after placing",
        "ship_to",
        "sent to the distributor (PD-Q7001-IM-1, cancelled)",
    ),
]
ACCEPTED = [
    ("nothing sent", "ship_to"),
    ("nothing sent", "ticket_id"),
    ("nothing sent", "company_name"),
    ("charge synced", "title"),
    ("order cancelled in the queue", "ship_to"),
]


SETUPS: dict[str, Setup] = {
    "nothing sent": _nothing,
    "charge synced": _charge_synced,
    "charge send started": _charge_being_sent,
    "order processing": _order(OrderStatus.PROCESSING),
    "order shipped": _order(OrderStatus.SHIPPED, distributor_order_id="IM-1"),
    "order in error": _order(OrderStatus.ERROR),
    "order cancelled after placing": _order(OrderStatus.CANCELLED, distributor_order_id="IM-9"),
    "order cancelled in the queue": _order(OrderStatus.CANCELLED),
}


async def _setup(ledger: Ledger, state: str) -> None:
    await SETUPS[state](ledger)


async def _ship_to_of_order(ledger: Ledger) -> dict[str, Any]:
    async with ledger.read() as conn:
        return dict((await conn.execute(sa.select(orders.c.ship_to))).scalar_one())


@pytest.mark.parametrize(
    ("state", "field", "says"), REFUSED, ids=[f"{s}: {f}" for s, f, _ in REFUSED]
)
async def test_history_fields_cannot_change_once_sent(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    state: str,
    field: str,
    says: str,
) -> None:
    await importer.import_file(quote_file())
    await _setup(ledger, state)
    before, address = await snapshot(ledger), await _ship_to_of_order(ledger)
    with pytest.raises(ImportRejected) as caught:
        await importer.import_file(quote_file(_edit(field)))
    (problem,) = caught.value.problems
    assert problem.location == "/quotes/0"
    assert problem.field == field
    assert problem.message.startswith(f"quote Q-7001: {field} changed, but ")
    assert says in problem.message
    assert "retract the quote and import the change as a new quote" in problem.message
    assert await snapshot(ledger) == before
    assert await _ship_to_of_order(ledger) == address  # the placed order's address stays


@pytest.mark.parametrize(("state", "field"), ACCEPTED, ids=[f"{s}: {f}" for s, f in ACCEPTED])
async def test_header_changes_before_anything_left(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path], state: str, field: str
) -> None:
    await importer.import_file(quote_file())
    await _setup(ledger, state)
    report = await importer.import_file(quote_file(_edit(field)))
    assert report.outcomes[0].result == "updated"
    assert report.outcomes[0].changes == [f"{field} changed"]
    async with ledger.read() as conn:
        stored = (await conn.execute(sa.select(quotes.c[field]))).scalar_one()
    if isinstance(stored, dict):  # ship_to: stored with every field, None where not given
        stored = {key: value for key, value in stored.items() if value is not None}
    assert stored == _edit(field)[field]


async def test_a_queued_order_follows_the_new_address(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    await importer.import_file(quote_file())
    await importer.import_file(quote_file(_edit("ship_to")))
    assert (await _ship_to_of_order(ledger))["city"] == "Tacoma"
