"""Fault injection reaches the XML interface as provider `tdsynnex_xml`, apart from ION."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest

from procdesk.sandbox.providers import provider_of
from procdesk.sandbox.server import SandboxServer
from tests.support.synnexxml import XML_HEADERS, XmlApi, item, price_request, purchase_order

PA = price_request(("synnexSKU", "5841203"))


def set_faults(control: httpx.Client, spec: str) -> None:
    control.put("/faults", json={"spec": spec}).raise_for_status()


@pytest.mark.parametrize(
    ("path", "provider"),
    [
        ("/tdsynnex/SynnexXML/PO", "tdsynnex_xml"),
        ("/TDSYNNEX/synnexxml/POStatus", "tdsynnex_xml"),
        ("/tdsynnex/SynnexXML", "tdsynnex_xml"),
        ("/tdsynnex/api/v3/accounts/1/orders", "tdsynnex"),
        ("/tdsynnex/SynnexXMLish", "tdsynnex"),
        ("/ingram/resellers/v6/orders", "ingram"),
        ("/autotask/atservicesrest/v1.0/Tickets", "autotask"),
        ("/_sandbox/state", None),
        ("/ingramx", None),
    ],
)
def test_paths_belong_to_the_longest_matching_mount(path: str, provider: str | None) -> None:
    assert provider_of(path) == provider


def test_an_injected_500_is_xml_shaped_and_places_nothing(
    xml_api: XmlApi, control: httpx.Client
) -> None:
    set_faults(control, "tdsynnex_xml:POST:*/PO=500")
    response = xml_api.post("PO", purchase_order("PD-F1", item(1, "5841203", 1)))
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert (root.tag, root.findtext("errorDetail")) == (
        "errorResponse",
        "Injected fault: internal server error.",
    )
    assert control.get("/tdsynnex_xml/orders").json()["count"] == 0
    assert xml_api.post("PriceAvailability", PA).status_code == 200  # other paths unaffected


def test_xml_and_ion_faults_are_separate(
    xml_api: XmlApi, control: httpx.Client, sandbox: SandboxServer
) -> None:
    set_faults(control, "tdsynnex=500")
    assert xml_api.post("PriceAvailability", PA).status_code == 200
    assert httpx.get(f"{sandbox.base_url}/tdsynnex/api/v3/accounts/1/orders").status_code == 500
    set_faults(control, "tdsynnex_xml=429:1:9")
    limited = xml_api.post("PriceAvailability", PA)
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "9")
    assert httpx.get(f"{sandbox.base_url}/tdsynnex/api/v3/accounts/1/orders").status_code == 401
    set_faults(control, "tdsynnex*=500")
    assert xml_api.post("PriceAvailability", PA).status_code == 500


def test_timeout_after_effect_leaves_the_order_placed(
    sandbox: SandboxServer, control: httpx.Client
) -> None:
    set_faults(control, "tdsynnex_xml:POST:*/PO=timeout_after_effect")
    document = purchase_order("PD-F2", item(1, "5841203", 1))
    with (
        httpx.Client(base_url=sandbox.base_url, timeout=0.5) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        client.post("/tdsynnex/SynnexXML/PO", content=document, headers=XML_HEADERS)
    assert control.get("/tdsynnex_xml/orders/PD-F2").status_code == 200


def test_requests_are_counted_per_endpoint(xml_api: XmlApi, control: httpx.Client) -> None:
    xml_api.post("PriceAvailability", PA)
    xml_api.post("PriceAvailability", PA)
    served = control.get("/state").json()["requests"]["served_per_endpoint"]
    assert served["POST /tdsynnex/synnexxml/priceavailability"] == 2
