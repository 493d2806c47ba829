"""`[procurement]`: the ordering rules of the procurement queue."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator

from procdesk.config.section import Section
from procdesk.domain.enums import Distributor, ReceiveWhen
from procdesk.domain.money import ExactAmount


class ProcurementConfig(Section):
    # Orders whose value is above this wait for a person's approval.
    approval_threshold: ExactAmount = Field(
        default=Decimal("5000.0000"), ge=0, le=Decimal("1000000000"), allow_inf_nan=False
    )
    auto_submit: bool = True  # submit orders without a person pressing "submit"
    price_tolerance_pct: ExactAmount = Field(default=Decimal("5.0000"), ge=0, le=100)
    stuck_after_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
    # Autotask purchase orders: made for every placed order unless this is off.
    autotask_purchase_orders: bool = True
    # When a shipment counts as received in Autotask: "shipped" or "delivered".
    receive_when: ReceiveWhen = ReceiveWhen.DELIVERED
    # Sourcing preference (applied when an order is built and when a part is unavailable):
    # which distributor comes first, how much cheaper another must be to win, and how many
    # days away incoming stock may be and still count.
    # Off by default: the quote line names the distributor the salesperson priced, so moving
    # a line changes the margin; on, the worker moves each newly queued hardware line to
    # the preferred distributor before the order is routed, and says why in its events.
    source_by_preference: bool = False
    distributor_priority: list[Distributor] = Field(
        default_factory=lambda: [Distributor.INGRAM, Distributor.TDSYNNEX_XML]
    )
    prefer_cheaper_pct: ExactAmount = Field(default=Decimal("3.0000"), ge=0, le=100)
    stock_horizon_days: int = Field(default=14, ge=0, le=365)

    @field_validator("distributor_priority", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """`procdesk config set procurement.distributor_priority tdsynnex_xml,ingram`."""
        if isinstance(value, str):
            return [name.strip() for name in value.split(",") if name.strip()]
        return value
