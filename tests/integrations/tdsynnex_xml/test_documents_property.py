"""Any request the client can build, the sandbox reads back value for value (bounded)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from procdesk.integrations.tdsynnex_xml import (
    Address,
    PartQuery,
    PurchaseOrder,
    PurchaseOrderLine,
)
from procdesk.integrations.tdsynnex_xml.price_availability import price_document
from procdesk.integrations.tdsynnex_xml.purchase_order import order_document
from procdesk.sandbox.synnexxml.document import fields, parse
from procdesk.sandbox.synnexxml.order_request import SynnexB2B
from procdesk.sandbox.synnexxml.price_request import PriceRequest
from tests.support.synnexxml import xml_credentials

# Printable text of any script, with XML's own special characters; no surrounding blanks
# (both sides trim them) and no line breaks (any XML parser normalises those).
TEXT_CHARS = st.characters(exclude_categories=["Cc", "Cs", "Cn", "Zl", "Zp"])


def text(max_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(TEXT_CHARS, min_size=1, max_size=max_size)
        .map(str.strip)
        .filter(bool)
        .map(lambda t: t + "&<>'\"" if len(t) + 5 <= max_size else t)
    )


LINES = st.lists(
    st.tuples(
        st.one_of(st.from_regex(r"[0-9]{1,12}", fullmatch=True), text(60)),
        st.integers(min_value=1, max_value=10_000),
        st.decimals(min_value=0, max_value=99_999, places=2),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(
    po_number=text(30),
    name=text(60),
    city=text(40),
    lines=LINES,
    drop_ship=st.booleans(),
)
def test_a_purchase_order_reads_back_unchanged(
    po_number: str,
    name: str,
    city: str,
    lines: list[tuple[str, int, Decimal]],
    drop_ship: bool,
) -> None:
    order = PurchaseOrder(
        po_number=po_number,
        ship_to=Address(
            name=name, line1="1 Main St", city=city, state="WA", zip_code="98402", country="US"
        ),
        drop_ship=drop_ship,
        lines=[
            PurchaseOrderLine(
                line_number=n,
                unit_price=price,
                quantity=quantity,
                **({"synnex_sku": part} if part.isdigit() else {"mfg_pn": part}),
            )
            for n, (part, quantity, price) in enumerate(lines, start=1)
        ],
    )
    read = SynnexB2B.model_validate(fields(parse(order_document(xml_credentials(), order))))
    assert read.order is not None
    assert read.order.po_number == po_number
    assert (read.order.shipment.ship_to.address_name1, read.order.shipment.ship_to.city) == (
        name,
        city,
    )
    assert read.order.drop_ship_flag == ("Y" if drop_ship else "N")
    assert [
        (item.line_number, item.sku or item.mfg_pn, item.order_quantity, item.unit_price)
        for item in read.order.items.items
    ] == [(n, part, quantity, price) for n, (part, quantity, price) in enumerate(lines, start=1)]


@settings(max_examples=40, deadline=None)
@given(st.lists(text(60), min_size=1, max_size=50))
def test_a_price_request_reads_back_unchanged(part_numbers: list[str]) -> None:
    queries = [PartQuery.mfg(number) for number in part_numbers]
    read = PriceRequest.model_validate(fields(parse(price_document(xml_credentials(), queries))))
    assert [(line.line_number, line.mfg_pn) for line in read.lines] == [
        (n, number) for n, number in enumerate(part_numbers, start=1)
    ]
