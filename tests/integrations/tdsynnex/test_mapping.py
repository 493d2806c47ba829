"""TD SYNNEX payloads to procdesk's models: order statuses (unknown ones kept raw), SKU
availability."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import OrderStatus
from procdesk.integrations.distributor.models import AvailabilityStatus
from procdesk.integrations.tdsynnex import mapping as tdsynnex
from procdesk.integrations.tdsynnex.models import Order, Product


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("IN_PROGRESS", OrderStatus.ORDERED),
        ("COMPLETED", OrderStatus.DELIVERED),
        ("FAILED", OrderStatus.ERROR),
        ("CANCELLED", OrderStatus.CANCELLED),
        ("PENDING_REVIEW", OrderStatus.PROCESSING),
    ],
)
def test_tdsynnex_order_status_keeps_unknown_raw(raw: str, status: OrderStatus) -> None:
    snapshot = tdsynnex.snapshot(Order(name="accounts/1/customers/2/orders/3", status=raw))
    assert (snapshot.status, snapshot.raw_status) == (status, raw)


def test_tdsynnex_sku_availability() -> None:
    product = Product.model_validate(
        {
            "name": "accounts/1/products/p1",
            "skus": [
                {"id": "s1", "prices": [{"currency": "USD", "price": 12.99}]},
                {"id": "s2", "status": "DISCONTINUED"},
            ],
        }
    )
    offered = tdsynnex.availability("s1", product)
    assert (offered.status, offered.price) == (AvailabilityStatus.AVAILABLE, Decimal("12.99"))
    assert tdsynnex.availability("s2", product).status is AvailabilityStatus.DISCONTINUED
    assert tdsynnex.availability("s3", None).status is AvailabilityStatus.UNKNOWN
