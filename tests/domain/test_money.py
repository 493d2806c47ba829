"""Money and quantity arithmetic: 4-place rounding before multiplying, never floats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from procdesk.domain.money import (
    MAX_ABS,
    Amount,
    MoneyParseError,
    billable_amount,
    extended_cost,
    parse_amount,
    parse_decimal,
    round4,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("1.00005", "1.0001", id="half-rounds-up"),
        pytest.param("-1.00005", "-1.0001", id="negative-half-rounds-away-from-zero"),
        pytest.param("1.00015", "1.0002", id="half-on-odd-digit-rounds-up-too"),
        pytest.param("2.00025", "2.0003", id="not-bankers-rounding"),
        pytest.param("1.000049999", "1.0000", id="below-half-rounds-down"),
        pytest.param("7", "7.0000", id="integer-gains-four-places"),
        pytest.param("0.1", "0.1000", id="short-fraction-padded"),
    ],
)
def test_round4(value: str, expected: str) -> None:
    result = round4(D(value))
    assert result == D(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        # rounding each input first differs from rounding the exact product
        pytest.param("3", "1.00005", "3.0003", id="unit-rounded-before-multiplying"),
        pytest.param("1.00005", "10000", "10001.0000", id="quantity-rounded-before-multiplying"),
        pytest.param("2.5", "19.99", "49.9750", id="plain"),
        pytest.param("0.3333", "0.3333", "0.1111", id="product-rounded-to-four-places"),
        pytest.param("1", "0", "0.0000", id="zero-price"),
    ],
)
def test_billable_amount_and_extended_cost(quantity: str, unit: str, expected: str) -> None:
    assert billable_amount(D(quantity), D(unit)) == D(expected)
    assert extended_cost(D(quantity), D(unit)) == D(expected)


def test_rounding_first_is_not_rounding_last() -> None:
    exact_then_round = round4(D("3") * D("1.00005"))  # 3.00015 -> 3.0002
    assert billable_amount(D("3"), D("1.00005")) == D("3.0003")
    assert exact_then_round == D("3.0002")


def test_round4_refuses_floats() -> None:
    with pytest.raises(TypeError, match="float"):
        round4(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("12.34", D("12.34"), id="text"),
        pytest.param(" 12.34 ", D("12.34"), id="text-with-spaces"),
        pytest.param(7, D(7), id="int"),
        pytest.param(D("1.5"), D("1.5"), id="decimal"),
        pytest.param("-0.5", D("-0.5"), id="negative"),
    ],
)
def test_parse_decimal_accepts_exact_values(value: object, expected: Decimal) -> None:
    assert parse_decimal(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(0.1, "float", id="float"),
        pytest.param(True, "boolean", id="bool"),
        pytest.param("NaN", "not a plain decimal", id="nan-text"),
        pytest.param(D("NaN"), "finite", id="nan-decimal"),
        pytest.param("Infinity", "not a plain decimal", id="infinity"),
        pytest.param("-inf", "not a plain decimal", id="minus-infinity"),
        pytest.param("", "empty", id="empty"),
        pytest.param("12,50", "not a plain decimal", id="comma-decimal"),
        pytest.param("$5", "not a plain decimal", id="currency-sign"),
        pytest.param("1e3", "no exponent", id="exponent-text"),
        pytest.param("١٢", "ASCII digits", id="arabic-indic-digits"),
        pytest.param("１２", "ASCII digits", id="full-width-digits"),
        pytest.param(None, "not a decimal", id="none"),
        pytest.param([1], "not a decimal", id="list"),
    ],
)
def test_parse_decimal_refuses(value: object, message: str) -> None:
    with pytest.raises(MoneyParseError, match=message):
        parse_decimal(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(MAX_ABS + D("0.0001"), id="above-max"),
        pytest.param(-MAX_ABS - D("0.0001"), id="below-min"),
        pytest.param(MAX_ABS + D("0.00006"), id="rounds-above-max"),
        pytest.param(D("1e80"), id="huge"),
    ],
)
def test_parse_amount_refuses_out_of_range(value: Decimal) -> None:
    with pytest.raises(MoneyParseError, match="out of range"):
        parse_amount(value)


def test_parse_amount_keeps_the_extremes() -> None:
    assert parse_amount(MAX_ABS) == MAX_ABS
    assert parse_amount(-MAX_ABS) == -MAX_ABS


class _Priced(BaseModel):
    price: Amount


def test_amount_field_rounds_and_refuses_floats() -> None:
    assert _Priced(price="1.23456").price == D("1.2346")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="float"):
        _Priced(price=1.5)  # type: ignore[arg-type]


# ---- properties ---------------------------------------------------------------------

finite = st.decimals(
    min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=8
)
non_negative = st.decimals(
    min_value=D("0"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=8
)


@given(finite)
def test_round4_is_idempotent_and_has_four_places(value: Decimal) -> None:
    once = round4(value)
    assert round4(once) == once
    assert once.as_tuple().exponent == -4
    assert abs(once - value) <= D("0.00005")


@given(non_negative, non_negative)
def test_amounts_equal_decimal_math_on_pre_rounded_inputs(q: Decimal, p: Decimal) -> None:
    exact = round4(q) * round4(p)  # exact: 8 places at most, well within precision
    result = billable_amount(q, p)
    assert result == round4(exact)
    assert abs(result - exact) <= D("0.00005")
    assert billable_amount(round4(q), round4(p)) == result
    assert extended_cost(q, p) == result


@given(finite, finite)
def test_amounts_are_always_decimals(q: Decimal, p: Decimal) -> None:
    assert type(billable_amount(q, p)) is Decimal
    assert type(extended_cost(q, p)) is Decimal


@given(non_negative, non_negative)
def test_multiplication_commutes_after_rounding(q: Decimal, p: Decimal) -> None:
    assert billable_amount(q, p) == extended_cost(p, q)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_ever_parses(value: float) -> None:
    with pytest.raises(MoneyParseError):
        parse_amount(value)
