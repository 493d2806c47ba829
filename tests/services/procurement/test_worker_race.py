"""Several workers from their very first cycle on a fresh queue: each order is routed,
placed and followed by one worker only; nothing fails and nothing is placed twice."""

from __future__ import annotations

import asyncio
from collections import Counter

import sqlalchemy as sa

from procdesk.domain.enums import EntityType, IssueKind, OrderStatus
from procdesk.services.procurement.loop import ProcurementWorker
from procdesk.store.schema import events
from tests.support.procurement import LineSpec, Procurement, sandbox_client_factory

WORKERS = 4
ORDERS = 12


async def test_workers_racing_on_a_fresh_queue_act_once_per_order(
    procurement: Procurement,
) -> None:
    ids = []
    for n in range(ORDERS):
        spec = (
            LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471")
            if n % 2
            else LineSpec("M365-BP", "tdsynnex", "2", "22.00", part_number="ms365-bp-p1m")
        )
        company = {} if n % 2 else {"company": "Northwind Dental Group"}
        ids += await procurement.queue(f"Q-R{n}", [spec], **company)
    workers = [
        ProcurementWorker(
            procurement.ledger,
            procurement.settings,
            sandbox_client_factory(procurement.sandbox, procurement.secrets),
            owner=f"racer-{n}",
            actor=f"racer-{n}",
            clock=procurement.time.now,
        )
        for n in range(WORKERS)
    ]
    try:
        for _ in range(2):  # every worker starts at once, from the first cycle on
            await asyncio.gather(*(w.run_cycle() for w in workers))
    finally:
        for w in workers:
            await w.aclose()

    issues = await procurement.open_issues()
    assert [i for i in issues if i.kind == IssueKind.INTERNAL_ERROR] == []
    async with procurement.ledger.read() as conn:
        routed = Counter(
            (
                await conn.execute(
                    sa.select(events.c.entity_id).where(
                        events.c.entity_type == EntityType.ORDER.value,
                        events.c.action == "auto_submitted",
                    )
                )
            ).scalars()
        )
    assert routed == Counter({str(i): 1 for i in ids})
    for order_id in ids:
        assert (await procurement.order(order_id)).status is OrderStatus.ORDERED
    placed = [o["customerOrderNumber"] for o in procurement.distributor_orders("ingram")]
    placed += [o["referenceId"] for o in procurement.distributor_orders("tdsynnex")]
    assert len(placed) == ORDERS
    assert len(set(placed)) == ORDERS
