"""From a claimed charge to the ticket charge procdesk sends, checked before any API call."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from procdesk.domain.billing_codes import MissingBillingCodeError, resolve_billing_code
from procdesk.domain.enums import IssueKind
from procdesk.domain.problems import Problem
from procdesk.domain.ticket_charge import (
    ChargeDraft,
    charge_name,
    notes_with_marker,
    validate_draft,
)
from procdesk.store.charges import ClaimedCharge


class BuiltCharge(BaseModel):
    """The draft to send, or the problems that stop it (then `draft` is None)."""

    model_config = ConfigDict(frozen=True)

    draft: ChargeDraft | None
    problems: list[Problem]


def build_charge(
    claimed: ClaimedCharge, *, ticket_id: int | None, mappings: Mapping[str, int]
) -> BuiltCharge:
    """The ticket charge for a claimed charge (with its line's product, billing code
    override and line number)."""
    charge = claimed.charge
    if ticket_id is None:
        return BuiltCharge(
            draft=None,
            problems=[
                Problem(
                    kind=IssueKind.CHARGE_VALIDATION,
                    field="ticket_id",
                    message=(
                        f"quote {charge.quote_id} names no Autotask ticket"
                        + (
                            f" (ticket number {charge.ticket_number} was not found)"
                            if charge.ticket_number
                            else ""
                        )
                    ),
                )
            ],
        )
    try:
        choice = resolve_billing_code(claimed.billing_code_override, charge.category, mappings)
        billing_code_id: int | None = choice.billing_code_id
    except MissingBillingCodeError as exc:
        if claimed.product_id is None:
            return BuiltCharge(
                draft=None,
                problems=[Problem(kind=exc.kind, field="billing_code_id", message=str(exc))],
            )
        billing_code_id = None  # Autotask takes the product's own billing code
    draft = ChargeDraft(
        ticket_id=ticket_id,
        name=charge_name(charge.sku, charge.description),
        description=charge.description,
        notes=notes_with_marker(
            f"Quote {charge.quote_id} line {claimed.line_number}", charge.marker
        ),
        quantity=charge.quantity,
        unit_cost=charge.unit_cost,
        unit_price=charge.unit_price,
        billing_code_id=billing_code_id,
        product_id=claimed.product_id,
        date_purchased=charge.created_at,
        purchase_order_number=charge.quote_id,
        internal_purchase_order_number=charge.quote_id,
    )
    problems = validate_draft(draft)
    return BuiltCharge(draft=None if problems else draft, problems=problems)
