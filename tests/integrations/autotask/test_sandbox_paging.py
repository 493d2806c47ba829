"""Queries return every page exactly once, in id order, by re-querying with `id gt`."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from procdesk.integrations.autotask import AutotaskClient, F, TicketCharge
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES

CABLING_CODE = DEMO_CATEGORY_BILLING_CODES["Cabling"]
TICKETS = (7001, 7002)
PER_TICKET = 255  # 510 charges in all: more than one 500-record page


async def create_many(client: AutotaskClient) -> list[int]:
    async def create(ticket_id: int, n: int) -> int:
        body = TicketCharge(
            ticket_id=ticket_id,
            name=f"Patch lead {n}",
            notes=f"procdesk:paging:{ticket_id}:{n}",
            unit_quantity=Decimal("1"),
            billing_code_id=CABLING_CODE,
        )
        return await client.create_ticket_charge(body)

    return await asyncio.gather(*(create(t, n) for t in TICKETS for n in range(PER_TICKET)))


async def test_more_than_a_page_comes_back_exactly_once(autotask_client: AutotaskClient) -> None:
    created = await create_many(autotask_client)
    queries_before = autotask_client.requests_made["TicketCharges"]

    records = await autotask_client.query("TicketCharges", F.contains("notes", "procdesk:paging"))

    ids = [int(r["id"]) for r in records]
    assert len(ids) == len(TICKETS) * PER_TICKET
    assert ids == sorted(set(created))
    assert autotask_client.requests_made["TicketCharges"] - queries_before == 2
    assert await autotask_client.count("TicketCharges") == len(TICKETS) * PER_TICKET
    one_ticket = F.eq("ticketID", TICKETS[1])
    assert await autotask_client.count("TicketCharges", one_ticket) == PER_TICKET
    assert len(await autotask_client.list_ticket_charges(TICKETS[1])) == PER_TICKET


async def test_query_pages_in_id_order(autotask_client: AutotaskClient) -> None:
    total = await autotask_client.count("Products")

    pages = [
        page async for page in autotask_client.query_pages("Products", None, ["sku"], page_size=15)
    ]

    sizes = [len(page) for page in pages]
    assert all(size == 15 for size in sizes[:-1])
    assert 0 < sizes[-1] <= 15
    ids = [r["id"] for page in pages for r in page]
    assert len(ids) == total
    assert ids == sorted(set(ids))
    assert all(set(r) == {"id", "sku"} for page in pages for r in page)


async def test_limit_stops_early(autotask_client: AutotaskClient) -> None:
    first = await autotask_client.query("Products", None, ["id"], limit=5)
    assert len(first) == 5
    assert [r["id"] for r in first] == sorted(r["id"] for r in first)
    assert autotask_client.requests_made["Products"] == 1
