"""The same manufacturer parts at Ingram Micro and TD SYNNEX give a comparison real choices.

Both emulators are asked over HTTP by manufacturer part number: Ingram's P&A by
`vendorPartNumber`, TD SYNNEX's by `mfgPN`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from procdesk.sandbox.server import SandboxServer
from tests.support.distributor_sandbox import ingram_session
from tests.support.synnexxml import XmlApi, item, price_request, purchase_order

# mfgPN -> (Ingram, TD SYNNEX, which is cheaper where both price it)
COMPARISON = {
    "86Q47UT#ABA": ("in stock", "in stock", "tdsynnex"),
    "LAT5440-I5": ("backorder", "in stock", "ingram"),
    "USW-PRO-24-POE": ("none", "in stock", "ingram"),
    "26599-989-999": ("none", "in stock", "ingram"),
    "LS32B800PXNXGO": ("discontinued", "in stock", None),
    "GS308-300PAS": ("in stock", "discontinued", None),
    "27UP850N-W": ("backorder", "none", "ingram"),
    "FG-40F": ("in stock", "none", "tdsynnex"),
    "MR36-HW": ("in stock", "drop-ship", "tdsynnex"),
    "WD80EFZZ": ("in stock", "in stock", "tdsynnex"),
    "DELL-P2423D": ("in stock", "in stock", "ingram"),
    "960-001384": ("unknown", "in stock", None),
    "1GK-00002": ("none", "unknown", None),
}


def ingram_state(row: dict[str, Any]) -> tuple[str, Decimal | None]:
    if row.get("productStatusCode") == "E":
        message = row.get("productStatusMessage", "").lower()
        return ("discontinued" if "discontinued" in message else "unknown"), None
    availability = row["availability"]
    price = Decimal(str(row["pricing"]["customerPrice"]))
    if availability["totalAvailability"] > 0:
        return "in stock", price
    return ("backorder" if row["acceptBackOrder"] else "none"), price


def tdsynnex_state(line: ET.Element) -> tuple[str, Decimal | None]:
    status = line.findtext("status")
    if status == "Not found":
        return "unknown", None
    if status == "Discontinued":
        return "discontinued", None
    stock = {
        w.findtext("warehouseInfo/number"): int(w.findtext("qty") or 0)
        for w in line.findall("AvailabilityByWarehouse")
    }
    shelf = sum(qty for number, qty in stock.items() if number != "98")
    state = "in stock" if shelf else "drop-ship" if stock.get("98") else "none"
    return state, Decimal(line.findtext("price") or "0")


@pytest.fixture
async def ingram_http(sandbox: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.provider_urls["ingram"], timeout=10) as http:
        yield http


async def test_each_part_offers_the_choice_the_catalogs_promise(
    ingram_http: httpx.AsyncClient, xml_api: XmlApi
) -> None:
    parts = list(COMPARISON)
    response = await ingram_http.post(
        "/resellers/v6/catalog/priceandavailability",
        json={"products": [{"vendorPartNumber": part} for part in parts]},
        headers=await ingram_session(ingram_http),
    )
    assert response.status_code == 207  # some rows are "E"
    ingram = dict(zip(parts, (ingram_state(row) for row in response.json()), strict=True))
    reply = xml_api.reply("PriceAvailability", price_request(*(("mfgPN", p) for p in parts)))
    lines = reply.findall("PriceAvailabilityList")
    tdsynnex = dict(zip(parts, (tdsynnex_state(line) for line in lines), strict=True))
    for part, (at_ingram, at_tdsynnex, cheaper) in COMPARISON.items():
        assert (ingram[part][0], tdsynnex[part][0]) == (at_ingram, at_tdsynnex), part
        ingram_price, tdsynnex_price = ingram[part][1], tdsynnex[part][1]
        if cheaper is not None:
            assert ingram_price is not None
            assert tdsynnex_price is not None
            assert (tdsynnex_price < ingram_price) == (cheaper == "tdsynnex"), part


def test_the_laptop_is_a_few_percent_cheaper_at_tdsynnex(xml_api: XmlApi) -> None:
    reply = xml_api.reply("PriceAvailability", price_request(("mfgPN", "86Q47UT#ABA")))
    price = Decimal(reply.findtext("PriceAvailabilityList/price") or "0")
    saving = (Decimal("899.00") - price) / Decimal("899.00")
    assert Decimal("0.02") < saving < Decimal("0.05")


async def test_a_part_backordered_at_both_arrives_sooner_from_tdsynnex(
    ingram_http: httpx.AsyncClient, xml_api: XmlApi
) -> None:
    response = await ingram_http.post(
        "/resellers/v6/catalog/priceandavailability",
        json={"products": [{"vendorPartNumber": "27UP850N-W"}]},
        headers=await ingram_session(ingram_http),
    )
    (row,) = response.json()
    ingram_eta = date.fromisoformat(
        row["availability"]["availabilityByWarehouse"][0]["quantityBackorderedEta"]
    )
    root = xml_api.reply("PO", purchase_order("PD-CMP", item(1, "5527764", 1)))
    tdsynnex_eta = date.fromisoformat(root.findtext("OrderResponse/Items/Item/ETADate") or "")
    assert tdsynnex_eta < ingram_eta
