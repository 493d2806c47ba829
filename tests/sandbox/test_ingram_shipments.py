"""Ingram Micro order details: shipments with carriers, tracking and serial numbers, an order
shipping in two parts, and delivery, all on the sandbox clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from procdesk.sandbox.ingram.catalog import part_by_ingram_number
from tests.support.distributor_sandbox import DistributorServer, ingram_session

HOUR = 3600
DAY = 24 * HOUR
NAS = "7SY553"  # Synology DS923+: serialized, 2 in stock, the rest ships 10 days later
MONITOR = "5QW330"  # Dell 24 monitor: in stock, not serialized


async def place(client: httpx.AsyncClient, headers: dict[str, str], part: str, qty: int) -> str:
    body = {
        "customerOrderNumber": f"PD-SHIP-{part}",
        "lines": [{"customerLineNumber": "1", "ingramPartNumber": part, "quantity": qty}],
    }
    response = await client.post("/resellers/v6/orders", json=body, headers=headers)
    assert response.status_code == 201, response.text
    number: str = response.json()["orders"][0]["ingramOrderNumber"]
    return number


async def line_of(client: httpx.AsyncClient, number: str) -> tuple[str, Any]:
    """(orderStatus, the first line) with a fresh token (tokens last a day)."""
    headers = await ingram_session(client)
    response = await client.get(f"/resellers/v6.1/orders/{number}", headers=headers)
    assert response.status_code == 200
    detail = response.json()
    return detail["orderStatus"], detail["lines"][0]


def serials(shipment: dict[str, Any]) -> list[str]:
    (carrier,) = shipment["carrierDetails"]
    (tracking,) = carrier["trackingDetails"]
    return [s["serialNumber"] for s in tracking["serialNumbers"]]


def tracking_number(shipment: dict[str, Any]) -> str:
    number: str = shipment["carrierDetails"][0]["trackingDetails"][0]["trackingNumber"]
    return number


async def test_an_order_ships_in_two_parts_with_serials_then_is_delivered(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    ordered_on = distributors.clock.now()
    eta = (ordered_on + timedelta(days=10)).date().isoformat()
    number = await place(ingram_http, await ingram_session(ingram_http), NAS, 5)

    status, line = await line_of(ingram_http, number)
    assert (status, line["shipmentDetails"]) == ("Backordered", [])
    assert (line["quantityConfirmed"], line["quantityBackOrdered"]) == (2, 3)
    assert line["backOrderETADate"] == eta

    distributors.clock.advance(2 * HOUR + 1)
    status, line = await line_of(ingram_http, number)
    assert (status, line["lineStatus"]) == ("Backordered", "Backordered")
    (first,) = line["shipmentDetails"]
    assert type(first["quantity"]) is int
    assert first["quantity"] == 2
    assert first["shippedDate"] == (ordered_on + timedelta(hours=2, seconds=1)).date().isoformat()
    first_serials = serials(first)
    assert len(first_serials) == len(set(first_serials)) == 2
    assert all(type(s) is str and 0 < len(s) <= 50 for s in first_serials)
    assert (line["backOrderETADate"], line["quantityBackOrdered"]) == (eta, 3)
    assert serials((await line_of(ingram_http, number))[1]["shipmentDetails"][0]) == first_serials

    distributors.clock.advance(10 * DAY)
    status, line = await line_of(ingram_http, number)
    assert (status, line["lineStatus"], line["quantityBackOrdered"]) == ("Shipped", "Shipped", 0)
    part_one, part_two = line["shipmentDetails"]
    assert (part_one["quantity"], part_two["quantity"]) == (2, 3)
    assert part_two["shippedDate"] == eta
    assert serials(part_one) == first_serials
    assert len(set(serials(part_two)) | set(first_serials)) == 5
    assert tracking_number(part_one) != tracking_number(part_two)

    distributors.clock.advance(3 * DAY)
    status, line = await line_of(ingram_http, number)
    assert (status, line["lineStatus"]) == ("Delivered", "Delivered")
    assert [len(serials(s)) for s in line["shipmentDetails"]] == [2, 3]


async def test_unserialized_parts_ship_without_serials(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    part = part_by_ingram_number(MONITOR)
    assert part is not None
    assert not part.serialized
    number = await place(ingram_http, await ingram_session(ingram_http), MONITOR, 4)
    distributors.clock.advance(2 * HOUR + 1)
    _, line = await line_of(ingram_http, number)
    (shipment,) = line["shipmentDetails"]
    assert shipment["quantity"] == 4
    assert serials(shipment) == []


async def test_serials_differ_between_orders_of_the_same_part(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    headers = await ingram_session(ingram_http)
    first = await place(ingram_http, headers, "8YR471", 2)
    second = await place(ingram_http, headers, "8YR471", 2)
    distributors.clock.advance(2 * HOUR + 1)
    one = serials((await line_of(ingram_http, first))[1]["shipmentDetails"][0])
    two = serials((await line_of(ingram_http, second))[1]["shipmentDetails"][0])
    assert len(one) == len(two) == 2
    assert not set(one) & set(two)


async def test_a_held_order_shows_no_shipment_and_no_serial(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    number = await place(ingram_http, await ingram_session(ingram_http), "7DL960", 3)
    distributors.clock.advance(5 * DAY)
    status, line = await line_of(ingram_http, number)
    assert (status, line["shipmentDetails"]) == ("On Hold", [])
