"""`[procurement]`: the ordering rules of the procurement queue."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from procdesk.config.section import Section
from procdesk.domain.money import Amount
from procdesk.domain.purchase_order import ReceiveWhen


class ProcurementConfig(Section):
    # Orders whose value is above this wait for a person's approval.
    approval_threshold: Amount = Field(default=Decimal("5000.0000"), ge=0)
    auto_submit: bool = True  # submit orders without a person pressing "submit"
    price_tolerance_pct: Amount = Field(default=Decimal("5.0000"), ge=0, le=100)
    stuck_after_minutes: int = Field(default=30, ge=1)
    # Autotask purchase orders: made for every placed order unless this is off.
    autotask_purchase_orders: bool = True
    # When a shipment counts as received in Autotask: "shipped" or "delivered".
    receive_when: ReceiveWhen = ReceiveWhen.DELIVERED
