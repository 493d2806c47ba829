"""Autotask's query grammar: Filter trees of conditions and and/or groups, IncludeFields,
MaxRecords. Keys and field names are case-insensitive; values are coerced to field types."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from procdesk.sandbox.autotask.entities import EntitySpec
from procdesk.sandbox.autotask.fields import DataType, FieldDef
from procdesk.sandbox.autotask.values import AutotaskError, coerce

MAX_RECORDS_LIMIT = 500
MAX_OR_CONDITIONS = 500
COMPARISONS = {"eq", "noteq", "gt", "gte", "lt", "lte"}
TEXT_OPS = {"beginswith", "endswith", "contains"}
PRESENCE_OPS = {"exist", "notexist"}
LIST_OPS = {"in", "notin"}
GROUP_OPS = {"and", "or"}


class _RawItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    op: str
    field: str | None = None
    value: Any = None
    udf: bool = False
    items: list[_RawItem] | None = None


class _RawQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    maxrecords: int | None = None
    includefields: list[str] | None = None
    filter: list[_RawItem] = []


@dataclass(frozen=True)
class Condition:
    op: str
    field: FieldDef
    value: object


@dataclass(frozen=True)
class Group:
    op: str
    items: tuple[Node, ...]


Node = Condition | Group


@dataclass(frozen=True)
class Query:
    max_records: int
    include_fields: tuple[str, ...] | None
    filter: Group

    def matches(self, record: dict[str, object]) -> bool:
        return _matches(self.filter, record)

    def project(self, record: dict[str, object]) -> dict[str, object]:
        if self.include_fields is None:
            return record
        wanted = {"id", *self.include_fields}
        return {name: value for name, value in record.items() if name in wanted}


def _lower_keys(value: object) -> object:
    if isinstance(value, dict):
        return {
            str(k).lower(): _lower_keys(v) if str(k).lower() == "items" else v
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def parse_search(text: str, entity: EntitySpec) -> Query:
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AutotaskError(f"Invalid query: {exc.msg}.") from exc
    return parse_query(body, entity)


def parse_query(body: object, entity: EntitySpec) -> Query:
    if not isinstance(body, dict):
        raise AutotaskError("The query must be a JSON object.")
    lowered = {str(k).lower(): v for k, v in body.items()}
    if isinstance(lowered.get("filter"), list):
        lowered["filter"] = _lower_keys(lowered["filter"])
    try:
        raw = _RawQuery.model_validate(lowered)
    except ValidationError as exc:
        raise AutotaskError(f"Invalid query: {exc.errors()[0]['msg']}.") from exc
    max_records = MAX_RECORDS_LIMIT if raw.maxrecords is None else raw.maxrecords
    if not 1 <= max_records <= MAX_RECORDS_LIMIT:
        raise AutotaskError(f"MaxRecords must be between 1 and {MAX_RECORDS_LIMIT}.")
    if not raw.filter:
        raise AutotaskError("A query requires at least one filter condition.")
    root = Group("and", tuple(_build(item, entity) for item in raw.filter))
    if _or_conditions(root) > MAX_OR_CONDITIONS:
        raise AutotaskError(f"A query may contain at most {MAX_OR_CONDITIONS} OR conditions.")
    include = None
    if raw.includefields:
        include = tuple(_field(entity, name).name for name in raw.includefields)
    return Query(max_records=max_records, include_fields=include, filter=root)


def _field(entity: EntitySpec, name: str) -> FieldDef:
    field = entity.field(name)
    if field is None:
        raise AutotaskError(f"Unable to find {name} in the {entity.name} entity.")
    return field


def _build(item: _RawItem, entity: EntitySpec) -> Node:
    op = item.op.lower()
    if op in GROUP_OPS:
        if not item.items:
            raise AutotaskError(f"The {op} group requires items.")
        return Group(op, tuple(_build(child, entity) for child in item.items))
    if item.udf:
        raise AutotaskError(f"{entity.name} has no user-defined fields.")
    if item.field is None:
        raise AutotaskError(f"The {item.op} condition requires a field.")
    field = _field(entity, item.field)
    if op in PRESENCE_OPS:
        return Condition(op, field, None)
    if op in LIST_OPS:
        if not isinstance(item.value, list):
            raise AutotaskError(f"The {item.op} operator requires a list value.")
        return Condition(op, field, tuple(coerce(field, v) for v in item.value))
    if op in TEXT_OPS:
        if field.dataType is not DataType.STRING:
            raise AutotaskError(f"The {item.op} operator requires a string field.")
        return Condition(op, field, str(coerce(field, item.value)).casefold())
    if op in COMPARISONS:
        return Condition(op, field, coerce(field, item.value))
    raise AutotaskError(f"Unknown operator {item.op}.")


def _or_conditions(node: Node, under_or: bool = False) -> int:
    if isinstance(node, Condition):
        return 1 if under_or else 0
    inside = under_or or node.op == "or"
    return sum(_or_conditions(child, inside) for child in node.items)


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _matches(node: Node, record: dict[str, object]) -> bool:
    if isinstance(node, Group):
        results = (_matches(child, record) for child in node.items)
        return all(results) if node.op == "and" else any(results)
    actual = _fold(record.get(node.field.name))
    op, wanted = node.op, _fold(node.value)
    if op == "exist":
        return actual not in (None, "")
    if op == "notexist":
        return actual in (None, "")
    if op == "eq":
        return actual == wanted
    if op == "noteq":
        return actual != wanted
    if op in LIST_OPS:
        contained = actual in {_fold(v) for v in node.value}  # type: ignore[attr-defined]
        return contained if op == "in" else not contained
    if actual is None or wanted is None:
        return False
    if op in TEXT_OPS:
        text = str(actual)
        return {
            "beginswith": text.startswith,
            "endswith": text.endswith,
            "contains": text.__contains__,
        }[op](str(wanted))
    return _compare(op, actual, wanted)


def _compare(op: str, actual: Any, wanted: Any) -> bool:
    if op == "gt":
        return bool(actual > wanted)
    if op == "gte":
        return bool(actual >= wanted)
    if op == "lt":
        return bool(actual < wanted)
    return bool(actual <= wanted)
