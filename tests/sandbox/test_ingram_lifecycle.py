"""Ingram Micro emulator: orders advance on the sandbox clock (ship, deliver, backorder, hold)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from tests.support.distributor_sandbox import DistributorServer, ingram_session

HOUR = 3600
DAY = 24 * HOUR


async def create(
    client: httpx.AsyncClient, headers: dict[str, str], *lines: tuple[str, int], **extra: Any
) -> str:
    body = {
        "customerOrderNumber": "PD-LIFE",
        "lines": [
            {"customerLineNumber": str(n), "ingramPartNumber": part, "quantity": qty}
            for n, (part, qty) in enumerate(lines, start=1)
        ],
        **extra,
    }
    response = await client.post("/resellers/v6/orders", json=body, headers=headers)
    assert response.status_code == 201, response.text
    number: str = response.json()["orders"][0]["ingramOrderNumber"]
    return number


async def details(client: httpx.AsyncClient, headers: dict[str, str], number: str) -> Any:
    response = await client.get(f"/resellers/v6.1/orders/{number}", headers=headers)
    assert response.status_code == 200
    return response.json()


async def test_processing_then_shipped_with_tracking_then_delivered(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    ordered_on = distributors.clock.now()
    number = await create(ingram_http, headers, ("8SD220", 5))
    assert (await details(ingram_http, headers, number))["orderStatus"] == "Processing"

    distributors.clock.advance(2 * HOUR + 1)
    shipped = await details(ingram_http, headers, number)
    assert shipped["orderStatus"] == "Shipped"
    line = shipped["lines"][0]
    assert line["lineStatus"] == "Shipped"
    (shipment,) = line["shipmentDetails"]
    assert type(shipment["quantity"]) is int
    assert shipment["quantity"] == 5
    assert type(shipment["shippedDate"]) is str
    assert shipment["estimatedDeliveryDate"] == (
        (ordered_on + timedelta(hours=2, days=3)).date().isoformat()
    )
    (carrier,) = shipment["carrierDetails"]
    assert carrier["carrierName"] == "UPS GROUND"
    (tracking,) = carrier["trackingDetails"]
    assert tracking["trackingNumber"].startswith("1Z")
    assert len(tracking["trackingNumber"]) == 18
    assert tracking["trackingUrl"].endswith(tracking["trackingNumber"])

    distributors.clock.advance(3 * DAY)

    headers = await ingram_session(ingram_http)  # tokens last a day
    delivered = await details(ingram_http, headers, number)
    assert delivered["orderStatus"] == "Delivered"
    assert delivered["lines"][0]["lineStatus"] == "Delivered"
    search = await ingram_http.get(
        "/resellers/v6/orders/search", params={"customerOrderNumber": "PD-LIFE"}, headers=headers
    )
    assert search.json()["orders"][0]["orderStatus"] == "CLOSED"


async def test_fedex_carrier_code_gives_fedex_tracking(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    number = await create(
        ingram_http, headers, ("1CV093", 1), shipmentDetails={"carrierCode": "FG"}
    )
    distributors.clock.advance(2 * HOUR + 1)
    carrier = (await details(ingram_http, headers, number))["lines"][0]["shipmentDetails"][0][
        "carrierDetails"
    ][0]
    assert carrier["carrierName"] == "FEDEX GROUND"
    assert carrier["trackingDetails"][0]["trackingNumber"].isdigit()


async def test_backordered_part_waits_for_its_eta_then_ships(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    ordered_on = distributors.clock.now()
    response = await ingram_http.post(
        "/resellers/v6/orders",
        json={
            "customerOrderNumber": "PD-BO",
            "lines": [{"customerLineNumber": "1", "ingramPartNumber": "7JD552", "quantity": 2}],
        },
        headers=headers,
    )
    assert response.status_code == 201
    order = response.json()["orders"][0]
    created_line = order["lines"][0]
    assert created_line["lineStatus"] == "Backordered"
    assert (created_line["quantityConfirmed"], created_line["quantityBackOrdered"]) == (0, 2)
    assert order["numberOfLinesWithWarning"] == 1
    number = order["ingramOrderNumber"]

    distributors.clock.advance(3 * DAY)

    headers = await ingram_session(ingram_http)  # tokens last a day
    waiting = await details(ingram_http, headers, number)
    assert waiting["orderStatus"] == "Backordered"
    line = waiting["lines"][0]
    assert line["lineStatus"] == "Backordered"
    assert line["backOrderETADate"] == (ordered_on + timedelta(days=14)).date().isoformat()
    assert line["quantityBackOrdered"] == 2
    assert line["shipmentDetails"] == []

    distributors.clock.advance(11 * DAY + 1)

    headers = await ingram_session(ingram_http)  # tokens last a day
    shipped = await details(ingram_http, headers, number)
    assert shipped["orderStatus"] == "Shipped"
    assert shipped["lines"][0]["quantityBackOrdered"] == 0
    assert shipped["lines"][0]["shipmentDetails"][0]["quantity"] == 2


async def test_partial_backorder_ships_stock_first(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    number = await create(ingram_http, headers, ("7SY553", 5))
    distributors.clock.advance(2 * HOUR + 1)
    partly = await details(ingram_http, headers, number)
    line = partly["lines"][0]
    assert (line["quantityConfirmed"], line["quantityBackOrdered"]) == (2, 3)
    assert line["lineStatus"] == "Backordered"
    assert [s["quantity"] for s in line["shipmentDetails"]] == [2]
    distributors.clock.advance(10 * DAY)
    headers = await ingram_session(ingram_http)  # tokens last a day
    line = (await details(ingram_http, headers, number))["lines"][0]
    assert [s["quantity"] for s in line["shipmentDetails"]] == [2, 3]
    assert line["lineStatus"] == "Shipped"


async def test_order_above_credit_limit_stays_on_hold_until_cancelled(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    number = await create(ingram_http, headers, ("7DL960", 3))
    distributors.clock.advance(10 * DAY)
    headers = await ingram_session(ingram_http)  # tokens last a day
    held = await details(ingram_http, headers, number)
    assert held["orderStatus"] == "On Hold"
    assert held["lines"][0]["lineStatus"] == "On Hold"
    assert held["lines"][0]["shipmentDetails"] == []
    cancel = await ingram_http.delete(f"/resellers/v6/orders/{number}", headers=headers)
    assert cancel.status_code == 200
    assert (await details(ingram_http, headers, number))["orderStatus"] == "Canceled"


async def test_snapshot_reports_orders_with_current_status(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    number = await create(ingram_http, headers, ("1CV093", 1))
    distributors.clock.advance(2 * HOUR + 1)
    snapshot = distributors.ingram.snapshot()
    assert snapshot["orders"] == [
        {
            "ingramOrderNumber": number,
            "customerOrderNumber": "PD-LIFE",
            "orderStatus": "Shipped",
            "lines": 1,
        }
    ]
    assert snapshot["tokens"] == {"issued": 1, "valid": 1}
    distributors.ingram.reset()
    assert distributors.ingram.snapshot()["orders"] == []
