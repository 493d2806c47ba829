"""TD SYNNEX XML emulator: price and availability, by SKU and by manufacturer part number."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from tests.support.synnexxml import XML, XmlApi, error_detail, price_request


def lines(root: ET.Element) -> list[ET.Element]:
    return root.findall("PriceAvailabilityList")


def value(line: ET.Element, tag: str) -> str:
    found = line.find(tag)
    assert found is not None, f"no <{tag}>"
    return found.text or ""


@pytest.mark.parametrize(
    ("reference", "sku", "status", "price", "total"),
    [
        (("synnexSKU", "5841203"), "5841203", "Active", "871.99", 19),
        (("mfgPN", "86Q47UT#ABA"), "5841203", "Active", "871.99", 19),
        (("mfgPN", "lat5440-i5"), "5903318", "Active", "1039.00", 13),  # any case
        (("mfgPN", "27UP850N-W"), "5527764", "Active", "389.00", 0),  # backordered
        (("mfgPN", "MR36-HW"), "6290017", "Active", "489.00", 50),  # drop-ship only
        (("mfgPN", "GS308-300PAS"), "4420981", "Discontinued", "23.99", 0),
    ],
)
def test_known_parts_answer_their_price_and_stock(
    xml_api: XmlApi,
    reference: tuple[str, str],
    sku: str,
    status: str,
    price: str,
    total: int,
) -> None:
    root = xml_api.reply("PriceAvailability", price_request(reference))
    assert root.tag == "priceResponse"
    assert error_detail(root) is None
    (line,) = lines(root)
    assert (value(line, "synnexSKU"), value(line, "status"), value(line, "price")) == (
        sku,
        status,
        price,
    )
    assert value(line, "GlobalProductStatusCode") == status
    assert int(value(line, "totalQuantity")) == total
    quantities = [int(value(w, "qty")) for w in line.findall("AvailabilityByWarehouse")]
    assert sum(quantities) == total
    assert value(line, "lineNumber") == "1"
    assert value(line, "mfgCode").isdigit()


def test_warehouses_carry_their_info_and_98_only_for_drop_ship(xml_api: XmlApi) -> None:
    root = xml_api.reply(
        "PriceAvailability", price_request(("mfgPN", "MR36-HW"), ("synnexSKU", "5841203"))
    )
    drop_ship, shelf = lines(root)
    numbers = [
        value(w, "warehouseInfo/number") for w in drop_ship.findall("AvailabilityByWarehouse")
    ]
    assert numbers == ["3", "6", "8", "14", "98"]
    (ninety_eight,) = [
        w
        for w in drop_ship.findall("AvailabilityByWarehouse")
        if value(w, "warehouseInfo/number") == "98"
    ]
    assert value(ninety_eight, "warehouseInfo/city") == "MFG Drop Shipped"
    assert value(ninety_eight, "qty") == "50"
    shelf_numbers = [
        value(w, "warehouseInfo/number") for w in shelf.findall("AvailabilityByWarehouse")
    ]
    assert "98" not in shelf_numbers
    fremont = shelf.findall("AvailabilityByWarehouse")[0]
    assert [value(fremont, f"warehouseInfo/{t}") for t in ("zipcode", "city")] == [
        "94538",
        "Fremont",
    ]


@pytest.mark.parametrize(
    ("reference", "mfg_pn"),
    [(("mfgPN", "NO-SUCH-PART"), "NO-SUCH-PART"), (("synnexSKU", "1234567"), "")],
)
def test_unknown_part_is_sku_0_not_found(
    xml_api: XmlApi, reference: tuple[str, str], mfg_pn: str
) -> None:
    (line,) = lines(xml_api.reply("PriceAvailability", price_request(reference)))
    assert [child.tag for child in line] == ["synnexSKU", "mfgPN", "status", "lineNumber"]
    assert (value(line, "synnexSKU"), value(line, "mfgPN"), value(line, "status")) == (
        "0",
        mfg_pn,
        "Not found",
    )


def test_many_lines_answer_in_request_order_with_their_numbers(xml_api: XmlApi) -> None:
    asked = [("mfgPN", "DELL-P2423D"), ("mfgPN", "nope"), ("synnexSKU", "6401875")]
    root = xml_api.reply("PriceAvailability", price_request(*asked))
    assert [value(line, "lineNumber") for line in lines(root)] == ["1", "2", "3"]
    assert [value(line, "synnexSKU") for line in lines(root)] == ["5730092", "0", "6401875"]
    assert value(root, "customerNo") == XML.customer_number
    assert value(root, "userName") == XML.username
    assert Decimal(value(lines(root)[0], "price")) == Decimal("224.00")


@pytest.mark.parametrize("form", [False, True], ids=["raw-xml", "xmldata-form"])
def test_both_body_encodings_get_the_same_answer(xml_api: XmlApi, form: bool) -> None:
    root = xml_api.reply("PriceAvailability", price_request(("mfgPN", "FG-40F")), form=form)
    (line,) = lines(root)
    assert value(line, "synnexSKU") == "6477301"


def test_text_xml_content_type_is_accepted(xml_api: XmlApi) -> None:
    response = xml_api.http.post(
        "/tdsynnex/SynnexXML/PriceAvailability",
        content=price_request(("synnexSKU", "5841203")),
        headers={"Content-Type": "text/xml; charset=utf-8"},
    )
    assert response.status_code == 200
    assert ET.fromstring(response.content).tag == "priceResponse"


@pytest.mark.parametrize(
    ("login", "expected"),
    [
        ({"user": "someone@else.example"}, "Login failed"),
        ({"password": "wrong"}, "Login failed"),
        ({"customer": "999999"}, "Invalid customer number 999999"),
    ],
)
def test_login_and_customer_number_are_checked(
    xml_api: XmlApi, login: dict[str, str], expected: str
) -> None:
    response = xml_api.post("PriceAvailability", price_request(("mfgPN", "FG-40F"), **login))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "errorResponse"
    assert (error_detail(root) or "").startswith(expected)
    assert XML.password not in response.text
