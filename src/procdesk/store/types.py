"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

SCALE = Decimal("10000")


class Money4(sa.types.TypeDecorator[Decimal]):
    """A Decimal with 4 places, stored exactly as a scaled integer (ten-thousandths).

    SQLite has no exact decimal type; an integer is exact, sortable and indexable on both
    databases, so money and quantities sort in SQL without float error.
    """

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * SCALE).to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / SCALE).quantize(Decimal("0.0001"))

    def bind_column(self, values: list[Any], dialect: Dialect) -> list[int | None]:
        """`process_bind_param` of every value of a column: each of its steps mapped over
        the whole column in C (an import binds a quarter of a million amounts; a Python
        call per amount cost twice the arithmetic)."""
        try:
            exact = list(map(Decimal, values))
        except TypeError:  # a NULL among them
            return [self.process_bind_param(value, dialect) for value in values]
        return list(map(int, map(Decimal.to_integral_value, map(SCALE.__mul__, exact))))


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite drops the zone otherwise)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the ledger; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
