"""Ingram Micro orders and availability against the sandbox, on the sandbox clock."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from procdesk.domain.enums import OrderLineStatus, OrderStatus
from procdesk.integrations.distributor.models import AvailabilityStatus
from procdesk.integrations.errors import (
    NotFoundError,
    ProviderError,
    RateLimitedError,
    TransientError,
    ValidationError,
)
from procdesk.integrations.ingram import IngramClient
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import INGRAM, SandboxControl, ingram_settings, order_request

CUSTOMER = "Northwind Dental Group"
IN_STOCK = "8YR471"  # HP ProBook, 17 in stock, 899.00
SWITCH = "1CV093"  # Netgear switch, plenty in stock
BACKORDERABLE = "7JD552"  # none in stock, ships in 14 days
NOT_BACKORDERABLE = "2HB765"  # none in stock, no backorder
DISCONTINUED = "2BR902"
HOURS = 3600
DAYS = 86400


async def test_availability_covers_every_kind_of_part(ingram_client: IngramClient) -> None:
    parts = [IN_STOCK, BACKORDERABLE, NOT_BACKORDERABLE, DISCONTINUED, "ZZ0000"]
    results = await ingram_client.availability(parts)
    by_part = {result.part_number: result for result in results}
    assert [result.part_number for result in results] == parts
    assert by_part[IN_STOCK].status is AvailabilityStatus.AVAILABLE
    assert by_part[IN_STOCK].quantity == 17
    assert (by_part[IN_STOCK].price, by_part[IN_STOCK].currency) == (Decimal("899.00"), "USD")
    assert by_part[BACKORDERABLE].status is AvailabilityStatus.BACKORDERABLE
    assert by_part[NOT_BACKORDERABLE].status is AvailabilityStatus.OUT_OF_STOCK
    assert by_part[DISCONTINUED].status is AvailabilityStatus.DISCONTINUED
    assert by_part["ZZ0000"].status is AvailabilityStatus.UNKNOWN
    assert by_part[DISCONTINUED].raw_status  # Ingram's own message stays visible


async def test_order_is_placed_with_our_reference_and_line_numbers(
    ingram_client: IngramClient,
) -> None:
    placed = await ingram_client.place_order(
        order_request("PD-1001", CUSTOMER, (IN_STOCK, 2), (SWITCH, 5))
    )
    assert placed.reference == "PD-1001"
    assert placed.distributor_order_id
    assert placed.status is OrderStatus.ORDERED
    assert placed.rejected_lines == []
    assert sorted(
        (line.line_number, line.part_number, line.quantity) for line in placed.accepted_lines
    ) == [
        (1, IN_STOCK, 2),
        (2, SWITCH, 5),
    ]


async def test_partial_acceptance_returns_the_rejected_lines(ingram_client: IngramClient) -> None:
    placed = await ingram_client.place_order(
        order_request("PD-1002", CUSTOMER, (IN_STOCK, 1), (DISCONTINUED, 1), (NOT_BACKORDERABLE, 2))
    )
    assert [line.line_number for line in placed.accepted_lines] == [1]
    rejected = {line.line_number: line for line in placed.rejected_lines}
    assert sorted(rejected) == [2, 3]
    assert rejected[2].part_number == DISCONTINUED
    assert rejected[3].quantity == 2
    assert all(line.reason for line in placed.rejected_lines)


async def test_an_order_with_every_line_rejected_keeps_ingrams_words(
    ingram_client: IngramClient,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await ingram_client.place_order(order_request("PD-1003", CUSTOMER, (DISCONTINUED, 1)))
    assert caught.value.status_code == 400
    assert "every line was rejected" in caught.value.message
    assert len(caught.value.errors) >= 2  # the summary, then each line's reason
    assert await ingram_client.find_order("PD-1003") is None


async def test_find_order_by_reference(ingram_client: IngramClient) -> None:
    assert await ingram_client.find_order("PD-1004") is None
    placed = await ingram_client.place_order(order_request("PD-1004", CUSTOMER, (IN_STOCK, 1)))
    found = await ingram_client.find_order("PD-1004")
    assert found is not None
    assert found.distributor_order_id == placed.distributor_order_id
    assert [line.line_number for line in found.accepted_lines] == [1]


async def test_order_progresses_to_shipped_with_tracking_then_delivered(
    ingram_client: IngramClient, sandbox_control: SandboxControl
) -> None:
    placed = await ingram_client.place_order(order_request("PD-1005", CUSTOMER, (IN_STOCK, 1)))
    first = await ingram_client.order_status(placed.distributor_order_id)
    assert (first.status, first.raw_status) == (OrderStatus.ORDERED, "Processing")
    assert first.tracking_numbers == []
    await sandbox_control.advance(3 * HOURS)
    shipped = await ingram_client.order_status(placed.distributor_order_id)
    assert shipped.status is OrderStatus.SHIPPED
    assert shipped.reference == "PD-1005"
    assert shipped.tracking_numbers
    assert shipped.lines[0].carrier
    await sandbox_control.advance(4 * DAYS)
    delivered = await ingram_client.order_status(placed.distributor_order_id)
    assert delivered.status is OrderStatus.DELIVERED
    assert delivered.lines[0].status is OrderLineStatus.DELIVERED


async def test_backordered_line_has_an_eta_and_ships_later(
    ingram_client: IngramClient, sandbox_control: SandboxControl
) -> None:
    placed = await ingram_client.place_order(order_request("PD-1006", CUSTOMER, (BACKORDERABLE, 3)))
    await sandbox_control.advance(3 * HOURS)
    waiting = await ingram_client.order_status(placed.distributor_order_id)
    assert waiting.status is OrderStatus.BACKORDERED
    assert waiting.lines[0].status is OrderLineStatus.BACKORDERED
    assert waiting.lines[0].backordered_quantity == 3
    assert waiting.backorder_eta is not None
    await sandbox_control.advance(15 * DAYS)
    later = await ingram_client.order_status(placed.distributor_order_id)
    assert later.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)
    assert later.tracking_numbers


async def test_order_statuses_reads_many(ingram_client: IngramClient) -> None:
    ids = [
        (
            await ingram_client.place_order(order_request(f"PD-11{n}", CUSTOMER, (SWITCH, 1)))
        ).distributor_order_id
        for n in range(5)
    ]
    snapshots = await ingram_client.order_statuses(ids)
    assert [snapshot.distributor_order_id for snapshot in snapshots] == ids
    assert [snapshot.reference for snapshot in snapshots] == [f"PD-11{n}" for n in range(5)]


async def test_cancel_before_shipping(
    ingram_client: IngramClient, sandbox_control: SandboxControl
) -> None:
    placed = await ingram_client.place_order(order_request("PD-1007", CUSTOMER, (IN_STOCK, 1)))
    cancelled = await ingram_client.cancel(placed.distributor_order_id)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.raw_status == "Canceled"
    shipped = await ingram_client.place_order(order_request("PD-1008", CUSTOMER, (IN_STOCK, 1)))
    await sandbox_control.advance(3 * HOURS)
    with pytest.raises(ProviderError) as caught:
        await ingram_client.cancel(shipped.distributor_order_id)
    assert not caught.value.retryable


async def test_unknown_order_is_not_found(ingram_client: IngramClient) -> None:
    with pytest.raises(NotFoundError):
        await ingram_client.order_status("20-NOSUCH")


async def test_timeout_after_the_order_was_created_is_reconciled_by_reference(
    sandbox: SandboxServer, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.set_faults("ingram:POST:*/resellers/v6/orders=timeout_after_effect:1:3")
    order = order_request("PD-1009", CUSTOMER, (IN_STOCK, 1))
    async with IngramClient(ingram_settings(sandbox), INGRAM.client_secret, timeout=0.5) as client:
        with pytest.raises(TransientError) as caught:
            await client.place_order(order)
        await sandbox_control.set_faults("")
        found = await client.find_order("PD-1009")
    assert caught.value.maybe_applied is True
    assert found is not None
    orders = (await sandbox_control.state())["ingram"]["orders"]
    assert [o["ingramOrderNumber"] for o in orders if o["customerOrderNumber"] == "PD-1009"] == [
        found.distributor_order_id
    ]


async def test_server_errors_and_rate_limits_are_typed(
    ingram_client: IngramClient, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.set_faults("ingram:POST:*priceandavailability*=500")
    with pytest.raises(TransientError) as server:
        await ingram_client.availability([IN_STOCK])
    await sandbox_control.set_faults("ingram:POST:*priceandavailability*=429:1:7")
    with pytest.raises(RateLimitedError) as limited:
        await ingram_client.availability([IN_STOCK])
    assert server.value.status_code == 500
    assert server.value.maybe_applied is False
    assert limited.value.retry_after == 7.0
    # each call carried its own correlation id, named in the error for Ingram support
    ids = [re.search(r"IM-CorrelationID (\w{32})\)", e.value.operation) for e in (server, limited)]
    assert ids[0] is not None
    assert ids[1] is not None
    assert ids[0].group(1) != ids[1].group(1)
