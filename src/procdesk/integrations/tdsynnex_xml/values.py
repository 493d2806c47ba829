"""Element values as the client reads and writes them.

Reading is strict about types and lenient about presence: a quantity is digits only, an
amount digits with an optional decimal part, a date ISO `YYYY-MM-DD` (a time after it is
ignored), a time ISO 8601 (naive when TD SYNNEX sends no offset: its zone is UNVERIFIED);
an element left empty counts as absent, and elements the models do not name are ignored.
Writing refuses text XML 1.0 cannot carry (control characters), before anything is sent.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    model_validator,
)

_WHOLE = re.compile(r"[0-9]{1,12}")
_AMOUNT = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,6})?")
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})([T ][0-9:.]+(Z|[+-][0-9:]+)?)?")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _whole(value: object) -> int:
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    raise ValueError(f"expected a whole number, got {value!r:.40}")


def _amount(value: object) -> Decimal:
    if isinstance(value, str) and _AMOUNT.fullmatch(value):
        return Decimal(value)
    raise ValueError(f"expected an amount, got {value!r:.40}")


def _date(value: object) -> date:
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r:.40}")
    return date.fromisoformat(match.group(1))


def _time(value: object) -> datetime:
    if isinstance(value, str):
        offset = re.search(r"(Z|[+-][0-9]{2}:?[0-9]{2})$", value)
        bare = value[: offset.start()] if offset else value
        if _TIME.fullmatch(bare):
            return datetime.fromisoformat(value.replace(" ", "T", 1))
    raise ValueError(f"expected an ISO 8601 time, got {value!r:.40}")


def xml_safe(value: str) -> str:
    """`value` unchanged, or ValueError if XML 1.0 cannot carry one of its characters."""
    if _NOT_XML.search(value):
        raise ValueError("holds a character XML cannot carry (a control character)")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
DateValue = Annotated[date, BeforeValidator(_date)]
TimeValue = Annotated[datetime, BeforeValidator(_time)]
XmlText = Annotated[str, AfterValidator(xml_safe)]
SkuText = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}$")]
PartNumber = Annotated[
    str, StringConstraints(min_length=1, max_length=60), AfterValidator(xml_safe)
]


class ReplyModel(BaseModel):
    """A reply element: fields by element name; unknown elements ignored; empty = absent."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

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
        read: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, list) and key not in repeatable:
                if len(value) != 1:
                    raise ValueError(f"<{key}> appears {len(value)} times")
                value = value[0]
            if value != "":
                read[key] = value
        return read
