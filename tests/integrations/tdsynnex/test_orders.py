"""TD SYNNEX ION orders and SKU availability against the sandbox."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import OrderStatus
from procdesk.integrations.distributor.models import AvailabilityStatus
from procdesk.integrations.errors import (
    NotFoundError,
    ProductUnavailableError,
    RateLimitedError,
    TransientError,
    ValidationError,
)
from procdesk.integrations.tdsynnex import KeyringRefreshTokenStore, TdSynnexClient
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from tests.support.distributors import SandboxControl, order_request, tdsynnex_settings
from tests.support.keyring_entries import DEMO_ACCOUNTS

CUSTOMER = "Northwind Dental Group"
BASIC = "ms365-bb-p1m"  # COST 6.00
STANDARD = "ms365-bs-p1m"
DISCONTINUED = "ms365-bp-legacy"


def created_with(state: dict[str, object], reference: str) -> list[dict[str, object]]:
    orders = state["tdsynnex"]["orders"]  # type: ignore[index]
    return [order for order in orders if order["referenceId"] == reference]  # type: ignore[union-attr]


async def test_availability_of_active_discontinued_and_unknown_skus(
    tdsynnex_client: TdSynnexClient,
) -> None:
    results = await tdsynnex_client.availability([BASIC, DISCONTINUED, "no-such-sku"])
    assert [r.status for r in results] == [
        AvailabilityStatus.AVAILABLE,
        AvailabilityStatus.DISCONTINUED,
        AvailabilityStatus.UNKNOWN,
    ]
    assert (results[0].price, results[0].currency) == (Decimal("6.00"), "USD")


async def test_order_goes_to_the_named_customer_with_our_reference(
    tdsynnex_client: TdSynnexClient, sandbox_control: SandboxControl
) -> None:
    placed = await tdsynnex_client.place_order(
        order_request("PD-2001", CUSTOMER, (BASIC, 5), (STANDARD, 2))
    )
    assert placed.distributor_order_id.startswith("accounts/1000123/customers/500174/orders/")
    assert (placed.status, placed.raw_status) == (OrderStatus.ORDERED, "IN_PROGRESS")
    lines = placed.accepted_lines
    assert [(line.line_number, line.part_number, line.quantity) for line in lines] == [
        (1, BASIC, 5),
        (2, STANDARD, 2),
    ]
    assert len(created_with(await sandbox_control.state(), "PD-2001")) == 1


async def test_unknown_customer_is_not_found(tdsynnex_client: TdSynnexClient) -> None:
    with pytest.raises(NotFoundError, match="Nobody Ltd"):
        await tdsynnex_client.place_order(order_request("PD-2002", "Nobody Ltd", (BASIC, 1)))


@pytest.mark.parametrize(("sku", "reason"), [(DISCONTINUED, "discontinued"), ("nope", "unknown")])
async def test_unorderable_sku_stops_the_order_before_anything_is_placed(
    tdsynnex_client: TdSynnexClient, sandbox_control: SandboxControl, sku: str, reason: str
) -> None:
    with pytest.raises(ProductUnavailableError) as caught:
        await tdsynnex_client.place_order(order_request("PD-2003", CUSTOMER, (BASIC, 1), (sku, 1)))
    assert (caught.value.part_numbers, caught.value.reason) == ([sku], reason)
    assert created_with(await sandbox_control.state(), "PD-2003") == []


async def test_find_order_by_reference_across_pages(
    sandbox: SandboxServer, tdsynnex_client: TdSynnexClient, secrets: SecretStore
) -> None:
    assert await tdsynnex_client.find_order("PD-2010") is None
    placed = [
        await tdsynnex_client.place_order(order_request(f"PD-201{n}", CUSTOMER, (BASIC, 1)))
        for n in range(5)
    ]
    found = await tdsynnex_client.find_order("PD-2014")
    assert found is not None
    assert found.distributor_order_id == placed[4].distributor_order_id
    # a restarted process knows no customer for the reference: it searches the account,
    # two orders a page
    async with TdSynnexClient(
        tdsynnex_settings(sandbox),
        KeyringRefreshTokenStore(secrets, DEMO_ACCOUNTS["tdsynnex"]),
        timeout=5,
        page_size=2,
    ) as restarted:
        again = await restarted.find_order("PD-2014")
        missing = await restarted.find_order("PD-2099")
    assert again is not None
    assert again.distributor_order_id == placed[4].distributor_order_id
    assert missing is None


async def test_status_progresses_and_batches(
    tdsynnex_client: TdSynnexClient, sandbox_control: SandboxControl
) -> None:
    ok = await tdsynnex_client.place_order(order_request("PD-2020", CUSTOMER, (BASIC, 1)))
    other = await tdsynnex_client.place_order(order_request("PD-2021", CUSTOMER, (STANDARD, 3)))
    first = await tdsynnex_client.order_status(ok.distributor_order_id)
    assert first.status is OrderStatus.ORDERED
    assert first.reference == "PD-2020"
    await sandbox_control.advance(600)
    both = await tdsynnex_client.order_statuses(
        [ok.distributor_order_id, other.distributor_order_id]
    )
    assert [s.distributor_order_id for s in both] == [
        ok.distributor_order_id,
        other.distributor_order_id,
    ]
    assert [(s.status, s.raw_status) for s in both] == [
        (OrderStatus.DELIVERED, "COMPLETED"),
        (OrderStatus.DELIVERED, "COMPLETED"),
    ]


async def test_a_completed_order_reads_as_provisioned_in_full(
    tdsynnex_client: TdSynnexClient, sandbox_control: SandboxControl
) -> None:
    placed = await tdsynnex_client.place_order(order_request("PD-2025", CUSTOMER, (STANDARD, 3)))
    running = await tdsynnex_client.order_status(placed.distributor_order_id)
    assert [line.shipments for line in running.lines] == [[]]
    await sandbox_control.advance(600)
    done = await tdsynnex_client.order_status(placed.distributor_order_id)
    [[shipment]] = [line.shipments for line in done.lines]
    assert shipment.shipment_id.startswith("provisioned:")
    assert shipment.quantity == 3
    assert shipment.delivered_on is not None
    assert (shipment.carrier, shipment.tracking_number, shipment.serial_numbers) == (None, None, [])


async def test_a_batch_leaves_out_an_id_that_is_not_an_order_of_the_account(
    tdsynnex_client: TdSynnexClient,
) -> None:
    """A foreign id (another distributor's number, another account) does not sink the others."""
    placed = await tdsynnex_client.place_order(order_request("PD-2026", CUSTOMER, (BASIC, 1)))
    found = await tdsynnex_client.order_statuses(
        ["20-00004", placed.distributor_order_id, "accounts/999/customers/1/orders/2"]
    )
    assert [s.distributor_order_id for s in found] == [placed.distributor_order_id]


async def test_orders_cannot_be_cancelled_through_ion(tdsynnex_client: TdSynnexClient) -> None:
    placed = await tdsynnex_client.place_order(order_request("PD-2030", CUSTOMER, (BASIC, 1)))
    assert tdsynnex_client.can_cancel is False
    with pytest.raises(ValidationError, match="ION portal"):
        await tdsynnex_client.cancel(placed.distributor_order_id)


async def test_order_id_from_another_account_is_not_found(
    tdsynnex_client: TdSynnexClient,
) -> None:
    with pytest.raises(NotFoundError):
        await tdsynnex_client.order_status("accounts/999/customers/1/orders/2")


async def test_timeout_after_the_order_was_created_is_reconciled_by_reference(
    sandbox: SandboxServer,
    tdsynnex_store: KeyringRefreshTokenStore,
    sandbox_control: SandboxControl,
) -> None:
    await sandbox_control.set_faults("tdsynnex:POST:*/orders=timeout_after_effect:1:3")
    async with TdSynnexClient(tdsynnex_settings(sandbox), tdsynnex_store, timeout=0.5) as client:
        with pytest.raises(TransientError) as caught:
            await client.place_order(order_request("PD-2040", CUSTOMER, (BASIC, 1)))
        await sandbox_control.set_faults("")
        found = await client.find_order("PD-2040")
    assert caught.value.maybe_applied is True
    assert found is not None
    created = created_with(await sandbox_control.state(), "PD-2040")
    assert [order["id"] for order in created] == [found.distributor_order_id.rsplit("/", 1)[1]]


async def test_server_errors_rate_limits_and_resets_are_typed(
    tdsynnex_client: TdSynnexClient, sandbox_control: SandboxControl
) -> None:
    # SKU and customer looked up first (cached), so only the create meets the faults
    await tdsynnex_client.availability([BASIC])
    await tdsynnex_client.customer_id(CUSTOMER)
    order = order_request("PD-2050", CUSTOMER, (BASIC, 1))
    await sandbox_control.set_faults("tdsynnex:POST:*/orders=500")
    with pytest.raises(TransientError) as server:
        await tdsynnex_client.place_order(order)
    await sandbox_control.set_faults("tdsynnex:POST:*/orders=429:1:4")
    with pytest.raises(RateLimitedError) as limited:
        await tdsynnex_client.place_order(order)
    await sandbox_control.set_faults("tdsynnex:POST:*/orders=reset")
    with pytest.raises(TransientError) as reset:
        await tdsynnex_client.place_order(order)
    await sandbox_control.set_faults("")
    assert (server.value.status_code, server.value.maybe_applied) == (500, True)
    assert limited.value.retry_after == 4.0
    assert reset.value.status_code is None
    assert await tdsynnex_client.find_order("PD-2050") is None
