"""What approving orders commits to, in words for the confirmation."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from procdesk.services.display import PROVIDER_NAME, money

if TYPE_CHECKING:
    from procdesk.services.procurement.approval import ApprovalPreview


def approval_text(previews: list[ApprovalPreview]) -> str:
    """One paragraph per order: what it costs, the threshold, the margin, price moves."""
    parts: list[str] = []
    for p in previews[:8]:
        if not p.awaits_approval:
            parts.append(f"Order {p.order_id}: {p.status.value}, not awaiting approval (skipped)")
            continue
        pct = f" ({p.margin_pct:.1f}%)" if p.margin_pct is not None else ""
        moved = p.price_change
        change = (
            "prices as quoted"
            if not moved
            else f"price {'up' if moved > 0 else 'down'} {money(abs(moved))} since the quote"
        )
        where = PROVIDER_NAME.get(p.distributor, p.distributor)
        parts.append(
            f"Order {p.order_id} — {p.company_name}, {where}\n"
            f"  value {p.currency} {money(p.value)} (approval above {money(p.threshold)})\n"
            f"  margin {p.currency} {money(p.margin)}{pct}; {change}"
        )
    if len(previews) > 8:
        parts.append(f"… and {len(previews) - 8} more")
    total = sum((p.value for p in previews if p.awaits_approval), Decimal(0))
    currencies = {p.currency for p in previews if p.awaits_approval}
    if len(currencies) == 1:
        parts.append(f"Total to approve: {currencies.pop()} {money(total)}")
    return "\n".join(parts)
