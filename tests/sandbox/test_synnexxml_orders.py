"""TD SYNNEX XML emulator: purchase orders, duplicates, the non-stock trap, order state."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import httpx
import pytest

from tests.support.synnexxml import (
    SHIPMENT,
    XML,
    XmlApi,
    credential,
    error_detail,
    item,
    purchase_order,
    status_request,
)

DAY = 86400


def text(node: ET.Element, path: str) -> str | None:
    found = node.find(path)
    return None if found is None else found.text or ""


def items(root: ET.Element) -> list[ET.Element]:
    return root.findall("./*/Items/Item")


def orders(control: httpx.Client) -> Any:
    return control.get("/tdsynnex_xml/orders").json()


@pytest.mark.parametrize("form", [False, True], ids=["raw-xml", "xmldata-form"])
def test_an_order_is_accepted_with_order_numbers(xml_api: XmlApi, form: bool) -> None:
    document = purchase_order(
        "PD-1001",
        item(1, "5841203", 2, "871.99"),
        "<Item><LineNumber>2</LineNumber><MfgPN>DELL-P2423D</MfgPN><UnitPrice>224.00</UnitPrice>"
        "<OrderQuantity>3</OrderQuantity></Item>",
    )
    root = xml_api.reply("PO", document, form=form)
    assert root.tag == "SynnexB2B"
    assert error_detail(root) is None
    response = root.find("OrderResponse")
    assert response is not None
    assert [text(response, t) for t in ("CustomerNumber", "PONumber", "Code")] == [
        XML.customer_number,
        "PD-1001",
        "accepted",
    ]
    first, second = items(root)
    assert first.get("lineNumber") == text(first, "LineNumber") == "1"
    assert (text(first, "SKU"), text(first, "MfgPN"), text(first, "OrderType")) == (
        "5841203",
        "86Q47UT#ABA",
        "SO",
    )
    assert (text(second, "SKU"), text(second, "OrderQuantity")) == ("5730092", "3")
    for line in (first, second):
        assert (text(line, "OrderNumber") or "").isdigit()
        assert text(line, "Code") == "accepted"
        assert text(line, "ShipQuantity") == "0"
        assert text(line, "ETADate") is None
    assert text(first, "ShipFromWarehouse") == "3"  # most stock: Fremont


def test_a_duplicate_po_number_is_refused_and_nothing_is_added(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    xml_api.reply("PO", purchase_order("PD-2001", item(1, "5841203", 1)))
    for again in ("PD-2001", "pd-2001", " PD-2001 "):
        root = xml_api.reply("PO", purchase_order(again, item(1, "5903318", 1)))
        response = root.find("OrderResponse")
        assert response is not None
        assert text(response, "Code") == "rejected"
        assert "already exists" in (error_detail(root) or "")
        assert text(response, "Reason") == error_detail(root)
    assert orders(control)["count"] == 1
    (line,) = control.get("/tdsynnex_xml/orders/PD-2001").json()["lines"]
    assert line["sku"] == "5841203"


@pytest.mark.parametrize(
    ("asked", "tag"),
    [("9999999", "SKU"), ("86Q47UT#ABA", "SKU"), ("NO-SUCH-MPN", "MfgPN")],
    ids=["unknown-sku", "mpn-in-sku-field", "unknown-mfgpn"],
)
def test_unknown_parts_are_accepted_as_non_stock_quote_lines_that_never_ship(
    xml_api: XmlApi, control: httpx.Client, asked: str, tag: str
) -> None:
    root = xml_api.reply("PO", purchase_order("PD-3001", item(1, asked, 2, tag=tag)))
    assert text(root, "OrderResponse/Code") == "accepted"
    (line,) = items(root)
    assert [text(line, t) for t in ("SKU", "ProductName", "OrderType", "Code", "MfgPN")] == [
        "99",
        "NON-STOCK",
        "QO",
        "accepted",
        asked,
    ]
    control.post("/clock", json={"advance_seconds": 90 * DAY})
    (status,) = items(xml_api.reply("POStatus", status_request("PD-3001")))
    assert (text(status, "Code"), text(status, "ShipQuantity")) == ("accepted", "0")
    assert status.find("Packages") is None
    assert orders(control)["orders"][0]["lines"][0]["orderType"] == "QO"


def test_discontinued_and_unstocked_lines_are_rejected_beside_accepted_ones(
    xml_api: XmlApi,
) -> None:
    document = purchase_order(
        "PD-4001",
        item(1, "4420981", 1),  # discontinued
        item(2, "6350440", 5),  # 3 in stock, BackOrderFlag N
        item(3, "5841203", 1),
        extra="<BackOrderFlag>N</BackOrderFlag>",
    )
    discontinued, short, fine = items(xml_api.reply("PO", document))
    assert (text(discontinued, "Code"), text(discontinued, "Reason")) == (
        "rejected",
        "SKU 4420981 is discontinued.",
    )
    assert text(discontinued, "OrderNumber") is None
    assert text(short, "Code") == "rejected"
    assert "BackOrderFlag is N" in (text(short, "Reason") or "")
    assert text(fine, "Code") == "accepted"


def test_an_order_with_no_orderable_line_is_refused_and_its_po_stays_free(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    root = xml_api.reply("PO", purchase_order("PD-5001", item(1, "4420981", 1)))
    assert text(root, "OrderResponse/Code") == "rejected"
    assert "discontinued" in (error_detail(root) or "")
    assert orders(control)["count"] == 0
    retry = xml_api.reply("PO", purchase_order("PD-5001", item(1, "5841203", 1)))
    assert text(retry, "OrderResponse/Code") == "accepted"


def test_drop_ship_and_backorder_lines_say_where_and_when(xml_api: XmlApi) -> None:
    document = purchase_order("PD-6001", item(1, "6290017", 4), item(2, "5527764", 2))
    drop_ship, backordered = items(xml_api.reply("PO", document))
    assert (text(drop_ship, "ShipFromWarehouse"), text(drop_ship, "OrderType")) == ("98", "DS")
    assert text(backordered, "Code") == "backordered"
    assert len(text(backordered, "ETADate") or "") == 10
    assert text(drop_ship, "OrderNumber") != text(backordered, "OrderNumber")


def test_a_requested_warehouse_with_the_stock_is_used(xml_api: XmlApi) -> None:
    shipment = SHIPMENT.replace(
        "<ShipMethod>", "<ShipFromWarehouse>8</ShipFromWarehouse><ShipMethod>"
    )
    document = purchase_order("PD-6101", item(1, "5841203", 2), shipment=shipment)
    (line,) = items(xml_api.reply("PO", document))
    assert text(line, "ShipFromWarehouse") == "8"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"login": credential(password="nope")}, "Login failed"),
        ({"login": credential(user="x@y.example")}, "Login failed"),
        ({"customer": "111111"}, "Invalid customer number 111111"),
    ],
)
def test_orders_need_the_login_and_its_customer_number(
    xml_api: XmlApi, control: httpx.Client, change: dict[str, str], expected: str
) -> None:
    root = xml_api.reply("PO", purchase_order("PD-7001", item(1, "5841203", 1), **change))
    assert root.tag == "errorResponse"
    assert (error_detail(root) or "").startswith(expected)
    assert orders(control)["count"] == 0


@pytest.mark.parametrize("path", ["POStatus", "PO"])
def test_status_is_answered_on_both_paths(xml_api: XmlApi, path: str) -> None:
    xml_api.reply("PO", purchase_order("PD-8001", item(1, "5841203", 1)))
    root = xml_api.reply(path, status_request("PD-8001"))
    response = root.find("OrderStatusResponse")
    assert response is not None
    assert (text(response, "PONumber"), text(response, "Code")) == ("PD-8001", "accepted")
    assert text(response, "PODatetime")
    (line,) = items(root)
    assert (text(line, "SKU"), text(line, "UnitPrice"), text(line, "OrderQuantity")) == (
        "5841203",
        "871.99",
        "1",
    )


def test_status_of_an_unknown_po_is_not_found(xml_api: XmlApi) -> None:
    root = xml_api.reply("POStatus", status_request("PD-NONE"))
    assert error_detail(root) is None
    assert text(root, "OrderStatusResponse/Code") == "not found"
    assert items(root) == []


def test_control_lists_orders_by_po_number_and_reset_clears_them(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    xml_api.reply("PO", purchase_order("PD-9001", item(1, "5841203", 1), item(2, "nope", 1)))
    listed = orders(control)
    assert listed["count"] == 1
    one = control.get("/tdsynnex_xml/orders/pd-9001").json()
    assert one == listed["orders"][0]
    assert one["poNumber"] == "PD-9001"
    assert len(one["orderNumbers"]) == 2
    assert [line["sku"] for line in one["lines"]] == ["5841203", "99"]
    assert control.get("/state").json()["tdsynnex_xml"]["order_count"] == 1
    assert control.get("/tdsynnex_xml/orders/PD-NOPE").status_code == 404
    control.post("/reset").raise_for_status()
    assert orders(control) == {"count": 0, "orders": []}
