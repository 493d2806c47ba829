"""Ingram status polling from the order search: details only for orders whose summary
changed or whose known dates have come. Requests are counted by the sandbox itself."""

from __future__ import annotations

from datetime import timedelta

from procdesk.integrations.ingram import IngramClient
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import INGRAM, TEST_TIMEOUT, ingram_settings, order_request
from tests.support.procurement import SandboxTime

IN_STOCK = "8YR471"
TWO_PART = "7SY553"  # a little stock, the rest backordered: ships in two parts
DETAILS = "GET /ingram/resellers/v6.1/orders/{id}"
SEARCH = "GET /ingram/resellers/v6/orders/search"


def served(sandbox: SandboxServer) -> dict[str, int]:
    counts = sandbox.runtime.stats.snapshot()["served_per_endpoint"]
    assert isinstance(counts, dict)
    sandbox.runtime.stats.reset()
    return {endpoint: int(n) for endpoint, n in counts.items()}


async def test_unchanged_orders_cost_one_search_page_and_changes_fetch_details(
    sandbox: SandboxServer,
) -> None:
    time = SandboxTime(sandbox)
    async with IngramClient(
        ingram_settings(sandbox),
        INGRAM.client_secret,
        clock=time.now,
        timeout=TEST_TIMEOUT,
        sweep_reuse_s=0,
    ) as client:
        ids = [
            (
                await client.place_order(order_request(f"PD-P{n}", "Contoso", (part, 3)))
            ).distributor_order_id
            for n, part in enumerate([IN_STOCK, IN_STOCK, TWO_PART])
        ]
        first = await client.order_statuses(ids)
        assert [s.distributor_order_id for s in first] == ids
        served(sandbox)

        again = await client.order_statuses(ids)
        assert again == first
        assert served(sandbox) == {SEARCH: 1}  # one page of summaries, no details

        time.advance(timedelta(days=1))  # the in-stock orders and the first part ship
        shipped = await client.order_statuses(ids)
        counts = served(sandbox)
        assert counts[SEARCH] == 1
        assert counts[DETAILS] == 3  # the summaries changed, or stock confirmed went out
        two_part = shipped[2].lines[0]
        assert 0 < two_part.shipped_quantity < 3
        assert two_part.shipments[0].serial_numbers  # a serialised part: one per unit
        assert len(two_part.shipments[0].serial_numbers) == two_part.shipments[0].quantity
        assert two_part.shipments[0].tracking_url


async def test_an_order_ingram_does_not_know_is_left_out_not_failing_the_batch(
    sandbox: SandboxServer,
) -> None:
    async with IngramClient(
        ingram_settings(sandbox), INGRAM.client_secret, timeout=TEST_TIMEOUT
    ) as client:
        placed = await client.place_order(order_request("PD-KNOWN", "Contoso", (IN_STOCK, 1)))
        found = await client.order_statuses([placed.distributor_order_id, "20-NOSUCH"])
    assert [s.distributor_order_id for s in found] == [placed.distributor_order_id]
