"""The charge procdesk means to create, mapped to Autotask's TicketCharge wire shape."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from procdesk.domain.ticket_charge import ChargeDraft
from procdesk.integrations.autotask.charges import ticket_charge_from

D = Decimal


def test_the_wire_body_uses_autotasks_names_utc_times_and_leaves_out_unset_fields() -> None:
    paris = timezone(timedelta(hours=1))
    draft = ChargeDraft(
        ticket_id=42,
        name="LAP-14 - Laptop 14 inch",
        description="Full text",
        notes="[procdesk:abc]",
        quantity=D("2"),
        unit_cost=D("700"),
        unit_price=D("899.99"),
        billing_code_id=29682801,
        product_id=5,
        purchase_order_number="PO-1",
        date_purchased=datetime(2026, 11, 23, 13, 30, tzinfo=paris),
    )
    assert ticket_charge_from(draft).to_wire() == {
        "ticketID": 42,
        "name": "LAP-14 - Laptop 14 inch",
        "description": "Full text",
        "notes": "[procdesk:abc]",
        "unitQuantity": D("2.0000"),
        "unitCost": D("700.0000"),
        "unitPrice": D("899.9900"),
        "billingCodeID": 29682801,
        "productID": 5,
        "datePurchased": "2026-11-23T12:30:00Z",
        "purchaseOrderNumber": "PO-1",
    }
