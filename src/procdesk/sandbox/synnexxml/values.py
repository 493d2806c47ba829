"""Element values as the sandbox reads them: strict numbers, texts, and the model base class.

Numbers are numbers: a quantity or line number is digits only ("2", never "2.0", "+2" or
"2 units"); a price is digits with an optional decimal part. The sandbox's own strictness,
since TD SYNNEX's exact parsing rules are UNVERIFIED.

`XmlModel` reads the field tree of `document.fields`: element names are the field aliases,
unknown elements are refused, and an element that may appear once and appears twice is
refused too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
    model_validator,
)

_WHOLE = re.compile(r"[0-9]{1,9}")
_SKU = re.compile(r"[0-9]{1,12}")
_AMOUNT = re.compile(r"[0-9]{1,9}(\.[0-9]{1,4})?")
MAX_PROBLEMS = 5


def _whole(value: object) -> int:
    if not isinstance(value, str) or not _WHOLE.fullmatch(value):
        raise ValueError(f"expected a whole number, got {_shown(value)}")
    return int(value)


def _amount(value: object) -> Decimal:
    if not isinstance(value, str) or not _AMOUNT.fullmatch(value):
        raise ValueError(f"expected an amount such as 12.50, got {_shown(value)}")
    return Decimal(value)


def _digits(value: object) -> str:
    if not isinstance(value, str) or not _SKU.fullmatch(value):
        raise ValueError(f"expected a numeric TD SYNNEX SKU, got {_shown(value)}")
    return value


def _positive(value: int) -> int:
    if value < 1:
        raise ValueError("must be at least 1")
    return value


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value[:40])
    return "an element with children" if isinstance(value, dict) else "a repeated element"


WholeNumber = Annotated[int, BeforeValidator(_whole)]
PositiveNumber = Annotated[int, BeforeValidator(_whole), AfterValidator(_positive)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
SkuNumber = Annotated[str, BeforeValidator(_digits)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=100)]
OptionalText = Annotated[str, StringConstraints(max_length=200)]
FLAG_PATTERN = r"^[YN]$"
Flag = Annotated[str, StringConstraints(pattern=FLAG_PATTERN)]


class XmlModel(BaseModel):
    """A request element: fields by exact element name, nothing unknown, singles once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _single_occurrences(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        repeatable = {
            field.alias or name
            for name, field in cls.model_fields.items()
            if get_origin(field.annotation) is list
        }
        unwrapped: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, list) and key not in repeatable:
                if len(value) != 1:
                    raise ValueError(f"<{key}> may appear once, found {len(value)}")
                value = value[0]
            unwrapped[key] = value
        return unwrapped


def _place(location: tuple[int | str, ...], root: str) -> str:
    parts = [root]
    for step in location:
        if isinstance(step, int):
            parts[-1] += f"[{step + 1}]"
        else:
            parts.append(step)
    return "/".join(parts)


def _problem(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not an element of this request"
    if kind in ("dict_type", "model_type"):
        return "must hold child elements"
    if kind == "string_type":
        return "must be text, not child elements"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {error['ctx']['max_length']} characters"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return "must be Y or N" if pattern == FLAG_PATTERN else f"must match {pattern}"
    message: str = error["msg"]
    return message.removeprefix("Value error, ")


def describe(error: ValidationError, root: str) -> str:
    """One sentence naming each problem by its element path, e.g. `.../OrderQuantity`."""
    problems = [
        f"{_place(tuple(problem['loc']), root)} {_problem(problem)}"
        for problem in error.errors(include_url=False)[:MAX_PROBLEMS]
    ]
    more = error.error_count() - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return f"The request is invalid: {'; '.join(problems)}{suffix}."
