"""TD SYNNEX XML emulator: orders ship in packages with tracking and serials, then deliver,
as the sandbox clock moves; backordered quantities ship at their ETA."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from decimal import Decimal

import httpx

from tests.support.synnexxml import SHIPMENT, XmlApi, item, purchase_order, status_request

HOUR = 3600
DAY = 24 * HOUR


def advance(control: httpx.Client, seconds: float) -> datetime:
    response = control.post("/clock", json={"advance_seconds": seconds})
    return datetime.fromisoformat(response.json()["now"])


def now(control: httpx.Client) -> datetime:
    return datetime.fromisoformat(control.get("/clock").json()["now"])


def lines(xml_api: XmlApi, po_number: str) -> list[ET.Element]:
    return xml_api.reply("POStatus", status_request(po_number)).findall(
        "OrderStatusResponse/Items/Item"
    )


def text(node: ET.Element, path: str) -> str | None:
    found = node.find(path)
    return None if found is None else found.text or ""


def test_in_stock_line_ships_in_packages_with_tracking_and_serials_then_delivers(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    ordered_at = now(control)
    xml_api.reply("PO", purchase_order("PD-P1", item(1, "5841203", 7)))  # 5.8 lb notebooks
    (line,) = lines(xml_api, "PD-P1")
    assert (text(line, "Code"), text(line, "ShipDatetime"), line.find("Packages")) == (
        "accepted",
        None,
        None,
    )
    ships_on = (ordered_at + timedelta(hours=4)).date().isoformat()
    assert text(line, "EstimatedShipDate") == ships_on

    advance(control, 4 * HOUR + 60)
    (line,) = lines(xml_api, "PD-P1")
    assert text(line, "Code") == "shipped"
    assert text(line, "ShipQuantity") == "7"
    shipped_at = datetime.fromisoformat(text(line, "ShipDatetime") or "")
    # ShipDatetime has whole seconds, and the order was placed just after `ordered_at`
    assert abs(shipped_at - ordered_at - timedelta(hours=4)) < timedelta(seconds=2)
    packages = line.findall("Packages/Package")
    assert [text(p, "ShipItemQuantity") for p in packages] == ["3", "3", "1"]  # 20 lb cartons
    serials = [serial.text for p in packages for serial in p.findall("SerialNo")]
    assert len(serials) == len(set(serials)) == 7
    for package in packages:
        assert re.fullmatch(r"[0-9]{12}", text(package, "TrackingNumber") or "")  # FedEx (FG)
        assert Decimal(text(package, "Weight") or "0") > 0
        assert len(package.findall("SerialNo")) == int(text(package, "ShipItemQuantity") or 0)
    delivery = date.fromisoformat(text(line, "EstimatedDeliveryDate") or "")
    assert delivery == (shipped_at + timedelta(days=2)).date()

    advance(control, 2 * DAY)
    (line,) = lines(xml_api, "PD-P1")
    assert text(line, "Code") == "delivered"
    assert [text(p, "TrackingNumber") for p in line.findall("Packages/Package")] == [
        text(p, "TrackingNumber") for p in packages
    ]


def test_a_backordered_line_ships_what_is_on_the_shelf_then_the_rest_at_its_eta(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    ordered_at = now(control)
    xml_api.reply("PO", purchase_order("PD-P2", item(1, "6350440", 5)))  # 3 on the shelf
    (line,) = lines(xml_api, "PD-P2")
    eta = date.fromisoformat(text(line, "ETADate") or "")
    assert eta == (ordered_at + timedelta(days=9)).date()
    assert text(line, "Code") == "backordered"

    advance(control, 5 * HOUR)
    (line,) = lines(xml_api, "PD-P2")
    assert (text(line, "Code"), text(line, "ShipQuantity")) == ("backordered", "3")
    assert len(line.findall("Packages/Package/SerialNo")) == 3

    advance(control, 9 * DAY)
    (line,) = lines(xml_api, "PD-P2")
    assert (text(line, "Code"), text(line, "ShipQuantity")) == ("shipped", "5")
    assert len(line.findall("Packages/Package/SerialNo")) == 5
    assert datetime.fromisoformat(text(line, "ShipDatetime") or "").date() == eta


def test_drop_ship_ships_after_a_day_and_ups_codes_get_ups_tracking(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    ups = SHIPMENT.replace("<Code>FG</Code>", "<Code>UPG</Code>")
    xml_api.reply("PO", purchase_order("PD-P3", item(1, "6290017", 2), shipment=ups))
    advance(control, 23 * HOUR)
    assert text(lines(xml_api, "PD-P3")[0], "Code") == "accepted"
    advance(control, 2 * HOUR)
    (line,) = lines(xml_api, "PD-P3")
    assert (text(line, "Code"), text(line, "ShipFromWarehouse")) == ("shipped", "98")
    tracking = [text(p, "TrackingNumber") or "" for p in line.findall("Packages/Package")]
    assert tracking
    assert all(re.fullmatch(r"1Z[A-Z0-9]{16}", number) for number in tracking)


def test_unserialised_parts_ship_without_serial_numbers(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    xml_api.reply("PO", purchase_order("PD-P4", item(1, "6401875", 12)))  # webcams
    advance(control, 5 * HOUR)
    (line,) = lines(xml_api, "PD-P4")
    packages = line.findall("Packages/Package")
    assert [text(p, "ShipItemQuantity") for p in packages] == ["10", "2"]
    assert line.findall("Packages/Package/SerialNo") == []


def test_numbers_repeat_with_the_seed_after_a_reset(xml_api: XmlApi, control: httpx.Client) -> None:
    def place() -> list[str | None]:
        root = xml_api.reply("PO", purchase_order("PD-P5", item(1, "5841203", 1)))
        return [text(line, "OrderNumber") for line in root.findall("OrderResponse/Items/Item")]

    first = place()
    control.post("/reset").raise_for_status()
    assert place() == first
