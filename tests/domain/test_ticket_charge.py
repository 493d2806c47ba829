"""The charge draft: seed rules checked before any call, name, marker."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import RFC_4122, UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from procdesk.domain.enums import IssueKind
from procdesk.domain.ticket_charge import (
    FIELD_LIMITS,
    NAME_LIMIT,
    NOTES_LIMIT,
    ChargeDraft,
    charge_marker,
    charge_name,
    find_marker,
    new_marker_token,
    new_marker_tokens,
    notes_with_marker,
    validate_draft,
)

D = Decimal


def draft(**changes: Any) -> ChargeDraft:
    fields: dict[str, Any] = {
        "ticket_id": 42,
        "name": "LAP-14 - Laptop 14 inch",
        "quantity": D("2"),
        "unit_cost": D("700"),
        "unit_price": D("899.99"),
        "billing_code_id": 29682801,
    }
    fields.update(changes)
    return ChargeDraft(**fields)


def test_a_good_draft_has_no_problems() -> None:
    assert validate_draft(draft()) == []


@pytest.mark.parametrize(
    ("product_id", "billing_code_id", "ok"),
    [
        pytest.param(None, None, False, id="neither"),
        pytest.param(7, None, True, id="product-only"),
        pytest.param(None, 9, True, id="billing-code-only"),
        pytest.param(7, 9, True, id="both"),
    ],
)
def test_product_or_billing_code_required(
    product_id: int | None, billing_code_id: int | None, ok: bool
) -> None:
    problems = validate_draft(draft(product_id=product_id, billing_code_id=billing_code_id))
    if ok:
        assert problems == []
    else:
        [problem] = problems
        assert problem.kind is IssueKind.MISSING_BILLING_CODE
        assert "a product or a billing code" in problem.message


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        pytest.param("name", 100, id="name"),
        pytest.param("description", 8000, id="description"),
        pytest.param("notes", 2000, id="notes"),
        pytest.param("purchase_order_number", 50, id="purchase_order_number"),
        pytest.param("internal_purchase_order_number", 50, id="internal_purchase_order_number"),
    ],
)
@pytest.mark.parametrize("over", [0, 1], ids=["at-limit", "limit-plus-1"])
def test_field_limits(field: str, limit: int, over: int) -> None:
    assert FIELD_LIMITS[field] == limit
    problems = validate_draft(draft(**{field: "x" * (limit + over)}))
    if not over:
        assert problems == []
        return
    [problem] = problems
    assert problem.kind is IssueKind.CHARGE_VALIDATION
    assert problem.field == field
    assert problem.message == (
        f"{field.replace('_', ' ')} is {limit + 1} characters long; Autotask allows at most {limit}"
    )


def test_all_problems_are_reported_together() -> None:
    problems = validate_draft(
        draft(name="n" * 101, notes="z" * 2001, billing_code_id=None, quantity=D(0))
    )
    assert {p.field for p in problems} == {"billing_code_id", "name", "notes", "quantity"}


@pytest.mark.parametrize(
    ("quantity", "ok"),
    [
        pytest.param("1", True, id="one"),
        pytest.param("0.0001", True, id="smallest-positive"),
        pytest.param("0.00005", True, id="rounds-up-to-smallest"),
        pytest.param("0.00004", False, id="rounds-to-zero"),
        pytest.param("0", False, id="zero"),
        pytest.param("-1", False, id="negative"),
    ],
)
def test_quantity_must_be_positive_after_rounding(quantity: str, ok: bool) -> None:
    problems = validate_draft(draft(quantity=quantity))
    assert (problems == []) is ok
    if not ok:
        assert problems[0].field == "quantity"
        assert "above zero" in problems[0].message


def test_blank_name_is_a_problem() -> None:
    [problem] = validate_draft(draft(name="   "))
    assert problem.field == "name"


def test_money_is_rounded_to_four_places_on_the_way_in() -> None:
    d = draft(quantity="1.00005", unit_cost="10.123449", unit_price="0.33335")
    assert (d.quantity, d.unit_cost, d.unit_price) == (D("1.0001"), D("10.1234"), D("0.3334"))
    assert d.billable_amount == D("0.3334")  # 1.0001 x 0.3334 = 0.33343334
    assert d.extended_cost == D("10.1244")  # 1.0001 x 10.1234 = 10.12441234


def test_amounts_are_unknown_when_autotask_fills_cost_and_price() -> None:
    d = draft(unit_cost=None, unit_price=None)
    assert (d.billable_amount, d.extended_cost) == (None, None)


@pytest.mark.parametrize("field", ["quantity", "unit_cost", "unit_price"])
@pytest.mark.parametrize("bad", [1.5, "NaN", "inf"], ids=["float", "nan", "infinity"])
def test_money_fields_refuse_floats_and_non_finite(field: str, bad: object) -> None:
    with pytest.raises(ValidationError):
        draft(**{field: bad})


def test_naive_purchase_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="timezone-aware"):
        draft(date_purchased=datetime(2026, 11, 23, 12, 0))


# ---- name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sku", "description", "expected"),
    [
        pytest.param("SKU1", "Short thing", "SKU1 - Short thing", id="fits"),
        pytest.param(
            "SKU1",
            "  many   spaces\nand lines ",
            "SKU1 - many spaces and lines",
            id="whitespace-collapsed",
        ),
        pytest.param("SKU1", "", "SKU1", id="no-description"),
        pytest.param("", "Only text", "Only text", id="no-sku"),
        pytest.param("S" * 120, "desc", "S" * 99 + "…", id="huge-sku-cut"),
        pytest.param("S" * 98, "desc", "S" * 98, id="no-room-for-description"),
    ],
)
def test_charge_name(sku: str, description: str, expected: str) -> None:
    assert charge_name(sku, description) == expected


def test_charge_name_cuts_between_words() -> None:
    words = "Dell Latitude 7450 14 inch business laptop with Intel Core Ultra 7 165U " * 3
    name = charge_name("DL-7450", words)
    assert len(name) <= 100
    assert name.endswith("…")
    body = name.removeprefix("DL-7450 - ").removesuffix("…")
    assert words.startswith(body + " ")  # the cut falls on a word boundary


def test_charge_name_exactly_100_is_kept_whole() -> None:
    sku, description = "ABC", "d" * (100 - len("ABC - "))
    assert charge_name(sku, description) == f"{sku} - {description}"


def test_charge_name_cuts_a_single_long_word_when_it_must() -> None:
    name = charge_name("ABC", "x" * 200)
    assert name == "ABC - " + "x" * 93 + "…"
    assert len(name) == 100


@given(st.text(max_size=150), st.text(max_size=300))
def test_charge_name_always_fits(sku: str, description: str) -> None:
    assert len(charge_name(sku, description)) <= 100


# ---- idempotency marker ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param(17, "17", id="charge-id"),
        pytest.param(
            UUID("12345678123456781234567812345678"), "12345678123456781234567812345678", id="uuid"
        ),
        pytest.param("ch_01-ab", "ch_01-ab", id="text"),
    ],
)
def test_marker_round_trip(token: object, expected: str) -> None:
    marker = charge_marker(token)  # type: ignore[arg-type]
    assert marker == f"[procdesk:{expected}]"
    assert find_marker(f"Ordered by Jo.\n{marker}\nthanks") == expected


@pytest.mark.parametrize(
    "notes",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("no marker here", id="plain"),
        pytest.param("[procdesk:]", id="empty-token"),
        pytest.param("[procdesk:has space]", id="bad-token"),
        pytest.param("[other:abc]", id="someone-elses-tag"),
    ],
)
def test_find_marker_none(notes: str | None) -> None:
    assert find_marker(notes) is None


@pytest.mark.parametrize("bad", ["", "a b", "x]y", "-lead", "t" * 65], ids=repr)
def test_marker_refuses_bad_tokens(bad: str) -> None:
    with pytest.raises(ValueError, match="not a valid marker token"):
        charge_marker(bad)


def test_new_marker_tokens_are_unique_and_valid() -> None:
    tokens = {new_marker_token() for _ in range(50)} | set(new_marker_tokens(50))
    assert len(tokens) == 100
    for token in tokens:
        assert find_marker(charge_marker(token)) == token
        made = UUID(token)  # what uuid4().hex makes: a random UUID, version 4
        assert (made.hex, made.version, made.variant) == (token, 4, RFC_4122)


def test_notes_with_marker_keeps_the_marker_within_the_limit() -> None:
    token = new_marker_token()
    assert notes_with_marker(None, token) == f"[procdesk:{token}]"
    short = notes_with_marker("Deliver to reception", token)
    assert short == f"Deliver to reception\n[procdesk:{token}]"
    long = notes_with_marker("word " * 1000, token)
    assert len(long) <= 2000
    assert find_marker(long) == token
    assert validate_draft(draft(notes=long)) == []


@pytest.mark.parametrize("extra", [-1, 0, 1], ids=["one-under", "exactly-fits", "one-over"])
def test_notes_at_the_limit_keep_the_text_whole_only_while_it_fits(extra: int) -> None:
    token = new_marker_token()
    room = NOTES_LIMIT - len(charge_marker(token)) - 1  # the text, a line break, the marker
    text = "x" * (room + extra)
    notes = notes_with_marker(text, token)
    assert find_marker(notes) == token
    assert len(notes) == min(NOTES_LIMIT, len(text) + 1 + len(charge_marker(token)))
    assert notes.startswith(text) is (extra <= 0)
    assert validate_draft(draft(notes=notes)) == []


@pytest.mark.parametrize("length", [99, 100, 101])
def test_a_name_of_one_word_is_cut_only_beyond_the_limit(length: int) -> None:
    name = charge_name("", "y" * length)
    assert len(name) <= NAME_LIMIT
    assert (name == "y" * length) is (length <= NAME_LIMIT)
