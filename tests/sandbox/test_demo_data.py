"""The Autotask demo data: its invariants, and that examples/ still points at it."""

from __future__ import annotations

import csv
from pathlib import Path

from procdesk.sandbox.autotask.demo_data import (
    DEMO_BILLING_CODES,
    DEMO_CATEGORY_BILLING_CODES,
    DEMO_INVENTORY,
    DEMO_PRODUCTS,
    DEMO_SETTINGS,
    DEMO_TICKETS,
    INACTIVE_MATERIAL_CODE_ID,
    RMA_CODE_ID,
    WORK_TYPE_CODE_ID,
)
from procdesk.sandbox.autotask.fields import PRODUCT_CATEGORY_VALUES, USE_TYPE_MATERIAL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "quotes.csv"
CODES = {code.id: code for code in DEMO_BILLING_CODES}
PRODUCTS = {product.id: product for product in DEMO_PRODUCTS}
TICKETS = {ticket.id: ticket for ticket in DEMO_TICKETS}


def test_ids_are_unique() -> None:
    for records in (DEMO_BILLING_CODES, DEMO_PRODUCTS, DEMO_TICKETS, DEMO_INVENTORY):
        ids = [r.id for r in records]
        assert len(ids) == len(set(ids))


def test_every_category_has_an_active_material_code() -> None:
    assert set(DEMO_CATEGORY_BILLING_CODES) == set(PRODUCT_CATEGORY_VALUES)
    for code_id in DEMO_CATEGORY_BILLING_CODES.values():
        assert CODES[code_id].isActive
        assert CODES[code_id].useType == USE_TYPE_MATERIAL


def test_the_failure_codes_exist() -> None:
    assert not CODES[INACTIVE_MATERIAL_CODE_ID].isActive
    assert CODES[RMA_CODE_ID].name == "RMA"
    assert CODES[WORK_TYPE_CODE_ID].useType != USE_TYPE_MATERIAL
    assert len({code.useType for code in DEMO_BILLING_CODES}) == 6


def test_products_cover_every_status_path() -> None:
    assert 35 <= len(DEMO_PRODUCTS) <= 45
    assert any(p.doesNotRequireProcurement for p in DEMO_PRODUCTS)
    assert any(p.unitCost > DEMO_SETTINGS.approval_threshold for p in DEMO_PRODUCTS)
    assert any(i.quantityOnHand > i.quantityReserved for i in DEMO_INVENTORY)
    assert all(p.productBillingCodeID in CODES for p in DEMO_PRODUCTS)


def test_examples_reference_demo_records() -> None:
    with EXAMPLES.open(newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert lines
    for line in lines:
        # A quote names its ticket by id, by number, or both.
        if line["ticket_id"]:
            number = TICKETS[int(line["ticket_id"])].ticketNumber
            assert line["ticket_number"] in ("", number)
        else:
            assert line["ticket_number"] in {t.ticketNumber for t in DEMO_TICKETS}
        assert line["category"] in DEMO_CATEGORY_BILLING_CODES
        if line["product_id"]:
            assert PRODUCTS[int(line["product_id"])].vendorProductNumber == line["sku"]
        if line["billing_code_override"]:
            assert int(line["billing_code_override"]) in CODES
