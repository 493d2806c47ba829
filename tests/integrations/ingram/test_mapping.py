"""Ingram Micro payloads to procdesk's models: statuses, availability, tracking, line numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from procdesk.domain.enums import OrderLineStatus, OrderStatus
from procdesk.integrations.distributor.models import AvailabilityStatus
from procdesk.integrations.ingram import mapping as ingram
from procdesk.integrations.ingram.models import OrderDetail, PriceAvailabilityItem


@pytest.mark.parametrize(
    ("item", "status"),
    [
        (
            {"productStatusCode": "E", "productStatusMessage": "Product is discontinued"},
            AvailabilityStatus.DISCONTINUED,
        ),
        (
            {"productStatusCode": "E", "productStatusMessage": "Invalid Ingram part number"},
            AvailabilityStatus.UNKNOWN,
        ),
        (
            {"productStatusCode": "W", "availability": {"available": True, "totalAvailability": 9}},
            AvailabilityStatus.AVAILABLE,
        ),
        (
            {"acceptBackOrder": True, "availability": {"available": False, "totalAvailability": 0}},
            AvailabilityStatus.BACKORDERABLE,
        ),
        (
            {"acceptBackOrder": False, "availability": {"totalAvailability": 0}},
            AvailabilityStatus.OUT_OF_STOCK,
        ),
    ],
)
def test_ingram_availability(item: dict[str, object], status: AvailabilityStatus) -> None:
    result = ingram.availability("8YR471", PriceAvailabilityItem.model_validate(item))
    assert result.status is status


def test_ingram_part_missing_from_the_answer_is_unknown() -> None:
    assert ingram.availability("NOPE", None).status is AvailabilityStatus.UNKNOWN


def test_ingram_price_is_exact() -> None:
    item = PriceAvailabilityItem.model_validate_json(
        '{"pricing": {"currencyCode": "USD", "customerPrice": 24.5},'
        ' "availability": {"totalAvailability": 3}}'
    )
    result = ingram.availability("1CV093", item)
    assert (result.price, result.currency, result.quantity) == (Decimal("24.5"), "USD", 3)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("Processing", OrderStatus.ORDERED),
        ("On Hold", OrderStatus.ON_HOLD),
        ("Backordered", OrderStatus.BACKORDERED),
        ("Shipped", OrderStatus.SHIPPED),
        ("Delivered", OrderStatus.DELIVERED),
        ("Canceled", OrderStatus.CANCELLED),
        ("Something New", OrderStatus.PROCESSING),
    ],
)
def test_ingram_order_status(raw: str, status: OrderStatus) -> None:
    assert ingram.order_status(raw) is status


def test_ingram_detail_collects_tracking_and_backorder_dates() -> None:
    detail = OrderDetail.model_validate(
        {
            "ingramOrderNumber": "20-VGE4C",
            "customerOrderNumber": "PD-1",
            "orderStatus": "Shipped",
            "lines": [
                {
                    "customerLineNumber": "2",
                    "lineStatus": "Shipped",
                    "ingramPartNumber": "8YR471",
                    "shipmentDetails": [
                        {
                            "quantity": 1,
                            "carrierDetails": [
                                {
                                    "carrierName": "UPS",
                                    "trackingDetails": [{"trackingNumber": "1Z999"}],
                                }
                            ],
                        }
                    ],
                },
                {
                    "customerLineNumber": "x",
                    "lineStatus": "Backordered",
                    "backOrderETADate": "2026-12-07",
                },
            ],
        }
    )
    snapshot = ingram.snapshot(detail)
    assert snapshot.tracking_numbers == ["1Z999"]
    assert snapshot.backorder_eta == date(2026, 12, 7)
    assert [line.line_number for line in snapshot.lines] == [2, None]
    assert [line.status for line in snapshot.lines] == [
        OrderLineStatus.SHIPPED,
        OrderLineStatus.BACKORDERED,
    ]
