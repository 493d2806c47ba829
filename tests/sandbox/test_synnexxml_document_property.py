"""The sandbox's XML reading refuses cleanly whatever it is given (bounded property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from procdesk.sandbox.synnexxml.document import Refused, fields, parse
from procdesk.sandbox.synnexxml.order_request import SynnexB2B
from procdesk.sandbox.synnexxml.price_request import PriceRequest

TAGS = ["priceRequest", "skuList", "synnexSKU", "lineNumber", "customerNo", "SynnexB2B", "Item"]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, body, attribute: f"<{tag}{attribute}>{body}</{tag}>",
        st.sampled_from(TAGS),
        st.lists(children, max_size=4).map("".join),
        st.sampled_from(["", ' version="2.8"', ' lineNumber="1"', " x='&amp;'"]),
    )


ELEMENTS = st.recursive(
    TEXT.map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;")), _element, max_leaves=20
)


def read(data: bytes) -> None:
    """What the endpoints do before their business rules; only refusals may escape."""
    try:
        root = parse(data)
        tree = fields(root)
        model = PriceRequest if root.tag == "priceRequest" else SynnexB2B
        model.model_validate(tree)
    except (Refused, ValidationError):
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    read(data)


@settings(max_examples=100, deadline=None)
@given(ELEMENTS, st.sampled_from(["", '<?xml version="1.0"?>', "<!DOCTYPE x>"]))
def test_any_element_tree_is_read_or_refused(document: str, prolog: str) -> None:
    read((prolog + document).encode())


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=13, max_value=400))
def test_nesting_beyond_the_limit_is_refused_not_a_recursion_error(depth: int) -> None:
    document = "<a>" * depth + "</a>" * depth
    with pytest.raises(Refused, match="nests deeper than 12"):
        fields(parse(document.encode()))


def test_twelve_levels_are_read() -> None:
    document = "<a>" * 12 + "x" + "</a>" * 12
    expected: object = "x"
    for _ in range(11):  # the root's eleven descendants
        expected = {"a": [expected]}
    assert fields(parse(document.encode())) == expected
