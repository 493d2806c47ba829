"""Quotes flow to orders at both distributors and are followed until they arrive."""

from __future__ import annotations

from datetime import timedelta

from procdesk.domain.enums import EntityType, OrderLineStatus, OrderStatus
from procdesk.store import credentials, events
from tests.support.procurement import LineSpec, Procurement


async def test_ingram_order_is_placed_and_followed_to_delivery_with_tracking(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue(
        "Q-2001",
        [LineSpec("HP-PROBOOK", "ingram", "2", "899.00", part_number="8YR471")],
    )
    report = await procurement.cycle()
    assert report.submitted == 1
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED
    assert order.distributor_order_id
    at_ingram = procurement.distributor_orders("ingram")
    assert [o["customerOrderNumber"] for o in at_ingram] == [order.reference]

    procurement.time.advance(timedelta(days=1))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.SHIPPED
    [line] = await procurement.lines(order_id)
    assert line.status == OrderLineStatus.SHIPPED
    assert line.tracking_numbers

    procurement.time.advance(timedelta(days=5))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.DELIVERED
    assert order.next_attempt_at is None  # no more polling
    async with procurement.ledger.read() as conn:
        trail = [e.action for e in await events.history(conn, EntityType.ORDER, order_id)]
        cred = await credentials.get(conn, procurement.worker_provider("ingram"))
    assert trail[:4] == ["queued", "auto_submitted", "sending", "placed"]
    assert "shipped" in trail
    assert trail[-1] == "delivered"
    assert cred is not None
    assert cred.token_expires_at is not None
    assert len(procurement.distributor_orders("ingram")) == 1


async def test_tdsynnex_order_is_placed_and_completes(procurement: Procurement) -> None:
    [order_id] = await procurement.queue(
        "Q-2002",
        [LineSpec("M365-BP", "tdsynnex", "10", "22.00", part_number="ms365-bp-p1m")],
        company="Northwind Dental Group",
    )
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED, order.last_error
    assert [o["referenceId"] for o in procurement.distributor_orders("tdsynnex")] == [
        order.reference
    ]
    procurement.time.advance(timedelta(hours=1))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.DELIVERED
    async with procurement.ledger.read() as conn:
        cred = await credentials.get(conn, procurement.worker_provider("tdsynnex"))
    assert cred is not None
    assert cred.refresh_expires_at is not None or cred.token_expires_at is not None
