"""The single-distributor availability report (cloud orders): stock, price and the change
since the quote, where the distributor gave them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.integrations.distributor.models import AvailabilityStatus
from procdesk.services.dashboard.availability import AvailabilityReport
from procdesk.services.procurement.availability import LineAvailability


def line(**changes: object) -> LineAvailability:
    base: dict[str, object] = {
        "line_number": 1,
        "part_number": "ms365-bp-p1m",
        "quantity": Decimal(25),
        "quoted_cost": Decimal("22.00"),
        "status": AvailabilityStatus.AVAILABLE,
        "available_quantity": None,
        "current_price": None,
        "price_change_pct": None,
        "problem": None,
        "raw_status": "ACTIVE",
    }
    return LineAvailability.model_validate(base | changes)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ({}, "✓ line 1 (ms365-bp-p1m): available"),
        (
            {"available_quantity": 17, "current_price": Decimal("22.66"),
             "price_change_pct": Decimal("3.0")},
            "✓ line 1 (ms365-bp-p1m): available — 17 in stock, price 22.66 (+3.0% since the quote)",
        ),
        ({"current_price": Decimal("1234.5")}, "— price 1,234.50"),
        (
            {"current_price": Decimal("30.00"), "price_change_pct": Decimal("36.3636"),
             "problem": IssueKind.PRICE_CHANGED},
            "! line 1 (ms365-bp-p1m): price 30.00 vs quoted 22.00 (+36.3636%)",
        ),
    ],
)  # fmt: skip
def test_the_report_shows_the_numbers_the_distributor_gave(
    given: dict[str, object], shown: str
) -> None:
    report = AvailabilityReport(order_id=7, distributor=Distributor.TDSYNNEX, lines=[line(**given)])
    text = report.as_text()
    assert shown in text
    if given.get("problem") is IssueKind.PRICE_CHANGED:
        assert text.count("30.00") == 1  # the price is not repeated after the summary
