"""A TD SYNNEX line's channel: the import field, or its category, picks the door, and each
door gets its own order; a bad channel names the file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import QuoteImporter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import orders, quote_lines
from tests.support.quotes import base_quote


def td_line(number: int, category: str, channel: str | None = None) -> dict[str, Any]:
    line: dict[str, Any] = {
        "line_number": number,
        "sku": f"PART-{number}",
        "description": f"part {number}",
        "category": category,
        "distributor": "TD SYNNEX",
        "quantity": "1",
        "unit_cost": "10.00",
        "unit_price": "12.00",
    }
    if channel is not None:
        line["channel"] = channel
    return line


async def test_hardware_goes_through_xml_and_cloud_through_ion_each_on_its_own_order(
    importer: QuoteImporter, ledger: Ledger, quote_file: Callable[..., Path]
) -> None:
    quote = base_quote(
        lines=[
            td_line(1, "Notebooks"),
            td_line(2, "Cloud Services"),
            td_line(3, "Hardware", channel="ion"),
        ]
    )
    await importer.import_file(quote_file(quote))
    async with ledger.read() as conn:
        rows = await conn.execute(sa.select(quote_lines.c.line_number, quote_lines.c.distributor))
        doors = {number: door for number, door in rows}
        by_order = sorted((await conn.execute(sa.select(orders.c.distributor))).scalars().all())
    assert doors == {1: "tdsynnex_xml", 2: "tdsynnex", 3: "tdsynnex"}
    assert by_order == ["tdsynnex", "tdsynnex_xml"]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (td_line(1, "Hardware", channel="fax"), "channel"),
        ({**td_line(1, "Hardware"), "distributor": "ingram", "channel": "xml"}, "TD SYNNEX"),
    ],
)
async def test_a_bad_channel_is_refused_with_line_and_field(
    importer: QuoteImporter,
    ledger: Ledger,
    quote_file: Callable[..., Path],
    line: dict[str, Any],
    says: str,
) -> None:
    with pytest.raises(ImportRejected) as refused:
        await importer.import_file(quote_file(base_quote(lines=[line])))
    text = str(refused.value)
    assert says in text
    assert "line" in text
    async with ledger.read() as conn:
        assert (
            await conn.execute(sa.select(sa.func.count()).select_from(quote_lines))
        ).scalar() == 0
