"""What a person sees of an order's Autotask side: PO, items, shipments, receipts."""

from __future__ import annotations

from pydantic import BaseModel, Field

from procdesk.domain.purchase_order import (
    PurchaseOrderItemLink,
    PurchaseOrderLink,
    Receipt,
    Shipment,
)


class LineProgress(BaseModel):
    line_number: int
    sku: str
    quantity: int
    shipped: int
    received: int
    backordered: int | None = None
    backorder_eta: str | None = None
    charge_id: int | None = None
    charge_status: str | None = None  # Autotask's label, as last read
    skipped: bool = False
    serialized: bool | None = None  # the product's, read live from Autotask; None: not known


class OrderPoView(BaseModel):
    order_id: int
    reference: str
    distributor_order_id: str | None
    purchase_order: PurchaseOrderLink | None
    lines: list[LineProgress] = Field(default_factory=list)
    items: list[PurchaseOrderItemLink] = Field(default_factory=list)
    shipments: list[Shipment] = Field(default_factory=list)
    receipts: list[Receipt] = Field(default_factory=list)

    def line(self, line_number: int) -> LineProgress | None:
        """The order's line numbered `line_number`, if it has one."""
        return next((p for p in self.lines if p.line_number == line_number), None)

    @property
    def counts(self) -> tuple[int, int, int]:
        """(shipped, received, ordered) units over the order's lines."""
        return (
            sum(line.shipped for line in self.lines),
            sum(line.received for line in self.lines),
            sum(line.quantity for line in self.lines),
        )
