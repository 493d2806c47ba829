"""Exact money and quantity arithmetic, the way Autotask does it for TicketCharges.

Autotask rounds unitQuantity, unitCost and unitPrice to 4 decimal places *before* it
computes billableAmount (quantity x unitPrice) and extendedCost (quantity x unitCost).
procdesk does the same with `Decimal`, never `float`.

Rounding rule: half away from zero (`ROUND_HALF_UP` in Python's decimal module), so
1.00005 -> 1.0001 and -1.00005 -> -1.0001. Autotask does not publish its rule. It keeps
these values in SQL Server `decimal` columns, and SQL Server rounds half away from zero
when it narrows a decimal (where .NET's `Math.Round` default would round half to even).
Half away from zero is also what people expect on an invoice. The sandbox uses these same
functions, so procdesk and its emulator cannot disagree; a real-world difference can only
show on a value with a 5 in the fifth decimal place.

Products are rounded to 4 places too: both fields are 4-place decimals in Autotask and in
the ledger (`Money4`), so an unrounded 8-place product would otherwise be rounded by
whichever layer stored it, with whatever rule that layer uses.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from typing import Annotated

from pydantic import BeforeValidator

from procdesk.domain.text import is_plain_decimal

PLACES = 4
QUANTUM = Decimal(1).scaleb(-PLACES)  # Decimal("0.0001")

# The ledger stores 4-place values as a signed 64-bit count of ten-thousandths.
MAX_ABS = Decimal(2**63 - 1).scaleb(-PLACES)

# Enough digits that no product of two in-range 4-place values is ever rounded by the
# context before we round it ourselves.
_EXACT_PRECISION = 60
_EXACT = Context(prec=_EXACT_PRECISION, rounding=ROUND_HALF_UP)
# Values below 10**12 have at most 16 digits at 4 places: within Python's default
# precision (28), so they round without a context of their own.
_FAST_DIGITS = 12


class MoneyParseError(ValueError):
    """A value is not an exact, finite decimal (a float, NaN, infinity, or bad text)."""


def round4(value: Decimal) -> Decimal:
    """`value` rounded to 4 places, half away from zero; always exactly 4 places."""
    if not isinstance(value, Decimal):
        raise TypeError(f"round4 takes a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise MoneyParseError(f"{value} is not a finite number")
    if value.adjusted() < _FAST_DIGITS:
        # Few digits: the current context's precision suffices (making a context of our
        # own costs more than the rounding, and an import rounds every amount). Quantize
        # is exact or fails, so a failure only sends us the long way.
        try:
            fast = value.quantize(QUANTUM, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            fast = None
        if fast is not None and fast.is_finite():
            return fast
    with localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        try:
            return value.quantize(QUANTUM, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise MoneyParseError(f"{value} has too many digits to round") from None


def _product4(left: Decimal, right: Decimal) -> Decimal:
    # multiplied in a context of its own (made once: entering a new one per product cost
    # more than the arithmetic, and an import computes two per line)
    return round4(_EXACT.multiply(round4(left), round4(right)))


def billable_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Autotask's billableAmount: round4(quantity) x round4(unitPrice), to 4 places."""
    return _product4(quantity, unit_price)


def extended_cost(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    """Autotask's extendedCost: round4(quantity) x round4(unitCost), to 4 places."""
    return _product4(quantity, unit_cost)


def parse_decimal(value: object) -> Decimal:
    """An exact Decimal from a Decimal, an int or decimal text; floats are refused.

    A float has already lost exactness (0.1 is not one tenth), so it never becomes money:
    JSON readers must parse numbers with `parse_float=Decimal`. Booleans, NaN, infinities,
    empty text and text that is not a plain decimal number are refused too.
    """
    if isinstance(value, bool):
        raise MoneyParseError("a boolean is not a number")
    if isinstance(value, float):
        raise MoneyParseError(f"{value!r} is a float; give an exact decimal (text or Decimal)")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise MoneyParseError("an empty value is not a number")
        if not is_plain_decimal(text):
            raise MoneyParseError(
                f"{value!r} is not a plain decimal number (ASCII digits and one point; no exponent)"
            )
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise MoneyParseError(f"{value!r} is not a decimal number") from None
    else:
        raise MoneyParseError(f"a {type(value).__name__} is not a decimal number")
    if not result.is_finite():
        raise MoneyParseError(f"{value!r} is not a finite number")
    return result


def parse_amount(value: object) -> Decimal:
    """`parse_decimal`, rounded to 4 places and within what the ledger can store."""
    exact = parse_decimal(value)
    if abs(exact) > MAX_ABS or abs(result := round4(exact)) > MAX_ABS:
        raise MoneyParseError(f"{exact} is out of range (at most {MAX_ABS} either way)")
    return result


def exact_amount(value: object) -> Decimal:
    """`parse_amount` for a value a person states (a quote file, a setting): more than 4
    decimal places is refused rather than rounded (0.00001 is not 0)."""
    exact = parse_decimal(value)
    amount = round4(exact)
    if exact != amount:
        raise MoneyParseError(f"expected at most {PLACES} decimal places (got {exact})")
    if abs(amount) <= MAX_ABS:  # what parse_amount returns for it
        return amount
    return parse_amount(exact)  # out of the ledger's range: raises with the reason


# A pydantic field type: exact (no floats), finite, rounded to 4 places, in ledger range.
Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
# The same for what a person states: at most 4 places, never rounded.
ExactAmount = Annotated[Decimal, BeforeValidator(exact_amount)]
