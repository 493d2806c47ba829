"""How a ticket charge's status follows procurement (clients never write it).

Choices where the facts are UNVERIFIED:
- A charge becomes "On Order" when a purchase order item that references it is created (not
  when the PO is submitted): a third-party list says "a PO item references the charge".
  From then on no second item can reference it, since only a "Need To Order" charge can be
  put on a PO.
- It becomes "Ready to Ship" once its item is fully received, and only if it is still
  "On Order" then (a status someone set by hand meanwhile is left alone).
- Canceling the PO puts its "On Order" charges back to "Need To Order", so they can be
  ordered again.
- Receiving more than the charge's quantity does not create the surplus item Autotask's help
  describes; item quantities are not checked against the charge's quantity.
`/_sandbox/autotask/charges/{id}/status` sets any status by label, standing in for a person
fulfilling the charge by hand in Autotask.
"""

from __future__ import annotations

from datetime import datetime

from procdesk.domain.enums import ProcurementStatus
from procdesk.sandbox.autotask.bodies import as_int
from procdesk.sandbox.autotask.charges import API_RESOURCE_ID
from procdesk.sandbox.autotask.fields import (
    CHARGE_ON_ORDER,
    CHARGE_STATUS_BY_LABEL,
    CHARGE_STATUS_VALUES,
)
from procdesk.sandbox.autotask.store import AutotaskStore, Record
from procdesk.sandbox.autotask.values import AutotaskError, missing_reference

NEED_TO_ORDER = CHARGE_STATUS_VALUES[ProcurementStatus.NEED_TO_ORDER]
READY_TO_SHIP = CHARGE_STATUS_VALUES[ProcurementStatus.READY_TO_SHIP]
ON_ORDER = CHARGE_ON_ORDER


def orderable_charge(store: AutotaskStore, charge_id: int) -> Record:
    """The charge a new PO item may reference: it exists and needs ordering."""
    charge = store.get("ticketcharges", charge_id)
    if charge is None:
        raise missing_reference("chargeID", charge_id)
    if charge["status"] != NEED_TO_ORDER:
        raise AutotaskError(
            f"Charge {charge_id} cannot be put on a purchase order: its status must be "
            "Need To Order."
        )
    return charge


def move(charge: Record, status: int, now: datetime) -> None:
    charge.update(status=status, statusLastModifiedDate=now, statusLastModifiedBy=API_RESOURCE_ID)


def follow(store: AutotaskStore, charge_id: object, before: int, after: int, now: datetime) -> None:
    """Move the charge from `before` to `after`; a charge in any other status stays."""
    if charge_id is None:
        return
    charge = store.get("ticketcharges", as_int(charge_id))
    if charge is not None and charge["status"] == before:
        move(charge, after, now)


def set_by_label(store: AutotaskStore, charge_id: int, label: str, now: datetime) -> Record:
    """Set a charge's status by its picklist label (case-insensitive), as a person would."""
    charge = store.get("ticketcharges", charge_id)
    if charge is None:
        raise AutotaskError(f"TicketCharges with id {charge_id} does not exist.", status=404)
    wanted = label.strip().casefold()
    value = next(
        (v for text, v in CHARGE_STATUS_BY_LABEL.items() if text.casefold() == wanted), None
    )
    if value is None:
        known = ", ".join(CHARGE_STATUS_BY_LABEL)
        raise AutotaskError(f"Unknown charge status {label!r}; one of: {known}.", status=422)
    move(charge, value, now)
    return charge
