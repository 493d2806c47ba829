"""The filter builder produces Autotask's wire JSON for every operator and nesting."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from procdesk.integrations.autotask.filters import Condition, F, Op, to_filter_list


@pytest.mark.parametrize(
    ("condition", "op"),
    [
        (F.eq("ticketID", 5), "eq"),
        (F.noteq("ticketID", 5), "noteq"),
        (F.gt("ticketID", 5), "gt"),
        (F.gte("ticketID", 5), "gte"),
        (F.lt("ticketID", 5), "lt"),
        (F.lte("ticketID", 5), "lte"),
    ],
)
def test_comparison_operators(condition: Condition, op: str) -> None:
    assert condition.to_wire() == {"op": op, "field": "ticketID", "value": 5}


def test_string_operators_keep_their_camel_case_names() -> None:
    assert F.begins_with("name", "HP").to_wire() == {
        "op": "beginsWith",
        "field": "name",
        "value": "HP",
    }
    assert F.ends_with("name", "x").to_wire()["op"] == "endsWith"
    assert F.contains("notes", "pd:").to_wire()["op"] == "contains"


def test_exist_operators_carry_no_value() -> None:
    assert F.exist("productID").to_wire() == {"op": "exist", "field": "productID"}
    assert F.not_exist("productID").to_wire() == {"op": "notExist", "field": "productID"}


def test_in_and_not_in_take_lists() -> None:
    assert F.in_("id", (1, 2, 3)).to_wire() == {"op": "in", "field": "id", "value": [1, 2, 3]}
    assert F.not_in("id", [4]).to_wire() == {"op": "notIn", "field": "id", "value": [4]}


def test_every_operator_has_a_builder() -> None:
    built = {
        F.eq("a", 1).op,
        F.noteq("a", 1).op,
        F.gt("a", 1).op,
        F.gte("a", 1).op,
        F.lt("a", 1).op,
        F.lte("a", 1).op,
        F.begins_with("a", "x").op,
        F.ends_with("a", "x").op,
        F.contains("a", "x").op,
        F.exist("a").op,
        F.not_exist("a").op,
        F.in_("a", [1]).op,
        F.not_in("a", [1]).op,
    }
    assert built == set(Op)


def test_udf_flag_is_sent_only_for_udfs() -> None:
    assert F.eq("Marker", "x", udf=True).to_wire() == {
        "op": "eq",
        "field": "Marker",
        "value": "x",
        "udf": True,
    }
    assert "udf" not in F.eq("name", "x").to_wire()


def test_values_are_json_ready() -> None:
    when = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    assert F.gte("createDate", when).to_wire()["value"] == "2026-11-22T09:30:00+00:00"
    assert F.eq("unitPrice", Decimal("12.3400")).to_wire()["value"] == "12.3400"
    assert F.eq("isBilled", False).to_wire()["value"] is False


def test_and_of_conditions_flattens_into_the_top_level_list() -> None:
    query = F.eq("ticketID", 5) & F.contains("notes", "pd:") & F.eq("isBilled", False)
    assert to_filter_list(query) == [
        {"op": "eq", "field": "ticketID", "value": 5},
        {"op": "contains", "field": "notes", "value": "pd:"},
        {"op": "eq", "field": "isBilled", "value": False},
    ]


def test_nested_groups() -> None:
    query = F.eq("ticketID", 5) & (F.eq("status", 1) | F.eq("status", 2) | F.not_exist("status"))
    assert to_filter_list(query) == [
        {"op": "eq", "field": "ticketID", "value": 5},
        {
            "op": "or",
            "items": [
                {"op": "eq", "field": "status", "value": 1},
                {"op": "eq", "field": "status", "value": 2},
                {"op": "notExist", "field": "status"},
            ],
        },
    ]


def test_or_at_the_top_level_stays_one_group() -> None:
    query = F.or_(F.and_(F.eq("a", 1), F.eq("b", 2)), F.eq("c", 3))
    assert to_filter_list(query) == [
        {
            "op": "or",
            "items": [
                {
                    "op": "and",
                    "items": [
                        {"op": "eq", "field": "a", "value": 1},
                        {"op": "eq", "field": "b", "value": 2},
                    ],
                },
                {"op": "eq", "field": "c", "value": 3},
            ],
        }
    ]


def test_no_filter_means_every_record() -> None:
    assert to_filter_list(None) == [{"op": "gte", "field": "id", "value": 0}]


def test_an_empty_group_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        F.or_()
