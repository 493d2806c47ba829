"""Only orders above the approval threshold wait for a person; at or below it they go to
the distributor, also when an order already waiting drops to or below the threshold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import OrderStatus
from procdesk.services.procurement.settings import ProcurementSettings
from tests.support.procurement import LineSpec, Procurement

LAPTOPS = LineSpec("HP-PROBOOK", "ingram", "6", "899.00", part_number="8YR471")  # 5,394.00


@pytest.mark.parametrize(
    ("threshold", "value", "waits"),
    [
        ("5000", "463.92", False),  # the examples: under the threshold, never wait
        ("5000", "2567.94", False),
        ("5000", "4999.9999", False),
        ("5000", "5000", False),  # at the threshold: no approval
        ("5000", "5000.0001", True),  # above it, by the smallest stored amount
        ("5000", "18532.00", True),
        ("0", "0", False),
        ("0", "0.0001", True),  # a threshold of 0: every order with a value waits
        ("250000", "18532.00", False),
    ],
)
def test_only_orders_above_the_threshold_need_approval(
    threshold: str, value: str, waits: bool
) -> None:
    settings = ProcurementSettings(approval_threshold=Decimal(threshold))
    assert settings.needs_approval(Decimal(value)) is waits


async def test_a_waiting_order_no_longer_above_the_threshold_goes_on(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-7001", [LAPTOPS])
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.AWAITING_APPROVAL

    procurement.new_worker(approval_threshold=Decimal("6000"))  # the admin raises it
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED
    assert order.approved_by is None  # nobody approved it: it did not need approval
    assert len(procurement.distributor_orders("ingram")) == 1


async def test_a_waiting_order_still_above_the_threshold_keeps_waiting(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-7002", [LAPTOPS])
    await procurement.cycle()
    procurement.new_worker(approval_threshold=Decimal("5393.99"))
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.AWAITING_APPROVAL
    assert procurement.distributor_orders("ingram") == []
