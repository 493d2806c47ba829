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
    snapshot = ingram.snapshot(detail, date(2026, 12, 1))
    assert snapshot.tracking_numbers == ["1Z999"]
    assert snapshot.backorder_eta == date(2026, 12, 7)
    assert [line.line_number for line in snapshot.lines] == [2, None]
    assert [line.status for line in snapshot.lines] == [
        OrderLineStatus.SHIPPED,
        OrderLineStatus.BACKORDERED,
    ]


def _shipped_line(line_status: str, eta: str | None) -> OrderDetail:
    return OrderDetail.model_validate(
        {
            "ingramOrderNumber": "20-VGE4C",
            "lines": [
                {
                    "customerLineNumber": "1",
                    "lineStatus": line_status,
                    "ingramPartNumber": "7SY553",
                    "quantityConfirmed": 3,
                    "shipmentDetails": [
                        {
                            "quantity": 2,
                            "shippedDate": "2026-12-01",
                            "estimatedDeliveryDate": eta,
                            "carrierDetails": [
                                {
                                    "carrierName": "UPS",
                                    "trackingDetails": [
                                        {
                                            "trackingNumber": "1Z1",
                                            "trackingUrl": "https://track.example/1Z1",
                                            "serialNumbers": [
                                                {"serialNumber": "SN-A"},
                                                {"serialNumber": "SN-B"},
                                            ],
                                        }
                                    ],
                                }
                            ],
                        },
                        {"quantity": 1, "carrierDetails": []},
                    ],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("line_status", "eta", "today", "delivered_on"),
    [
        ("Backordered", "2026-12-04", date(2026, 12, 3), None),  # on its way
        ("Backordered", "2026-12-04", date(2026, 12, 4), date(2026, 12, 4)),  # due: arrived
        ("Delivered", "2026-12-04", date(2026, 12, 2), date(2026, 12, 4)),  # line says so
        ("Shipped", None, date(2026, 12, 9), None),  # no date, not delivered
    ],
)
def test_ingram_shipments_carry_tracking_serials_and_delivery(
    line_status: str, eta: str | None, today: date, delivered_on: date | None
) -> None:
    line = ingram.snapshot(_shipped_line(line_status, eta), today).lines[0]
    first, second = line.shipments
    assert first.shipment_id == "1Z1"
    assert (first.quantity, first.carrier, first.tracking_url) == (
        2,
        "UPS",
        "https://track.example/1Z1",
    )
    assert first.serial_numbers == ["SN-A", "SN-B"]
    assert first.shipped_on == date(2026, 12, 1)
    assert first.delivered_on == delivered_on
    assert second.shipment_id == "1#2"  # no tracking number: line and position
    assert second.tracking_number is None
    assert line.shipped_quantity == 3
