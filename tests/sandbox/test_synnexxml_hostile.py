"""TD SYNNEX XML emulator: hostile and broken documents are refused cleanly, never a 500."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from procdesk.sandbox.server import SandboxServer
from procdesk.sandbox.synnexxml.body import MAX_BODY
from tests.support.synnexxml import XmlApi, error_detail, price_request

PA = price_request(("synnexSKU", "5841203"))
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE priceRequest ['
    '<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
    + "]><priceRequest><customerNo>&i;</customerNo></priceRequest>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE priceRequest ['
    '<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    "<priceRequest><customerNo>&secret;</customerNo></priceRequest>"
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE priceRequest ['
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]><priceRequest/>'
)
HUGE = PA.replace("</priceRequest>", "<!--" + "x" * MAX_BODY + "--></priceRequest>")
NESTED = "<a>" * 5000 + "</a>" * 5000


def refusal(xml_api: XmlApi, document: str | bytes, *, form: bool = False) -> str:
    response = xml_api.post("PriceAvailability", document, form=form)
    assert response.status_code == 200
    assert "Traceback" not in response.text
    root = ET.fromstring(response.content)
    assert root.tag == "errorResponse"
    detail = error_detail(root)
    assert detail
    return detail


@pytest.mark.parametrize("form", [False, True], ids=["raw-xml", "xmldata-form"])
@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param(BOMB, "entity declarations are not accepted", id="entity-bomb"),
        pytest.param(XXE, "entity declarations are not accepted", id="external-entity"),
        pytest.param(PARAMETER_ENTITY, "entity declarations are not accepted", id="param-entity"),
        pytest.param(HUGE, "larger than", id="huge"),
        pytest.param(NESTED, "Unexpected root element <a>", id="wrong-root-deep"),
        pytest.param(f"<priceRequest>{NESTED}</priceRequest>", "nests deeper than 12", id="deep"),
        pytest.param("<priceRequest><customerNo/></x>", "not well-formed XML", id="mismatched"),
        pytest.param("just text", "not well-formed XML", id="not-xml"),
        pytest.param("   ", "body is empty", id="blank"),
        pytest.param("<foo/>", "Unexpected root element <foo>", id="wrong-root"),
    ],
)
def test_hostile_documents_get_an_error_detail(
    xml_api: XmlApi, document: str, expected: str, form: bool
) -> None:
    assert expected in refusal(xml_api, document, form=form)
    assert xml_api.reply("PriceAvailability", PA).find("PriceAvailabilityList") is not None


def test_external_entities_are_never_read(xml_api: XmlApi) -> None:
    assert "root:" not in refusal(xml_api, XXE)


def test_an_external_dtd_is_not_fetched(xml_api: XmlApi, sandbox: SandboxServer) -> None:
    """A DOCTYPE without entities is tolerated, and its system id is never requested."""
    dtd = f"{sandbox.base_url}/ingram/evil.dtd"
    document = PA.replace("<priceRequest>", f'<!DOCTYPE priceRequest SYSTEM "{dtd}"><priceRequest>')
    root = xml_api.reply("PriceAvailability", document)
    assert root.find("PriceAvailabilityList/synnexSKU") is not None
    served = xml_api.http.get("/_sandbox/state").json()["requests"]["served_per_endpoint"]
    assert not any("evil.dtd" in endpoint for endpoint in served)


def test_bytes_that_are_not_utf8_are_refused(xml_api: XmlApi) -> None:
    document = PA.encode().replace(b"743210", b"74\xff\xfe10")
    assert "not well-formed XML" in refusal(xml_api, document)


def test_a_body_just_under_the_cap_is_read(xml_api: XmlApi) -> None:
    filler = "<!--" + "x" * (MAX_BODY - len(PA) - 100) + "-->"
    document = PA.replace("</priceRequest>", filler + "</priceRequest>")
    assert len(document.encode()) < MAX_BODY
    assert xml_api.reply("PriceAvailability", document).find("PriceAvailabilityList") is not None
