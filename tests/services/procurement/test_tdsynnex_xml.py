"""TD SYNNEX hardware through the XML interface, end to end over loopback HTTP: placed with
our PO number, followed to shipped (packages, tracking, serials) and delivered; a timeout
after TD SYNNEX took the PO never orders twice; the non-stock trap is a rejection."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from procdesk.domain.enums import (
    Distributor,
    EntityType,
    IssueKind,
    OrderLineStatus,
    OrderStatus,
)
from procdesk.integrations.distributor.models import OrderLineRequest, OrderRequest, ShipTo
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProductUnavailableError
from procdesk.store import credentials, events
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import LineSpec, Procurement, sandbox_client_factory

US_SHIP_TO: dict[str, Any] = {
    "company": "Northwind Dental Group",
    "contact": "Dana Reyes",
    "address_lines": ["410 Harbor Blvd"],
    "city": "Tacoma",
    "state": "WA",
    "postal_code": "98402",
    "country_code": "US",
    "phone": "+1 253 555 0100",
    "email": "dana@northwind.example",
}
PROBOOK = LineSpec("86Q47UT#ABA", "tdsynnex_xml", "2", "871.99")


def xml_client(env: Procurement) -> DistributorClient:
    return sandbox_client_factory(env.sandbox, env.secrets)(Distributor.TDSYNNEX_XML)


def xml_orders(env: Procurement) -> list[dict[str, Any]]:
    response = httpx.get(f"{env.sandbox.base_url}/_sandbox/tdsynnex_xml/orders")
    response.raise_for_status()
    return list(response.json()["orders"])


async def test_hardware_order_goes_through_xml_to_delivery_with_tracking_and_serials(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-7001", [PROBOOK], ship_to=US_SHIP_TO)
    report = await procurement.cycle()
    assert report.submitted == 1
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED, order.last_error
    assert order.distributor_order_id == order.reference  # TD SYNNEX looks orders up by PO
    assert "TD SYNNEX order" in (order.distributor_status or "")
    [at_synnex] = xml_orders(procurement)
    assert at_synnex["poNumber"] == order.reference
    assert procurement.distributor_orders("tdsynnex") == []  # nothing went to ION

    procurement.time.advance(timedelta(hours=5))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.SHIPPED
    [line] = await procurement.lines(order_id)
    assert line.status == OrderLineStatus.SHIPPED
    assert line.tracking_numbers

    procurement.time.advance(timedelta(days=3))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.DELIVERED
    async with procurement.ledger.read() as conn:
        trail = [e.action for e in await events.history(conn, EntityType.ORDER, order_id)]
        cred = await credentials.get(conn, procurement.worker_provider("tdsynnex_xml"))
    assert trail[:4] == ["queued", "auto_submitted", "sending", "placed"]
    assert "shipped" in trail
    assert trail[-1] == "delivered"
    assert cred is not None
    assert cred.state.value == "ok"
    assert len(xml_orders(procurement)) == 1


async def test_snapshot_carries_packages_as_shipments_with_serials(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-7002", [PROBOOK], ship_to=US_SHIP_TO)
    await procurement.cycle()
    order = await procurement.order(order_id)
    procurement.time.advance(timedelta(hours=5))
    client = sandbox_client_factory(procurement.sandbox, procurement.secrets)(order.distributor)
    async with client:
        snapshot = await client.order_status(order.reference)
    [line] = snapshot.lines
    assert line.status == OrderLineStatus.SHIPPED
    assert line.shipments
    assert sum(len(s.serial_numbers) for s in line.shipments) == 2  # one per laptop
    assert all(s.tracking_number for s in line.shipments)
    assert all(s.shipped_on is not None for s in line.shipments)


async def test_timeout_after_the_po_took_effect_leaves_exactly_one_order_at_tdsynnex(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-7003", [PROBOOK], ship_to=US_SHIP_TO)
    procurement.set_faults("tdsynnex_xml:POST:*/SynnexXML/PO=timeout_after_effect:1:3")
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.PROCESSING, order.last_error
    assert len(xml_orders(procurement)) == 1  # it did reach TD SYNNEX

    procurement.set_faults("")
    procurement.time.advance(timedelta(minutes=2))
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ORDERED, order.last_error
    assert len(xml_orders(procurement)) == 1  # looked up by PO number, never resent


async def test_an_unknown_part_stops_the_order_before_anything_reaches_tdsynnex(
    procurement: Procurement,
) -> None:
    unknown = LineSpec("NO-SUCH-PART-9", "tdsynnex_xml", "1", "50.00")
    [order_id] = await procurement.queue("Q-7004", [PROBOOK, unknown], ship_to=US_SHIP_TO)
    await procurement.cycle()
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.ERROR
    assert "NO-SUCH-PART-9" in (order.last_error or "")
    assert xml_orders(procurement) == []
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.PRODUCT_UNAVAILABLE


def _request(reference: str, *parts: str) -> OrderRequest:
    return OrderRequest(
        reference=reference,
        customer_name="Northwind Dental Group",
        ship_to=ShipTo(
            company_name="Northwind Dental Group",
            address_lines=["410 Harbor Blvd"],
            city="Tacoma",
            state="WA",
            postal_code="98402",
            country_code="US",
        ),
        lines=[
            OrderLineRequest(line_number=n, part_number=part, quantity=1)
            for n, part in enumerate(parts, start=1)
        ],
    )


async def test_the_non_stock_trap_is_a_rejected_line_or_a_failed_order(
    procurement: Procurement,
) -> None:
    """TD SYNNEX "accepts" an unknown part as a non-stock quote line (SKU 99, QO)."""
    client = xml_client(procurement)
    async with client:
        placed = await client.place_order(_request("PD-TRAP-1", "86Q47UT#ABA", "NOPE-1"))
        with pytest.raises(ProductUnavailableError) as caught:
            await client.place_order(_request("PD-TRAP-2", "NOPE-2"))
    assert [line.part_number for line in placed.accepted_lines] == ["86Q47UT#ABA"]
    [rejected] = placed.rejected_lines
    assert rejected.line_number == 2
    assert "non-stock" in rejected.reason
    assert caught.value.part_numbers == ["NOPE-2"]


async def test_resubmitting_a_po_tdsynnex_holds_adopts_it(procurement: Procurement) -> None:
    client = xml_client(procurement)
    async with client:
        first = await client.place_order(_request("PD-TWICE-1", "86Q47UT#ABA"))
        again = await client.place_order(_request("PD-TWICE-1", "86Q47UT#ABA"))
    assert again.distributor_order_id == first.distributor_order_id == "PD-TWICE-1"
    assert [o["poNumber"] for o in xml_orders(procurement)] == ["PD-TWICE-1"]


async def test_a_hardware_line_without_xml_credentials_is_an_issue_not_a_silent_skip(
    procurement: Procurement,
) -> None:
    procurement.secrets.delete(demo_entry("tdsynnex_xml"), "password")
    [order_id] = await procurement.queue("Q-7005", [PROBOOK], ship_to=US_SHIP_TO)
    cloud = LineSpec("M365-BP", "tdsynnex", "10", "22.00", part_number="ms365-bp-p1m")
    [cloud_id] = await procurement.queue("Q-7006", [cloud], company="Northwind Dental Group")
    report = await procurement.cycle()
    assert Distributor.TDSYNNEX_XML in report.paused
    assert (await procurement.order(order_id)).status == OrderStatus.PROCESSING
    assert (await procurement.order(cloud_id)).status == OrderStatus.ORDERED  # ION goes on
    [issue] = [i for i in await procurement.open_issues() if i.provider is not None]
    assert issue.provider.value == "tdsynnex_xml"
    assert "procdesk auth tdsynnex-xml" in issue.message
    assert xml_orders(procurement) == []
