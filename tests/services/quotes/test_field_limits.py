"""Every limit of the quote file at exactly the limit, one step inside and one step outside.

The table is read from the file's models, not written by hand: a new field (or a new
limit on an old one) gets its boundary tests without anyone remembering to add them, and a
kind of constraint this test does not know how to probe fails the test instead of being
skipped. Each case goes through the real reader (a JSON file on disk)."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import annotated_types
import pytest
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from procdesk.services.quotes.files import ImportRejected, parse_quote_file
from procdesk.services.quotes.files.models import (
    EMAIL_PATTERN,
    QUOTE_ID_PATTERN,
    QuoteIn,
)
from tests.support.quotes import base_quote

# The quote's second line goes to a distributor procdesk does not order from, so a
# fractional quantity is allowed there and only the limit under test can refuse it.
LINE = 1
STEP = Decimal("0.0001")  # the finest amount a quote file may state (4 places)
# Constraint kinds this test knows how to probe; metadata of no other kind may appear.
PROBED = (annotated_types.MinLen, annotated_types.MaxLen, annotated_types.Ge, annotated_types.Le)
PROBED_DECIMAL = (annotated_types.Gt, annotated_types.Ge)
IGNORED = ("BeforeValidator", "_PydanticGeneralMetadata")  # converters and patterns


@dataclass(frozen=True)
class Limit:
    path: tuple[str | int, ...]  # where the value sits in the quote dict
    field: str  # the name the problem carries
    kind: str  # "text", "items", "whole" or "amount"
    bound: str  # "min" or "max"
    value: int | Decimal
    pattern: str | None = None

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path)
        return f"{where}:{self.kind}-{self.bound}={self.value}"


def _metadata(info: FieldInfo) -> tuple[type | None, list[Any]]:
    """The field's value type and every constraint on it, looking through Optional and
    Annotated (where pydantic keeps the constraints of reusable types such as AutotaskId)."""
    metadata = list(info.metadata)
    annotation = info.annotation
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        [annotation] = [a for a in args if a is not type(None)]
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        for item in extra:
            metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        annotation = base
    return annotation, metadata


def _bound(constraint: Any) -> tuple[str, Any]:
    """("min" | "max" | "gt", value) of one constraint."""
    for attribute, bound in (
        ("min_length", "min"),
        ("max_length", "max"),
        ("ge", "min"),
        ("le", "max"),
        ("gt", "gt"),
    ):
        if hasattr(constraint, attribute):
            return bound, getattr(constraint, attribute)
    raise AssertionError(f"no probe for {constraint!r}")


def _limits(model: type[BaseModel], path: tuple[str | int, ...]) -> Iterator[Limit]:
    for name, info in model.model_fields.items():
        annotation, metadata = _metadata(info)
        here = (*path, name)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _limits(annotation, here)
            continue
        item_type: Any = None
        if typing.get_origin(annotation) is list:
            [item_type] = typing.get_args(annotation)
        pattern = next((m.pattern for m in metadata if type(m).__name__ == IGNORED[1]), None)
        for constraint in metadata:
            if type(constraint).__name__ in IGNORED:
                continue
            bound, value = _bound(constraint)
            if annotation is Decimal:
                assert isinstance(constraint, PROBED_DECIMAL), (here, constraint)
                yield Limit(here, name, "amount", bound, Decimal(value))
                continue
            assert isinstance(constraint, PROBED), f"{here}: no probe for {constraint!r}"
            kind = "items" if item_type is not None else "text" if annotation is str else "whole"
            yield Limit(here, name, kind, bound, value, pattern)
        if item_type is not None and typing.get_origin(item_type) is typing.Annotated:
            _, *extra = typing.get_args(item_type)
            for item in extra:
                for constraint in item.metadata:
                    assert isinstance(constraint, PROBED), f"{here}[]: no probe for {constraint!r}"
                    yield Limit((*here, 0), name, "text", *_bound(constraint))
        elif item_type is not None and issubclass(item_type, BaseModel):
            yield from _limits(item_type, (*here, LINE))


def _text(limit: Limit, length: int) -> str:
    if limit.pattern == EMAIL_PATTERN:
        return "a" * (length - len("@b.io")) + "@b.io"
    if limit.pattern == QUOTE_ID_PATTERN:
        return "Q" * length
    return "x" * length


def _placed(limit: Limit, size: int | Decimal) -> dict[str, Any]:
    """The base quote with the limited value of `size` put at its place."""
    quote = base_quote()
    quote["lines"][0]["line_number"] = 5000  # out of the way of the probed line's number
    path = limit.path
    if limit.kind == "items":
        template = quote[path[0]] if len(path) == 1 else quote[path[0]][path[1]]
        items = [
            {**template[min(i, len(template) - 1)], "line_number": i + 1}
            if isinstance(template[0], dict)
            else f"{template[0]} {i}"
            for i in range(int(size))
        ]
        value: Any = items
    elif limit.kind == "text":
        value = _text(limit, int(size))
    else:
        value = str(size)
    node: Any = quote
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return quote


def _probes(limit: Limit) -> list[tuple[int | Decimal, bool]]:
    """(size, accepted): exactly at the limit, one step inside, one step outside."""
    if limit.kind == "amount":
        at = limit.value
        if limit.bound == "gt":  # the limit itself is outside
            return [(at, False), (at + STEP, True), (at - STEP, False)]
        return [(at, True), (at + STEP, True), (at - STEP, False)]
    inside, outside = (1, -1) if limit.bound == "min" else (-1, 1)
    at = int(limit.value)
    return [(at, True), (at + inside, True), (at + outside, False)]


LIMITS = list(_limits(QuoteIn, ()))
CASES = [
    pytest.param(limit, size, accepted, id=f"{limit}:{size}:{'ok' if accepted else 'refused'}")
    for limit in LIMITS
    for size, accepted in _probes(limit)
    if not (limit.kind in ("text", "items") and size < 0)
]


# The limits as decided, pinned: the boundary tests above follow the models, so this is
# what catches a limit moved by one (a mutant, or a slip). A new field's limit is tested at
# its boundary for free; adding it here records that someone chose it.
BIGINT = 2**63 - 1  # Autotask ids are 64-bit, and so are the ledger's columns for them
PINNED: dict[str, int | Decimal] = {
    "id:min": 1,
    "id:max": 64,
    "title:min": 1,
    "title:max": 200,
    "company_name:min": 1,
    "company_name:max": 200,
    "ship_to.company:min": 1,
    "ship_to.company:max": 200,
    "ship_to.contact:max": 100,
    "ship_to.address_lines:min": 1,
    "ship_to.address_lines:max": 4,
    "ship_to.address_lines.0:min": 1,
    "ship_to.address_lines.0:max": 200,
    "ship_to.city:min": 1,
    "ship_to.city:max": 100,
    "ship_to.state:max": 50,
    "ship_to.postal_code:max": 20,
    "ship_to.phone:max": 40,
    "ship_to.email:max": 200,
    "ticket_id:min": 1,
    "ticket_id:max": BIGINT,
    "lines:min": 1,
    "lines:max": 1000,
    f"lines.{LINE}.line_number:min": 1,
    f"lines.{LINE}.line_number:max": 9999,
    f"lines.{LINE}.sku:min": 1,
    f"lines.{LINE}.sku:max": 100,
    f"lines.{LINE}.description:min": 1,
    f"lines.{LINE}.description:max": 8000,  # Autotask's charge description holds 8000
    f"lines.{LINE}.category:min": 1,
    f"lines.{LINE}.category:max": 100,
    f"lines.{LINE}.distributor_part_number:max": 64,
    f"lines.{LINE}.quantity:gt": Decimal(0),
    f"lines.{LINE}.unit_cost:min": Decimal(0),
    f"lines.{LINE}.unit_price:min": Decimal(0),
    f"lines.{LINE}.product_id:min": 1,
    f"lines.{LINE}.product_id:max": BIGINT,
    f"lines.{LINE}.billing_code_override:min": 1,
    f"lines.{LINE}.billing_code_override:max": BIGINT,
}


def test_the_models_limits_are_the_pinned_ones() -> None:
    found = {
        f"{'.'.join(str(p) for p in limit.path)}:{limit.bound}": limit.value for limit in LIMITS
    }
    assert found == PINNED


@pytest.mark.parametrize(("limit", "size", "accepted"), CASES)
def test_every_quote_field_limit_at_its_boundary(
    tmp_path: Path, limit: Limit, size: int | Decimal, accepted: bool
) -> None:
    file = tmp_path / "q.json"
    file.write_text(json.dumps({"quotes": [_placed(limit, size)]}), encoding="utf-8")
    if accepted:
        [(quote, _)] = parse_quote_file(file)
        assert quote.id
        return
    with pytest.raises(ImportRejected) as caught:
        parse_quote_file(file)
    assert [problem.field for problem in caught.value.problems] == [limit.field]
