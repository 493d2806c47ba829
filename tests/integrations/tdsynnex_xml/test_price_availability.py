"""The XML client's price and availability against the sandbox."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pydantic
import pytest

from procdesk.integrations.tdsynnex_xml import PartQuery, SynnexXmlClient
from procdesk.sandbox.server import SandboxServer
from tests.support.distributors import SandboxControl
from tests.support.synnexxml import xml_credentials

PRICE_ENDPOINT = "POST /tdsynnex/synnexxml/priceavailability"


async def test_lines_come_back_in_the_order_asked_by_sku_or_part_number(
    xml_client: SynnexXmlClient,
) -> None:
    lines = await xml_client.price_availability(
        [PartQuery.mfg("86Q47UT#ABA"), PartQuery.sku("6290017"), PartQuery.mfg("nope")]
    )
    laptop, access_point, unknown = lines
    assert (laptop.synnex_sku, laptop.price, laptop.shelf_quantity) == (
        "5841203",
        Decimal("871.99"),
        19,
    )
    assert laptop.unavailable_reason is None
    assert [w.info.number for w in laptop.warehouses] == [3, 6, 8, 14]
    assert (access_point.shelf_quantity, access_point.drop_ship_quantity) == (0, 50)
    assert access_point.total_quantity == 50
    assert (unknown.found, unknown.unavailable_reason, unknown.price) == (False, "unknown", None)
    assert [line.line_number for line in lines] == [1, 2, 3]


async def test_discontinued_parts_are_lines_not_errors(xml_client: SynnexXmlClient) -> None:
    (switch,) = await xml_client.price_availability([PartQuery.mfg("GS308-300PAS")])
    assert (switch.found, switch.discontinued, switch.unavailable_reason) == (
        True,
        True,
        "discontinued",
    )


async def test_many_parts_go_in_as_few_requests_as_the_limit_allows(
    xml_client: SynnexXmlClient, sandbox_control: SandboxControl
) -> None:
    parts = [PartQuery.sku("5841203"), PartQuery.mfg("FG-40F")] * 30
    lines = await xml_client.price_availability(parts)
    assert len(lines) == 60
    assert [line.synnex_sku for line in lines[:4]] == ["5841203", "6477301"] * 2
    assert [line.synnex_sku for line in lines[-2:]] == ["5841203", "6477301"]
    served = (await sandbox_control.state())["requests"]["served_per_endpoint"]
    assert served[PRICE_ENDPOINT] == 2


async def test_no_parts_make_no_request(
    xml_client: SynnexXmlClient, sandbox_control: SandboxControl
) -> None:
    assert await xml_client.price_availability([]) == []
    served = (await sandbox_control.state())["requests"]["served_per_endpoint"]
    assert PRICE_ENDPOINT not in served


async def test_form_encoded_bodies_work_too(sandbox: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=sandbox.provider_urls["tdsynnex_xml"]) as http:
        client = SynnexXmlClient(http, xml_credentials(), form_encoded=True)
        (line,) = await client.price_availability([PartQuery.mfg("LAT5440-I5")])
    assert line.synnex_sku == "5903318"


@pytest.mark.parametrize(
    "fields",
    [{}, {"synnex_sku": "1", "mfg_pn": "X"}, {"synnex_sku": "12A"}, {"mfg_pn": "bad\x01"}],
)
def test_a_part_query_names_one_part_properly(fields: dict[str, str]) -> None:
    with pytest.raises(pydantic.ValidationError):
        PartQuery(**fields)
