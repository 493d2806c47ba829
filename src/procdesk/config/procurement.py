"""`[procurement]`: the ordering rules of the procurement queue."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from procdesk.config.section import Section
from procdesk.domain.money import Amount


class ProcurementConfig(Section):
    # Orders whose value is above this wait for a person's approval.
    approval_threshold: Amount = Field(
        default=Decimal("5000.0000"), ge=0, le=Decimal("1000000000"), allow_inf_nan=False
    )
    auto_submit: bool = True  # submit orders without a person pressing "submit"
    price_tolerance_pct: Amount = Field(default=Decimal("5.0000"), ge=0, le=100)
    stuck_after_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
