"""The status Autotask gives a new TicketCharge (read-only there), as a pure function.

Seed rules, on create:
- procurement disabled -> Pending;
- no product -> Ready to Ship;
- a product that does not require procurement -> Ready to Ship;
- a product that requires procurement and is available in inventory -> Ready to Ship;
- a product that requires procurement and is not in inventory -> Need To Order, and then
  Waiting Approval when extendedCost is greater than the "Require approval before
  ordering" setting. "Greater" is strict: a cost equal to the threshold needs no approval.
"""

from __future__ import annotations

from decimal import Decimal

from procdesk.domain.enums import ProcurementStatus


def derive_procurement_status(
    *,
    procurement_enabled: bool,
    does_not_require_procurement: bool | None,
    available_in_inventory: bool,
    extended_cost: Decimal,
    approval_threshold: Decimal | None,
) -> ProcurementStatus:
    """The status of a charge Autotask has just created.

    `does_not_require_procurement` is the product's flag, or None when the charge has no
    product. `approval_threshold` is None when no approval rule is set.
    """
    if not procurement_enabled:
        return ProcurementStatus.PENDING
    if does_not_require_procurement is None or does_not_require_procurement:
        return ProcurementStatus.READY_TO_SHIP
    if available_in_inventory:
        return ProcurementStatus.READY_TO_SHIP
    if approval_threshold is not None and extended_cost > approval_threshold:
        return ProcurementStatus.WAITING_APPROVAL
    return ProcurementStatus.NEED_TO_ORDER
