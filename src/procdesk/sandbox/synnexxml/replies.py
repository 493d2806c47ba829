"""Building the emulator's XML answers, and the two refusal shapes (the sandbox's choice).

Every answer is HTTP 200 with `Content-Type: application/xml`; a refusal is any answer
holding an `errorDetail` element, whose text says why (UNVERIFIED: public clients only
show that TD SYNNEX signals failure by `errorDetail` in a 200 reply). Two shapes:

- the request itself is refused (unreadable or hostile XML, too large, wrong root element,
  invalid elements or values, unknown login, wrong customer number):
  `<errorResponse><errorDetail>why</errorDetail></errorResponse>`
- a well-formed purchase order is refused as a whole (duplicate PONumber, no orderable
  line, unknown ShipFromWarehouse):
  `<SynnexB2B><OrderResponse><CustomerNumber/><PONumber/><Code>rejected</Code>
  <Reason>why</Reason><ResponseDateTime/><errorDetail>why</errorDetail></OrderResponse>
  </SynnexB2B>`

Values: amounts with two decimals, weights with one, dates `YYYY-MM-DD`, times
`YYYY-MM-DDTHH:MM:SSZ` in UTC (formats UNVERIFIED).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from decimal import Decimal

from starlette.responses import Response

XML_MEDIA_TYPE = "application/xml"
REJECTED = "rejected"


def child(parent: ET.Element, tag: str, value: object = None) -> ET.Element:
    """Append `<tag>value</tag>` to `parent` (no text when `value` is None)."""
    element = ET.SubElement(parent, tag)
    if value is not None:
        element.text = text(value)
    return element


def text(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def optional(parent: ET.Element, tag: str, value: object) -> None:
    """`<tag>` only when there is a value."""
    if value is not None and value != "":
        child(parent, tag, value)


def xml_response(root: ET.Element) -> Response:
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, status_code=200, media_type=XML_MEDIA_TYPE)


def error_response(detail: str) -> Response:
    root = ET.Element("errorResponse")
    child(root, "errorDetail", detail)
    return xml_response(root)


def order_refusal(customer_number: str, po_number: str, reason: str, now: datetime) -> Response:
    root = ET.Element("SynnexB2B")
    response = child(root, "OrderResponse")
    child(response, "CustomerNumber", customer_number)
    child(response, "PONumber", po_number)
    child(response, "Code", REJECTED)
    child(response, "Reason", reason)
    child(response, "ResponseDateTime", now)
    child(response, "errorDetail", reason)
    return xml_response(root)
