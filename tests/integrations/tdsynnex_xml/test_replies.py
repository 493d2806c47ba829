"""The XML client against replies the sandbox never sends: hostile, malformed or odd.

A canned TD SYNNEX stands in through `httpx.MockTransport` (the network is replaced,
none of procdesk's code is); what the client sent is checked on the way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Callable
from urllib.parse import parse_qs

import httpx
import pytest

from procdesk.integrations.errors import (
    AuthenticationError,
    PermissionDeniedError,
    ProviderError,
    TransientError,
    ValidationError,
)
from procdesk.integrations.tdsynnex_xml import PartQuery, SynnexXmlClient
from procdesk.integrations.tdsynnex_xml.document import MAX_REPLY
from tests.support.synnexxml import XML, xml_credentials, xml_order

PA_LINE = (
    "<PriceAvailabilityList><synnexSKU>5841203</synnexSKU><mfgPN>X-1</mfgPN>"
    "<status>Active</status><price>{price}</price><totalQuantity>{total}</totalQuantity>"
    "<lineNumber>1</lineNumber>{extra}</PriceAvailabilityList>"
)
ORDER = (
    "<SynnexB2B><OrderResponse><PONumber>{po}</PONumber><Code>{code}</Code>"
    "<Reason>{reason}</Reason><Items><Item lineNumber='1'><SKU>5841203</SKU>"
    "<Code>accepted</Code><OrderType>SO</OrderType><ETADate></ETADate></Item></Items>"
    "</OrderResponse></SynnexB2B>"
)
NO_LINE = "<priceResponse><customerNo>1</customerNo></priceResponse>"
DEEP = "<priceResponse>" + "<a>" * 40 + "</a>" * 40 + "</priceResponse>"
HUGE = b"<priceResponse>" + b" " * (MAX_REPLY + 1) + b"</priceResponse>"
HTML = "<html><body>Maintenance</body></html>"
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    "<priceResponse>&b;</priceResponse>"
)


class CannedTdSynnex:
    """Answers every request with one reply and keeps what it was sent."""

    def __init__(self) -> None:
        self.reply = httpx.Response(200, text="<priceResponse/>")
        self.sent: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return self.reply

    def answer(self, body: str | bytes, status: int = 200, **headers: str) -> None:
        content = body.encode() if isinstance(body, str) else body
        self.reply = httpx.Response(status, content=content, headers=headers)


@pytest.fixture
def canned() -> CannedTdSynnex:
    return CannedTdSynnex()


@pytest.fixture
async def client(canned: CannedTdSynnex) -> AsyncIterator[SynnexXmlClient]:
    transport = httpx.MockTransport(canned)
    async with httpx.AsyncClient(transport=transport, base_url="https://ec.example") as http:
        yield SynnexXmlClient(http, xml_credentials())


def price_reply(price: str = "871.99", total: str = "19", extra: str = "") -> str:
    line = PA_LINE.format(price=price, total=total, extra=extra)
    return f"<priceResponse><customerNo>1</customerNo>{line}</priceResponse>"


async def price(client: SynnexXmlClient) -> object:
    return await client.price_availability([PartQuery.mfg("X-1")])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(BOMB, "declares XML entities", id="entity-bomb"),
        pytest.param("<priceResponse>", "not well-formed", id="truncated"),
        pytest.param(HTML, "expected <priceResponse>", id="html"),
        pytest.param(price_reply(price="12,50"), "expected an amount", id="price-with-comma"),
        pytest.param(price_reply(total="2.0"), "expected a whole number", id="quantity-2.0"),
        pytest.param(NO_LINE, "line 1", id="no-line"),
        pytest.param(DEEP, "nests deeper", id="deep"),
        pytest.param(HUGE, "larger than", id="huge"),
    ],
)
async def test_unreadable_replies_are_transient_and_nothing_applied_for_a_lookup(
    client: SynnexXmlClient, canned: CannedTdSynnex, body: str | bytes, expected: str
) -> None:
    canned.answer(body)
    with pytest.raises(TransientError) as caught:
        await price(client)
    assert expected in str(caught.value)
    assert caught.value.maybe_applied is False


async def test_an_unreadable_reply_to_an_order_may_have_placed_it(
    client: SynnexXmlClient, canned: CannedTdSynnex
) -> None:
    canned.answer("<SynnexB2B><OrderResponse>")
    with pytest.raises(TransientError) as caught:
        await client.submit_po(xml_order("PD-R1", ("5841203", 1)))
    assert caught.value.maybe_applied is True


async def test_extra_elements_empty_optionals_and_a_bare_doctype_are_fine(
    client: SynnexXmlClient, canned: CannedTdSynnex
) -> None:
    extra = "<msrp>999.00</msrp><AvailabilityByWarehouse><warehouseInfo><number>3</number>"
    extra += "<zipcode/></warehouseInfo><qty>19</qty></AvailabilityByWarehouse>"
    canned.answer("<!DOCTYPE priceResponse>" + price_reply(extra=extra))
    (line,) = await client.price_availability([PartQuery.mfg("X-1")])
    assert (line.shelf_quantity, line.warehouses[0].info.zipcode) == (19, "")


async def test_a_password_echoed_in_a_refusal_is_masked(
    client: SynnexXmlClient, canned: CannedTdSynnex
) -> None:
    canned.answer(
        f"<errorResponse><errorDetail>Bad login {XML.username} / {XML.password}</errorDetail>"
        "</errorResponse>"
    )
    with pytest.raises(AuthenticationError) as caught:
        await price(client)
    assert caught.value.message == f"Bad login {XML.username} / ***"
    assert XML.password not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "kind"),
    [(503, TransientError), (401, AuthenticationError), (403, PermissionDeniedError)],
)
async def test_http_errors_keep_their_text_without_the_password(
    client: SynnexXmlClient, canned: CannedTdSynnex, status: int, kind: type[ProviderError]
) -> None:
    canned.answer(f"<html>denied for {XML.password}</html>", status)
    with pytest.raises(kind) as caught:
        await price(client)
    assert (caught.value.status_code, caught.value.message) == (
        status,
        "<html>denied for ***</html>",
    )


@pytest.mark.parametrize(
    ("reply", "kind", "text"),
    [
        (ORDER.format(po="PD-OTHER", code="accepted", reason=""), TransientError, "PD-OTHER"),
        (ORDER.format(po="PD-R2", code="held", reason="Credit review"), ValidationError, "Credit"),
    ],
)
async def test_order_replies_must_be_for_our_po_and_accepted(
    client: SynnexXmlClient,
    canned: CannedTdSynnex,
    reply: str,
    kind: type[ProviderError],
    text: str,
) -> None:
    canned.answer(reply)
    with pytest.raises(kind) as caught:
        await client.submit_po(xml_order("PD-R2", ("5841203", 1)))
    assert text in str(caught.value)


async def test_an_accepted_order_reads_empty_elements_as_absent(
    client: SynnexXmlClient, canned: CannedTdSynnex
) -> None:
    canned.answer(ORDER.format(po="PD-R3", code="Accepted", reason=""))
    response = await client.submit_po(xml_order("PD-R3", ("5841203", 1)))
    (line,) = response.accepted_lines
    assert (line.line_number, line.eta_date) == (1, None)


Sent = Callable[[httpx.Request], bytes]


@pytest.mark.parametrize(
    ("form", "document"),
    [
        (False, lambda request: request.content),
        (True, lambda request: parse_qs(request.content.decode())["xmldata"][0].encode()),
    ],
    ids=["raw-xml", "xmldata-form"],
)
async def test_what_the_client_sends(canned: CannedTdSynnex, form: bool, document: Sent) -> None:
    canned.answer(ORDER.format(po="PD-R4", code="accepted", reason=""))
    transport = httpx.MockTransport(canned)
    async with httpx.AsyncClient(transport=transport, base_url="https://ec.example/") as http:
        client = SynnexXmlClient(http, xml_credentials(), form_encoded=form)
        await client.submit_po(xml_order("PD-R4", ("5841203", 2), ("MR36-HW", 1)))
    (request,) = canned.sent
    assert str(request.url) == "https://ec.example/SynnexXML/PO"
    expected_type = "application/x-www-form-urlencoded" if form else "application/xml"
    assert request.headers["content-type"].startswith(expected_type)
    root = ET.fromstring(document(request))
    assert root.findtext("Credential/Password") == XML.password
    assert root.findtext("OrderRequest/CustomerNumber") == XML.customer_number
    first, second = root.findall("OrderRequest/Items/Item")
    assert (first.get("lineNumber"), first.findtext("LineNumber"), first.findtext("SKU")) == (
        "1",
        "1",
        "5841203",
    )
    assert (second.findtext("MfgPN"), second.findtext("SKU")) == ("MR36-HW", None)
    assert first.findtext("UnitPrice") == "100.00"
    assert root.findtext("OrderRequest/BackOrderFlag") == "Y"
    bill_to = root.find("OrderRequest/Payment/BillTo")
    assert bill_to is not None
    assert bill_to.get("code") == XML.customer_number
