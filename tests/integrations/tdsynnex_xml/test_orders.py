"""The XML client's purchase orders and order status against the sandbox."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pydantic
import pytest

from procdesk.integrations.errors import ProductUnavailableError, TransientError, ValidationError
from procdesk.integrations.tdsynnex_xml import (
    DuplicatePoError,
    PurchaseOrder,
    SynnexXmlClient,
    UnshippableOrderError,
)
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import SandboxControl
from tests.support.synnexxml import xml_credentials, xml_order

HOUR = 3600
DAY = 24 * HOUR


async def xml_orders(control: SandboxControl) -> dict[str, object]:
    response = await control.http.get("/_sandbox/tdsynnex_xml/orders")
    response.raise_for_status()
    body: dict[str, object] = response.json()
    return body


async def test_an_accepted_order_reports_its_lines(xml_client: SynnexXmlClient) -> None:
    response = await xml_client.submit_po(
        xml_order("PD-C1", ("5841203", 2), ("WD80EFZZ", 5), ("6290017", 1))
    )
    assert (response.po_number, response.code) == ("PD-C1", "accepted")
    laptop, drives, access_point = response.lines
    assert (laptop.line_number, laptop.sku, laptop.order_type) == (1, "5841203", "SO")
    assert drives.code == "backordered"
    assert isinstance(drives.eta_date, date)
    assert (access_point.ship_from_warehouse, access_point.order_type) == (98, "DS")
    assert response.rejected_lines == []
    assert len(response.order_numbers) == 3  # one per ship-from warehouse


async def test_a_non_stock_line_is_reported_as_rejected_beside_accepted_lines(
    xml_client: SynnexXmlClient,
) -> None:
    response = await xml_client.submit_po(
        xml_order("PD-C2", ("5841203", 1), ("NOT-A-PART", 3), ("GS308-300PAS", 1))
    )
    assert [line.line_number for line in response.accepted_lines] == [1]
    non_stock, discontinued = response.rejected_lines
    assert (non_stock.non_stock, non_stock.sku, non_stock.order_type) == (True, "99", "QO")
    assert "non-stock quote line" in (non_stock.problem or "")
    assert discontinued.problem == "SKU 4420981 is discontinued."


async def test_an_order_with_only_non_stock_lines_is_a_product_failure(
    xml_client: SynnexXmlClient,
) -> None:
    with pytest.raises(UnshippableOrderError) as caught:
        await xml_client.submit_po(xml_order("PD-C3", ("NOT-A-PART", 3), ("9999999", 1)))
    error = caught.value
    assert isinstance(error, ProductUnavailableError)
    assert (error.reason, error.part_numbers, error.po_number) == (
        "unknown",
        ["NOT-A-PART", "9999999"],
        "PD-C3",
    )
    assert len(error.response.lines) == 2
    assert "no line will ship" in str(error)
    assert await xml_client.po_status("PD-C3") is not None  # TD SYNNEX holds it all the same


async def test_an_order_refused_as_a_whole_keeps_the_providers_words(
    xml_client: SynnexXmlClient,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await xml_client.submit_po(xml_order("PD-C4", ("4420981", 1)))
    assert not isinstance(caught.value, DuplicatePoError)
    assert caught.value.message == (
        "No line of PO PD-C4 can be ordered: SKU 4420981 is discontinued."
    )


async def test_a_duplicate_po_is_its_own_error_and_po_status_finds_the_original(
    xml_client: SynnexXmlClient, sandbox_control: SandboxControl
) -> None:
    order = xml_order("PD-C5", ("5841203", 1))
    first = await xml_client.submit_po(order)
    with pytest.raises(DuplicatePoError) as caught:
        await xml_client.submit_po(order)
    assert caught.value.po_number == "PD-C5"
    assert "already exists" in caught.value.message
    status = await xml_client.po_status(caught.value.po_number)
    assert status is not None
    assert [line.order_number for line in status.lines] == first.order_numbers
    assert (await xml_orders(sandbox_control))["count"] == 1


async def test_after_a_timeout_the_order_is_found_instead_of_sent_twice(
    sandbox: SandboxServer, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.set_faults("tdsynnex_xml:POST:*/PO=timeout_after_effect")
    async with httpx.AsyncClient(
        base_url=sandbox.provider_urls["tdsynnex_xml"], timeout=0.5
    ) as http:
        client = SynnexXmlClient(http, xml_credentials())
        with pytest.raises(TransientError) as caught:
            await client.submit_po(xml_order("PD-C6", ("5841203", 1)))
        assert caught.value.maybe_applied is True
        await sandbox_control.set_faults("")
        assert await client.po_status("PD-C6") is not None
        with pytest.raises(DuplicatePoError):
            await client.submit_po(xml_order("PD-C6", ("5841203", 1)))
    assert (await xml_orders(sandbox_control))["count"] == 1


async def test_status_follows_the_order_to_delivery_with_packages_and_serials(
    xml_client: SynnexXmlClient, sandbox_control: SandboxControl
) -> None:
    await xml_client.submit_po(xml_order("PD-C7", ("5841203", 4), ("WD80EFZZ", 5)))
    status = await xml_client.po_status("PD-C7")
    assert status is not None
    assert [line.code for line in status.lines] == ["accepted", "backordered"]
    assert status.po_datetime is not None
    assert status.lines[0].packages == []

    await sandbox_control.advance(5 * HOUR)
    status = await xml_client.po_status("PD-C7")
    assert status is not None
    laptops, drives = status.lines
    assert (laptops.code, laptops.ship_quantity) == ("shipped", 4)
    assert len(laptops.serial_numbers) == 4
    assert len(set(laptops.tracking_numbers)) == len(laptops.packages) == 2
    assert sum(p.ship_item_quantity or 0 for p in laptops.packages) == 4
    assert (drives.code, drives.ship_quantity) == ("backordered", 3)
    assert laptops.ship_datetime is not None
    assert laptops.estimated_delivery_date == (laptops.ship_datetime + timedelta(days=2)).date()

    await sandbox_control.advance(10 * DAY)
    status = await xml_client.po_status("PD-C7")
    assert status is not None
    assert [line.code for line in status.lines] == ["delivered", "shipped"]
    assert len(status.lines[1].serial_numbers) == 5


async def test_an_unknown_po_has_no_status(xml_client: SynnexXmlClient) -> None:
    assert await xml_client.po_status("PD-NEVER") is None


async def test_the_non_stock_line_stays_accepted_and_unshipped(
    xml_client: SynnexXmlClient, sandbox_control: SandboxControl
) -> None:
    await xml_client.submit_po(xml_order("PD-C8", ("5841203", 1), ("NOT-A-PART", 1)))
    await sandbox_control.advance(60 * DAY)
    status = await xml_client.po_status("PD-C8")
    assert status is not None
    stock, quote = status.lines
    assert stock.code == "delivered"
    assert (quote.non_stock, quote.code, quote.ship_quantity, quote.packages) == (
        True,
        "accepted",
        0,
        [],
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"po_number": "P" * 31},
        {"po_number": ""},
        {"lines": []},
        {"ship_method": "fedex ground"},
        {"comment": "bell\x07"},
        {"lines": [{"line_number": 1, "synnex_sku": "1", "unit_price": "1.005", "quantity": 1}]},
    ],
)
def test_an_order_the_wire_cannot_carry_is_refused_before_sending(
    changes: dict[str, object],
) -> None:
    valid = xml_order("PD-OK", ("5841203", 1)).model_dump()
    with pytest.raises(pydantic.ValidationError):
        PurchaseOrder.model_validate({**valid, **changes})


def test_line_numbers_are_unique() -> None:
    order = xml_order("PD-OK", ("5841203", 1), ("5903318", 1))
    with pytest.raises(pydantic.ValidationError):
        PurchaseOrder.model_validate({**order.model_dump(), "lines": [order.lines[0]] * 2})
