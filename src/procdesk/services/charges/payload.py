"""From a ledger charge to the TicketCharge procdesk sends, checked before any API call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from procdesk.domain.billing_codes import MissingBillingCodeError, resolve_billing_code
from procdesk.domain.enums import IssueKind
from procdesk.domain.problems import Problem
from procdesk.domain.ticket_charge import (
    TicketChargeDraft,
    charge_name,
    notes_with_marker,
    validate_draft,
)


class BuiltCharge(BaseModel):
    """The draft to send, or the problems that stop it (then `draft` is None)."""

    model_config = ConfigDict(frozen=True)

    draft: TicketChargeDraft | None
    problems: list[Problem]


def build_charge(
    charge: Mapping[str, Any], *, ticket_id: int | None, mappings: Mapping[str, int]
) -> BuiltCharge:
    """The TicketCharge for a claimed charge row (charge columns + its line's product id,
    billing code override and line number)."""
    if ticket_id is None:
        return BuiltCharge(
            draft=None,
            problems=[
                Problem(
                    kind=IssueKind.CHARGE_VALIDATION,
                    field="ticketID",
                    message=(
                        f"quote {charge['quote_id']} names no Autotask ticket"
                        + (
                            f" (ticket number {charge['ticket_number']} was not found)"
                            if charge.get("ticket_number")
                            else ""
                        )
                    ),
                )
            ],
        )
    try:
        choice = resolve_billing_code(
            charge.get("billing_code_override"), charge["category"], mappings
        )
        billing_code_id: int | None = choice.billing_code_id
    except MissingBillingCodeError as exc:
        if charge.get("product_id") is None:
            return BuiltCharge(
                draft=None,
                problems=[Problem(kind=exc.kind, field="billingCodeID", message=str(exc))],
            )
        billing_code_id = None  # Autotask takes the product's own billing code
    draft = TicketChargeDraft(
        ticketID=ticket_id,
        name=charge_name(charge["sku"], charge["description"]),
        description=charge["description"],
        notes=notes_with_marker(
            f"Quote {charge['quote_id']} line {charge.get('line_number', '')}".strip(),
            charge["marker"],
        ),
        unitQuantity=charge["quantity"],
        unitCost=charge["unit_cost"],
        unitPrice=charge["unit_price"],
        billingCodeID=billing_code_id,
        productID=charge.get("product_id"),
        datePurchased=charge["created_at"],
        purchaseOrderNumber=charge["quote_id"],
        internalPurchaseOrderNumber=charge["quote_id"],
    )
    problems = validate_draft(draft)
    return BuiltCharge(draft=None if problems else draft, problems=problems)
