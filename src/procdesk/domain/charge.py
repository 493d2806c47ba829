"""A ticket charge: one quote line's charge in Autotask, and its sync bookkeeping.

Its status follows the charge state machine of DESIGN.md (`state_machines`): every status
the store writes is checked here first (`Charge.check_move`), and the store writes it only
while the row still has the status the check saw, so two writers cannot both move it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from procdesk.domain.enums import CancelReason, ChargeStatus, IssueKind
from procdesk.domain.money import Amount
from procdesk.domain.records import Entity, UTCDateTime
from procdesk.domain.state_machines import check_charge_transition


class Charge(Entity):
    """One quote line's ticket charge and its sync bookkeeping."""

    id: int
    quote_line_id: int
    quote_id: str
    ticket_id: int | None = None
    ticket_number: str | None = None
    status: ChargeStatus
    marker: str = Field(min_length=1, max_length=64)  # idempotency token (see ticket_charge)
    autotask_id: int | None = None
    procurement_status: str | None = None  # Autotask's label, kept as sent (may be new)
    is_billed: bool = False
    company_name: str
    sku: str
    description: str
    category: str
    quantity: Amount
    unit_cost: Amount
    unit_price: Amount
    billable_amount: Amount
    billing_code_id: int | None = None
    attempts: int = Field(default=0, ge=0)
    next_attempt_at: UTCDateTime | None = None
    last_error: str | None = None
    error_kind: IssueKind | None = None
    lease_owner: str | None = None
    lease_until: UTCDateTime | None = None
    send_started_at: UTCDateTime | None = None
    cancel_reason: CancelReason | None = None
    cancel_note: str | None = None
    search_text: str = ""
    created_at: UTCDateTime
    updated_at: UTCDateTime
    synced_at: UTCDateTime | None = None

    def check_move(self, new: ChargeStatus) -> None:
        """Raise IllegalTransitionError (BilledChargeError once billed) unless this charge
        may go to `new`."""
        check_charge_transition(self.status, new, is_billed=self.is_billed)

    def may_exist_in_autotask(self, now: datetime) -> bool:
        """Could an Autotask charge exist for it (so a cancel must be carried out there)?

        Synced: yes. Pending: once a create may have been sent (a send started, an earlier
        try, or a live lease: a worker may be sending right now)."""
        if self.status is ChargeStatus.SYNCED:
            return True
        if self.status is not ChargeStatus.PENDING:
            return False
        leased = self.lease_until is not None and self.lease_until > now
        return self.send_started_at is not None or self.attempts > 0 or leased

    @property
    def is_active(self) -> bool:
        """Pending, in error or synced, and no cancellation asked for."""
        return self.status is not ChargeStatus.CANCELLED and self.cancel_reason is None
