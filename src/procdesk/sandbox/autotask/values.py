"""Autotask value handling: coercing what clients send, encoding what the sandbox answers."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from procdesk.sandbox.autotask.fields import DataType, FieldDef


class AutotaskError(Exception):
    """A failure Autotask reports as `{"errors": [...]}` (HTTP 500 unless said otherwise)."""

    def __init__(self, message: str, status: int = 500) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def missing_reference(field: str, value: object) -> AutotaskError:
    """Autotask's refusal of an id that names no record."""
    return AutotaskError(f"Value does not reference an existing entity for {field} {value}.")


def coerce(field: FieldDef, value: object) -> object:
    """`value` as the field's type; numeric strings are accepted for numeric fields."""
    if value is None:
        return None
    kind = field.dataType
    try:
        if kind.is_integral:
            return _to_int(value)
        if kind.is_fractional:
            return _to_decimal(value)
        if kind is DataType.BOOLEAN:
            if isinstance(value, bool):
                return value
            raise ValueError
        if kind is DataType.DATETIME:
            return parse_datetime(value)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    except (ValueError, InvalidOperation):
        pass
    raise AutotaskError(f"Value '{value}' is not valid for field {field.name} of type {kind}.")


def _to_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value.strip())
    raise ValueError


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | str):
        return Decimal(str(value).strip())
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    raise ValueError


def parse_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        raise ValueError
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def to_wire(value: object) -> object:
    """JSON-ready: Decimal as a number, datetimes as ISO-8601 UTC with milliseconds."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value


def record_to_wire(record: dict[str, object]) -> dict[str, object]:
    return {name: to_wire(value) for name, value in record.items()}
