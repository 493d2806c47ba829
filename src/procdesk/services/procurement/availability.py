"""Is every line of an order still orderable at the quoted cost? Checked before submitting
and on request (`procdesk orders availability ID`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel

from procdesk.domain.enums import IssueKind
from procdesk.domain.money import round4
from procdesk.domain.order import OrderLine
from procdesk.integrations.distributor.models import AvailabilityStatus, PartAvailability


class LineAvailability(BaseModel):
    line_number: int
    part_number: str
    quantity: Decimal
    quoted_cost: Decimal
    status: AvailabilityStatus
    available_quantity: int | None
    current_price: Decimal | None
    price_change_pct: Decimal | None
    problem: IssueKind | None  # PRODUCT_UNAVAILABLE, PRICE_CHANGED or None
    raw_status: str

    @property
    def summary(self) -> str:
        if self.problem is IssueKind.PRODUCT_UNAVAILABLE:
            why = self.raw_status or self.status.value.replace("_", " ")
            return f"line {self.line_number} ({self.part_number}): {why}"
        if self.problem is IssueKind.PRICE_CHANGED:
            return (
                f"line {self.line_number} ({self.part_number}): price {self.current_price} "
                f"vs quoted {self.quoted_cost} ({self.price_change_pct:+}%)"
            )
        return f"line {self.line_number} ({self.part_number}): {self.status.value}"


def _change_pct(quoted: Decimal, current: Decimal) -> Decimal | None:
    if quoted == 0:
        return None
    return round4((current - quoted) / quoted * 100)


def compare(
    lines: Sequence[OrderLine], found: Sequence[PartAvailability], tolerance_pct: Decimal
) -> list[LineAvailability]:
    """Each line against what the distributor says now. A price rise beyond the tolerance
    is a problem; a price drop is not."""
    by_part = {item.part_number.upper(): item for item in found}
    report: list[LineAvailability] = []
    for line in lines:
        item = by_part.get(line.part_number.upper())
        status = item.status if item else AvailabilityStatus.UNKNOWN
        price = item.price if item else None
        change = _change_pct(line.unit_price, price) if price is not None else None
        problem: IssueKind | None = None
        if item is None or not item.orderable:
            problem = IssueKind.PRODUCT_UNAVAILABLE
        elif change is not None and change > tolerance_pct:
            problem = IssueKind.PRICE_CHANGED
        report.append(
            LineAvailability(
                line_number=line.line_number,
                part_number=line.part_number,
                quantity=line.quantity,
                quoted_cost=line.unit_price,
                status=status,
                available_quantity=item.quantity if item else None,
                current_price=price,
                price_change_pct=change,
                problem=problem,
                raw_status=item.raw_status if item else "not known to the distributor",
            )
        )
    return report


def first_problem(report: Sequence[LineAvailability]) -> IssueKind | None:
    """Unavailability outranks a price change: nothing can be ordered at any price."""
    kinds = {line.problem for line in report if line.problem is not None}
    if IssueKind.PRODUCT_UNAVAILABLE in kinds:
        return IssueKind.PRODUCT_UNAVAILABLE
    return IssueKind.PRICE_CHANGED if kinds else None
