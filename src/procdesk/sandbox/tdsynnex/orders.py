"""StreamOne ION orders in the sandbox and how they advance on the sandbox clock.

An order is IN_PROGRESS for PROCESSING_TIME after it is created, then COMPLETED, or FAILED
(with a statusMessage) if any item names a discontinued SKU. ION's documentation shows no
cancel call, so sandbox orders cannot be cancelled (CANCELLED is never produced).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PROCESSING_TIME = timedelta(minutes=5)

IN_PROGRESS = "IN_PROGRESS"
COMPLETED = "COMPLETED"
FAILED = "FAILED"


@dataclass(frozen=True)
class IonOrderItem:
    product_id: str
    sku_id: str
    quantity: int
    action: str
    discontinued: bool


@dataclass(frozen=True)
class IonOrder:
    order_id: str
    account_id: str
    customer_id: str
    reference_id: str
    items: tuple[IonOrderItem, ...]
    notes: str
    created_at: datetime

    @property
    def processed_at(self) -> datetime:
        return self.created_at + PROCESSING_TIME

    @property
    def resource_name(self) -> str:
        return f"accounts/{self.account_id}/customers/{self.customer_id}/orders/{self.order_id}"

    def status(self, now: datetime) -> str:
        if now < self.processed_at:
            return IN_PROGRESS
        return FAILED if any(item.discontinued for item in self.items) else COMPLETED

    def status_message(self, now: datetime) -> str:
        if self.status(now) != FAILED:
            return ""
        skus = ", ".join(item.sku_id for item in self.items if item.discontinued)
        return f"Provisioning failed: SKU {skus} is discontinued and can no longer be ordered."

    def update_time(self, now: datetime) -> datetime:
        return self.created_at if now < self.processed_at else self.processed_at
