"""TD SYNNEX XML over loopback HTTP: request documents written by hand, replies as elements.

The sandbox tests build their XML here, independently of procdesk's XML client, so the
emulator and the client cannot agree on a mistake.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

import httpx
from pydantic import SecretStr

from procdesk.integrations.tdsynnex_xml import (
    Address,
    PurchaseOrder,
    PurchaseOrderLine,
    SynnexXmlCredentials,
)
from procdesk.sandbox.credentials import DEMO_CREDENTIALS

XML = DEMO_CREDENTIALS.tdsynnex_xml
XML_PREFIX = "/tdsynnex/SynnexXML"
XML_HEADERS = {"Content-Type": "application/xml"}


def price_request(
    *parts: tuple[str, str],
    customer: str = XML.customer_number,
    user: str = XML.username,
    password: str = XML.password,
) -> str:
    """`parts`: (element, value) per line, e.g. ("synnexSKU", "5841203") or ("mfgPN", "X")."""
    lines = "".join(
        f"<skuList><{tag}>{escape(value)}</{tag}><lineNumber>{n}</lineNumber></skuList>"
        for n, (tag, value) in enumerate(parts, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><priceRequest>'
        f"<customerNo>{escape(customer)}</customerNo><userName>{escape(user)}</userName>"
        f"<password>{escape(password)}</password>{lines}</priceRequest>"
    )


def credential(user: str = XML.username, password: str = XML.password) -> str:
    return (
        f"<Credential><UserID>{escape(user)}</UserID>"
        f"<Password>{escape(password)}</Password></Credential>"
    )


SHIPMENT = (
    "<Shipment><ShipTo><AddressName1>Northwind Dental Group</AddressName1>"
    "<AddressLine1>410 Harbor Blvd</AddressLine1><City>Tacoma</City><State>WA</State>"
    "<ZipCode>98402</ZipCode><Country>US</Country></ShipTo>"
    "<ShipToContact><ContactName>Front Desk</ContactName><PhoneNumber>555-0100</PhoneNumber>"
    "<EmailAddress>it@northwind-dental.example</EmailAddress></ShipToContact>"
    "<ShipMethod><Code>FG</Code></ShipMethod></Shipment>"
)


def item(line: int, sku: str, quantity: int, price: str = "100.00", *, tag: str = "SKU") -> str:
    """One Item with its line number as the attribute (as one public client sends it)."""
    return (
        f'<Item lineNumber="{line}"><{tag}>{escape(sku)}</{tag}>'
        f"<UnitPrice>{price}</UnitPrice><OrderQuantity>{quantity}</OrderQuantity></Item>"
    )


def purchase_order(
    po_number: str,
    *items: str,
    customer: str = XML.customer_number,
    login: str | None = None,
    shipment: str = SHIPMENT,
    extra: str = "",
) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><SynnexB2B>{login or credential()}'
        f"<OrderRequest><CustomerNumber>{escape(customer)}</CustomerNumber>"
        f"<PONumber>{escape(po_number)}</PONumber><DropShipFlag>N</DropShipFlag>"
        f'{shipment}<Payment><BillTo code="{escape(customer)}"/></Payment>'
        f"<Items>{''.join(items)}</Items>{extra}</OrderRequest></SynnexB2B>"
    )


def status_request(po_number: str, customer: str = XML.customer_number) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><SynnexB2B version="2.8">{credential()}'
        f"<OrderStatusRequest><CustomerNumber>{escape(customer)}</CustomerNumber>"
        f"<PONumber>{escape(po_number)}</PONumber></OrderStatusRequest></SynnexB2B>"
    )


@dataclass
class XmlApi:
    """POSTs documents to /tdsynnex/SynnexXML/<path> and reads the reply."""

    http: httpx.Client

    def post(self, path: str, document: str | bytes, *, form: bool = False) -> httpx.Response:
        if form:
            text = document.decode() if isinstance(document, bytes) else document
            return self.http.post(f"{XML_PREFIX}/{path}", data={"xmldata": text})
        return self.http.post(f"{XML_PREFIX}/{path}", content=document, headers=XML_HEADERS)

    def reply(self, path: str, document: str | bytes, *, form: bool = False) -> ET.Element:
        response = self.post(path, document, form=form)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        return ET.fromstring(response.content)


def error_detail(root: ET.Element) -> str | None:
    found = root.find(".//errorDetail")
    return None if found is None else found.text or ""


def xml_credentials(**changes: str) -> SynnexXmlCredentials:
    values = {
        "customer_number": XML.customer_number,
        "username": XML.username,
        "password": SecretStr(XML.password),
        **changes,
    }
    return SynnexXmlCredentials.model_validate(values)


def xml_order(po_number: str, *lines: tuple[str, int], **changes: object) -> PurchaseOrder:
    """A purchase order for the client: (part, quantity) per line; numeric parts are SKUs."""
    return PurchaseOrder.model_validate(
        {
            "po_number": po_number,
            "ship_to": Address(
                name="Northwind Dental Group",
                line1="410 Harbor Blvd",
                city="Tacoma",
                state="WA",
                zip_code="98402",
                country="US",
            ),
            "lines": [
                PurchaseOrderLine(
                    line_number=n,
                    unit_price=Decimal("100.00"),
                    quantity=quantity,
                    **({"synnex_sku": part} if part.isdigit() else {"mfg_pn": part}),
                )
                for n, (part, quantity) in enumerate(lines, start=1)
            ],
            **changes,
        }
    )
