"""What a person sees before approving an order: its value against the threshold, the
margin on the quote, and how far the distributor's prices moved since the quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from procdesk.domain.enums import OrderStatus
from procdesk.domain.money import billable_amount, extended_cost
from procdesk.store import orders as order_store
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger


@dataclass(frozen=True)
class ApprovalPreview:
    order_id: int
    company_name: str
    distributor: str
    status: OrderStatus
    value: Decimal  # what the order costs at the distributor
    currency: str
    threshold: Decimal
    sale_value: Decimal  # what the quote sells those lines for
    quoted_cost: Decimal  # what the quote expected them to cost

    @property
    def margin(self) -> Decimal:
        return self.sale_value - self.value

    @property
    def margin_pct(self) -> Decimal | None:
        return None if not self.sale_value else 100 * self.margin / self.sale_value

    @property
    def price_change(self) -> Decimal:
        """The distributor's price against the quote's cost (positive: dearer now)."""
        return self.value - self.quoted_cost

    @property
    def awaits_approval(self) -> bool:
        return self.status is OrderStatus.AWAITING_APPROVAL


async def approval_previews(
    ledger: Ledger, order_ids: Sequence[int], *, threshold: Decimal
) -> list[ApprovalPreview]:
    """One preview per existing order, in the order asked."""
    found: list[ApprovalPreview] = []
    async with ledger.read() as conn:
        for order_id in order_ids:
            order = await order_store.get_order(conn, order_id)
            if order is None:
                continue
            lines = await order_store.get_lines(conn, order_id)
            quoted = {ql.id: ql for ql in await quote_store.lines_of(conn, order.quote_id)}
            sale = cost = Decimal(0)
            for line in lines:
                source = quoted.get(line.quote_line_id)
                if source is not None:
                    sale += billable_amount(line.quantity, source.unit_price)
                    cost += extended_cost(line.quantity, source.unit_cost)
            found.append(
                ApprovalPreview(
                    order_id=order.id,
                    company_name=order.company_name,
                    distributor=order.distributor.value,
                    status=order.status,
                    value=order.total_value,
                    currency=order.currency,
                    threshold=threshold,
                    sale_value=sale,
                    quoted_cost=cost,
                )
            )
    return found
