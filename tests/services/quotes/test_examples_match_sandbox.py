"""The example files name real sandbox demo records, so importing them shows the whole flow
and every intended failure against `procdesk sandbox`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from procdesk.config import load_settings
from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_data import (
    DEMO_BILLING_CODES,
    DEMO_CATEGORY_BILLING_CODES,
    DEMO_COMPANIES,
    DEMO_PRODUCTS,
    DEMO_TICKETS,
)
from procdesk.sandbox.autotask.fields import USE_TYPE_MATERIAL
from procdesk.sandbox.ingram.catalog import part_by_ingram_number
from procdesk.sandbox.tdsynnex.catalog import DEMO_PRODUCTS as ION_PRODUCTS
from procdesk.services.quotes.files import QuoteIn, parse_quote_file
from tests.support.quotes import EXAMPLES


@pytest.fixture(scope="module", params=["quotes.json", "quotes.csv"])
def quotes(request: pytest.FixtureRequest) -> list[QuoteIn]:
    return [quote for quote, _ in parse_quote_file(Path(EXAMPLES / request.param))]


def test_tickets_and_companies_exist(quotes: list[QuoteIn]) -> None:
    companies = {c.id: c.companyName for c in DEMO_COMPANIES}
    for quote in quotes:
        (ticket,) = [
            t
            for t in DEMO_TICKETS
            if t.id == quote.ticket_id or t.ticketNumber == quote.ticket_number
        ]
        assert quote.ticket_id in (None, ticket.id)
        assert quote.ticket_number in (None, ticket.ticketNumber)
        assert companies[ticket.companyID] == quote.company_name
        assert quote.title == ticket.title


def test_lines_reference_demo_catalogs(quotes: list[QuoteIn]) -> None:
    td_skus = {sku.sku_id: sku for product in ION_PRODUCTS for sku in product.skus}
    products = {p.id: p for p in DEMO_PRODUCTS}
    for line in (line for quote in quotes for line in quote.lines):
        assert line.category in DEMO_CATEGORY_BILLING_CODES
        if line.distributor is Distributor.INGRAM:
            part = part_by_ingram_number(line.distributor_part_number or "")
            assert part is not None, line.distributor_part_number
            assert part.vendor_part_number == line.sku
        elif line.distributor is Distributor.TDSYNNEX:
            assert line.distributor_part_number in td_skus
        if line.product_id is not None:
            assert products[line.product_id].manufacturerProductName == line.sku


def test_intended_failures_are_present(quotes: list[QuoteIn]) -> None:
    lines = [line for quote in quotes for line in quote.lines]
    ingram = [part_by_ingram_number(line.distributor_part_number or "") for line in lines]
    assert any(part is not None and part.discontinued for part in ingram)
    assert any(
        part is not None and part.total_stock == 0 and not part.backorderable for part in ingram
    )
    assert any(line.distributor is Distributor.OTHER for line in lines)
    codes = {code.id: code for code in DEMO_BILLING_CODES}
    overrides = [codes[line.billing_code_override] for line in lines if line.billing_code_override]
    assert any(code.useType != USE_TYPE_MATERIAL for code in overrides)
    threshold = load_settings().procurement.approval_threshold
    order_values = [
        sum(
            (line.quantity * line.unit_cost for line in quote.lines if line.distributor is d),
            Decimal(0),
        )
        for quote in quotes
        for d in (Distributor.INGRAM, Distributor.TDSYNNEX)
    ]
    assert max(order_values) > threshold
    assert {quote.status.value for quote in quotes} == {"accepted", "retracted"}
