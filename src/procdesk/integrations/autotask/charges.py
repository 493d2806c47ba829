"""From the charge procdesk means to create to the TicketCharge Autotask takes: one function,
the only place the domain's charge meets Autotask's wire names."""

from __future__ import annotations

from procdesk.domain.ticket_charge import ChargeDraft
from procdesk.integrations.autotask.models import TicketCharge


def ticket_charge_from(draft: ChargeDraft) -> TicketCharge:
    return TicketCharge(
        ticket_id=draft.ticket_id,
        name=draft.name,
        description=draft.description,
        notes=draft.notes,
        unit_quantity=draft.quantity,
        unit_cost=draft.unit_cost,
        unit_price=draft.unit_price,
        billing_code_id=draft.billing_code_id,
        product_id=draft.product_id,
        date_purchased=draft.date_purchased,
        purchase_order_number=draft.purchase_order_number,
        internal_purchase_order_number=draft.internal_purchase_order_number,
    )
