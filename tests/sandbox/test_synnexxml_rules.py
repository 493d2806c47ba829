"""TD SYNNEX XML emulator: what it refuses, and how (HTTP 200 with errorDetail)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.support.synnexxml import (
    SHIPMENT,
    XmlApi,
    credential,
    error_detail,
    item,
    price_request,
    purchase_order,
    status_request,
)

PA = price_request(("synnexSKU", "5841203"))
GOOD_ITEM = item(1, "5841203", 1)


def pa_with(lines: str, root_attributes: str = "") -> str:
    """A priceRequest with the demo login and `lines` as its body after the login."""
    head = PA.split("<skuList>", 1)[0].replace("<priceRequest>", f"<priceRequest{root_attributes}>")
    return f"{head}{lines}</priceRequest>"


def sku_line(inner: str, line: str = "1") -> str:
    return f"<skuList>{inner}<lineNumber>{line}</lineNumber></skuList>"


SKU = "<synnexSKU>5841203</synnexSKU>"
ONE_LINE = sku_line(SKU)
STATUS_TOO = (
    "</OrderRequest><OrderStatusRequest><CustomerNumber>743210</CustomerNumber>"
    "<PONumber>R</PONumber></OrderStatusRequest>"
)


def po(*items: str, **changes: str) -> str:
    return purchase_order("R-1", *(items or (GOOD_ITEM,)), **changes)


def po_edit(old: str, new: str, *items: str) -> str:
    document = po(*items)
    assert old in document
    return document.replace(old, new)


def shipment_edit(old: str, new: str) -> str:
    assert old in SHIPMENT
    return po(shipment=SHIPMENT.replace(old, new))


REFUSALS = [
    pytest.param(
        "PriceAvailability",
        pa_with(sku_line(SKU + "<mfgPN>X</mfgPN>")),
        "not both",
        id="sku-and-mfgpn",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(sku_line(SKU, "1.0")),
        "skuList[1]/lineNumber expected a whole number, got '1.0'",
        id="line-number-not-whole",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(f"<skuList>{SKU}</skuList>"),
        "skuList[1]/lineNumber is missing",
        id="line-number-missing",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(sku_line("<synnexSKU>ABC-1</synnexSKU>")),
        "expected a numeric TD SYNNEX SKU",
        id="sku-not-numeric",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(sku_line(SKU, "2") * 2),
        "lineNumber 2 appears more than once",
        id="line-number-twice",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(sku_line(SKU + "<qty>2</qty>")),
        "skuList[1]/qty is not an element of this request",
        id="unknown-element",
    ),
    pytest.param("PriceAvailability", pa_with(""), "priceRequest/skuList is missing", id="no-sku"),
    pytest.param(
        "PriceAvailability",
        pa_with("".join(sku_line(SKU, str(n)) for n in range(1, 52))),
        "priceRequest/skuList",
        id="51-lines",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(ONE_LINE + "<customerNo>1</customerNo>"),
        "<customerNo> may appear once, found 2",
        id="element-twice",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with(ONE_LINE, ' mode="x"'),
        "priceRequest/@mode is not an element of this request",
        id="unknown-attribute",
    ),
    pytest.param(
        "PriceAvailability",
        pa_with("stray text" + ONE_LINE),
        "<priceRequest> holds text beside its child elements",
        id="mixed-content",
    ),
    pytest.param(
        "PriceAvailability",
        "<priceRequest/>",
        "priceRequest must hold child elements",
        id="empty-root",
    ),
    pytest.param(
        "PO",
        po_edit("<OrderQuantity>1<", "<OrderQuantity>2.0<"),
        "OrderQuantity expected a whole number, got '2.0'",
        id="quantity-not-whole",
    ),
    pytest.param(
        "PO", po(item(1, "5841203", 0)), "OrderQuantity must be at least 1", id="quantity-0"
    ),
    pytest.param(
        "PO",
        po(item(1, "5841203", 1, price="12,50")),
        "UnitPrice expected an amount such as 12.50, got '12,50'",
        id="price-comma",
    ),
    pytest.param(
        "PO",
        po_edit("<DropShipFlag>N<", "<DropShipFlag>X<"),
        "DropShipFlag must be Y or N",
        id="flag-not-yn",
    ),
    pytest.param(
        "PO",
        po(shipment="<Shipment><ShipMethod><Code>FG</Code></ShipMethod></Shipment>"),
        "Shipment/ShipTo is missing",
        id="no-ship-to",
    ),
    pytest.param(
        "PO",
        po(GOOD_ITEM.replace(' lineNumber="1"', "")),
        "needs its lineNumber attribute or a LineNumber element",
        id="item-without-line-number",
    ),
    pytest.param(
        "PO",
        po(GOOD_ITEM.replace("<SKU>", "<LineNumber>2</LineNumber><SKU>")),
        "disagree",
        id="line-attribute-and-child-differ",
    ),
    pytest.param(
        "PO",
        po(GOOD_ITEM, item(1, "5903318", 1)),
        "line number 1 appears more than once",
        id="line-number-reused",
    ),
    pytest.param(
        "PO",
        po_edit('<BillTo code="743210"/>', '<BillTo code="1"/>'),
        "BillTo code must be the order's CustomerNumber",
        id="bill-to-other-account",
    ),
    pytest.param(
        "PO",
        purchase_order("R" * 31, GOOD_ITEM),
        "PONumber is longer than 30 characters",
        id="po-number-too-long",
    ),
    pytest.param(
        "PO", shipment_edit(">US<", ">USA<"), "Country must match", id="country-not-2-letters"
    ),
    pytest.param(
        "PO",
        purchase_order("R-1"),
        "Items must hold child elements",
        id="no-items",
    ),
    pytest.param(
        "PO",
        po_edit("</OrderRequest>", STATUS_TOO),
        "exactly one OrderRequest or OrderStatusRequest",
        id="order-and-status",
    ),
    pytest.param(
        "PO",
        f"<SynnexB2B>{credential()}</SynnexB2B>",
        "exactly one OrderRequest or OrderStatusRequest",
        id="neither",
    ),
    pytest.param(
        "PO",
        shipment_edit("<ShipMethod>", "<ShipFromWarehouse>77</ShipFromWarehouse><ShipMethod>"),
        "ShipFromWarehouse 77 is not a TD SYNNEX warehouse",
        id="unknown-warehouse",
    ),
    pytest.param(
        "PO",
        PA,
        "Unexpected root element <priceRequest>: /tdsynnex/SynnexXML/PO takes <SynnexB2B>",
        id="price-request-to-po",
    ),
    pytest.param(
        "PriceAvailability",
        status_request("R-1"),
        "takes <priceRequest>",
        id="status-to-price",
    ),
    pytest.param(
        "POStatus",
        po(),
        "takes an OrderStatusRequest",
        id="order-to-status",
    ),
    pytest.param(
        "POStatus",
        "<OrderStatusRequest/>",
        "Unexpected root element <OrderStatusRequest>",
        id="bare-status-root",
    ),
]


@pytest.mark.parametrize(("path", "document", "expected"), REFUSALS)
def test_refused_requests_say_why_in_error_detail(
    xml_api: XmlApi, path: str, document: str, expected: str
) -> None:
    response = xml_api.post(path, document)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    detail = error_detail(root)
    assert detail is not None, response.text
    assert expected in detail
    assert "Traceback" not in response.text
    assert xml_api.http.get("/_sandbox/tdsynnex_xml/orders").json()["count"] == 0


def test_an_invalid_request_reports_at_most_five_problems(xml_api: XmlApi) -> None:
    items = "".join(item(n, "5841203", 1, price="x") for n in range(1, 9))
    detail = error_detail(xml_api.reply("PO", purchase_order("R-1", items))) or ""
    assert detail.count("UnitPrice") == 5
    assert detail.endswith("(and 3 more).")


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"Content-Type": "application/json"}, 415), ({}, 415), ({"Content-Type": "text/plain"}, 415)],
)
def test_other_content_types_are_refused_at_the_http_level(
    xml_api: XmlApi, headers: dict[str, str], status: int
) -> None:
    response = xml_api.http.post(
        "/tdsynnex/SynnexXML/PriceAvailability", content=PA.encode(), headers=headers
    )
    assert response.status_code == status
    assert "application/xml" in response.text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("xmldata=a&xmldata=b", "exactly one field, xmldata"),
        ("document=%3Ca%2F%3E", "exactly one field, xmldata"),
        ("xmldata=%FF%FE", "not valid URL encoding"),
        ("", "exactly one field, xmldata"),
    ],
)
def test_forms_must_carry_one_xmldata_field(xml_api: XmlApi, body: str, expected: str) -> None:
    response = xml_api.http.post(
        "/tdsynnex/SynnexXML/PriceAvailability",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert expected in (error_detail(ET.fromstring(response.content)) or "")


@pytest.mark.parametrize("path", ["PriceAvailability", "PO", "POStatus"])
def test_only_post_is_served(xml_api: XmlApi, path: str) -> None:
    assert xml_api.http.get(f"/tdsynnex/SynnexXML/{path}").status_code == 405


def test_unknown_paths_are_404(xml_api: XmlApi) -> None:
    assert xml_api.post("FreightQuote", PA).status_code == 404


def test_a_version_attribute_on_the_root_is_accepted(xml_api: XmlApi) -> None:
    root = xml_api.reply(
        "PriceAvailability", PA.replace("<priceRequest>", '<priceRequest version="2.7">')
    )
    assert error_detail(root) is None
    assert root.find("PriceAvailabilityList/synnexSKU") is not None
