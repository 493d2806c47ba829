"""A small typed builder for Autotask query filters, producing the wire JSON.

    F.eq("ticketID", 5) & F.contains("notes", "pd:")      -> an "and" group
    F.or_(F.eq("status", 1), F.eq("status", 2))           -> an "or" group
    F.in_("id", [1, 2, 3])

The top-level filter list of a query is an implicit AND; `to_filter_list` flattens a
top-level "and" group into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Literal, cast

GroupOp = Literal["and", "or"]
Scalar = str | int | float | bool | Decimal | datetime | None


class Op(StrEnum):
    EQ = "eq"
    NOTEQ = "noteq"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    BEGINS_WITH = "beginsWith"
    ENDS_WITH = "endsWith"
    CONTAINS = "contains"
    EXIST = "exist"
    NOT_EXIST = "notExist"
    IN = "in"
    NOT_IN = "notIn"


def _wire_value(value: Any) -> Any:
    """JSON-ready value: exact decimals as strings (Autotask accepts numeric strings)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_wire_value(v) for v in value]
    return value


class _Combinable:
    def __and__(self, other: Filter) -> Group:
        return F.and_(cast("Filter", self), other)

    def __or__(self, other: Filter) -> Group:
        return F.or_(cast("Filter", self), other)


@dataclass(frozen=True)
class Condition(_Combinable):
    op: Op
    field: str
    value: Any = None
    udf: bool = False

    def to_wire(self) -> dict[str, Any]:
        item: dict[str, Any] = {"op": self.op.value, "field": self.field}
        if self.op not in (Op.EXIST, Op.NOT_EXIST):
            item["value"] = _wire_value(self.value)
        if self.udf:
            item["udf"] = True
        return item


@dataclass(frozen=True)
class Group(_Combinable):
    op: GroupOp
    items: tuple[Filter, ...]

    def to_wire(self) -> dict[str, Any]:
        return {"op": self.op, "items": [item.to_wire() for item in self.items]}


Filter = Condition | Group


class F:
    """Factory for filter conditions and groups (every Autotask operator)."""

    @staticmethod
    def eq(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.EQ, field, value, udf)

    @staticmethod
    def noteq(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.NOTEQ, field, value, udf)

    @staticmethod
    def gt(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.GT, field, value, udf)

    @staticmethod
    def gte(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.GTE, field, value, udf)

    @staticmethod
    def lt(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.LT, field, value, udf)

    @staticmethod
    def lte(field: str, value: Scalar, *, udf: bool = False) -> Condition:
        return Condition(Op.LTE, field, value, udf)

    @staticmethod
    def begins_with(field: str, value: str, *, udf: bool = False) -> Condition:
        return Condition(Op.BEGINS_WITH, field, value, udf)

    @staticmethod
    def ends_with(field: str, value: str, *, udf: bool = False) -> Condition:
        return Condition(Op.ENDS_WITH, field, value, udf)

    @staticmethod
    def contains(field: str, value: str, *, udf: bool = False) -> Condition:
        return Condition(Op.CONTAINS, field, value, udf)

    @staticmethod
    def exist(field: str, *, udf: bool = False) -> Condition:
        return Condition(Op.EXIST, field, None, udf)

    @staticmethod
    def not_exist(field: str, *, udf: bool = False) -> Condition:
        return Condition(Op.NOT_EXIST, field, None, udf)

    @staticmethod
    def in_(field: str, values: Iterable[Scalar], *, udf: bool = False) -> Condition:
        return Condition(Op.IN, field, list(values), udf)

    @staticmethod
    def not_in(field: str, values: Iterable[Scalar], *, udf: bool = False) -> Condition:
        return Condition(Op.NOT_IN, field, list(values), udf)

    @staticmethod
    def and_(*items: Filter) -> Group:
        return Group("and", _flatten("and", items))

    @staticmethod
    def or_(*items: Filter) -> Group:
        return Group("or", _flatten("or", items))

    @staticmethod
    def everything() -> Condition:
        """`id gte 0`: what clients send for "all records" (a query needs a filter)."""
        return Condition(Op.GTE, "id", 0)


def _flatten(op: GroupOp, items: tuple[Filter, ...]) -> tuple[Filter, ...]:
    if not items:
        raise ValueError(f"an '{op}' group needs at least one item")
    flat: list[Filter] = []
    for item in items:
        if isinstance(item, Group) and item.op == op:
            flat.extend(item.items)
        else:
            flat.append(item)
    return tuple(flat)


def to_filter_list(filter_: Filter | None) -> list[dict[str, Any]]:
    """The query's top-level `Filter` list (an implicit AND); `id gte 0` when none is given."""
    if filter_ is None:
        return [F.everything().to_wire()]
    if isinstance(filter_, Group) and filter_.op == "and":
        return [item.to_wire() for item in filter_.items]
    return [filter_.to_wire()]
