"""What the distributor cannot supply: backorders, rejected lines, sold out, discontinued,
and prices that moved since the quote."""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.enums import IssueAction, IssueKind, OrderLineStatus, OrderStatus
from tests.support.procurement import LineSpec, Procurement


async def test_backordered_part_is_ordered_with_its_eta(procurement: Procurement) -> None:
    [order_id] = await procurement.queue(
        "Q-3001", [LineSpec("DELL-5440", "ingram", "1", "1029.00", part_number="7JD552")]
    )
    await procurement.cycle(2)  # place, then the first status poll
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.BACKORDERED
    [line] = await procurement.lines(order_id)
    assert line.status == OrderLineStatus.BACKORDERED
    assert line.quantity_backordered == 1
    assert line.backorder_eta is not None


async def test_out_of_stock_part_stops_the_order_before_anything_is_sent(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue(
        "Q-3002",
        [
            LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471"),
            LineSpec("UNIFI-24", "ingram", "1", "629.00", part_number="2HB765"),
        ],
    )
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ERROR
    assert order.error_kind == IssueKind.PRODUCT_UNAVAILABLE
    assert procurement.distributor_orders("ingram") == []
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.PRODUCT_UNAVAILABLE
    assert issue.action == IssueAction.CHECK_AVAILABILITY
    assert "2HB765" in issue.message
    assert "8YR471" not in issue.message


async def test_discontinued_part_stops_the_order(procurement: Procurement) -> None:
    [order_id] = await procurement.queue(
        "Q-3003", [LineSpec("SAMSUNG-S8", "ingram", "1", "399.00", part_number="3PL904")]
    )
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ERROR
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.PRODUCT_UNAVAILABLE
    assert "discontinued" in issue.message.lower()


async def test_price_beyond_tolerance_stops_the_order(procurement: Procurement) -> None:
    # quoted at 800.00; Ingram now asks 899.00 (+12%), beyond the 5% tolerance
    [order_id] = await procurement.queue(
        "Q-3004", [LineSpec("HP-PROBOOK", "ingram", "1", "800.00", part_number="8YR471")]
    )
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ERROR
    assert order.error_kind == IssueKind.PRICE_CHANGED
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.PRICE_CHANGED
    assert "899" in issue.message
    assert procurement.distributor_orders("ingram") == []


async def test_price_within_tolerance_is_ordered(procurement: Procurement) -> None:
    [order_id] = await procurement.queue(
        "Q-3005", [LineSpec("HP-PROBOOK", "ingram", "1", "870.00", part_number="8YR471")]
    )
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED


async def test_rejected_lines_are_recorded_per_line(procurement: Procurement) -> None:
    """Ingram takes the laptop but not 20 access points (11 in stock, no backorder)."""
    procurement.new_worker(approval_threshold=Decimal("20000"))
    [order_id] = await procurement.queue(
        "Q-3006",
        [
            LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471"),
            LineSpec("MERAKI-MR36", "ingram", "20", "497.00", part_number="6YE881"),
        ],
    )
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED
    lines = {ln.part_number: ln for ln in await procurement.lines(order_id)}
    assert lines["8YR471"].status == OrderLineStatus.ORDERED
    assert lines["6YE881"].status == OrderLineStatus.REJECTED
    assert "not backorderable" in (lines["6YE881"].reject_reason or "")
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.ORDER_REJECTED
    assert "6YE881" in issue.message
    assert len(procurement.distributor_orders("ingram")) == 1
