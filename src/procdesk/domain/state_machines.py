"""The charge and order state machines of DESIGN.md.

Services call `check_charge_transition` / `check_order_transition` before they write a new
status; an illegal move raises `IllegalTransitionError` naming the entity, the old and the
new status. Staying in the same status is not a transition and is refused too: a caller
that only updates bookkeeping must not call these.
"""

from __future__ import annotations

from collections.abc import Mapping

from procdesk.domain.enums import ChargeStatus, EntityType, OrderStatus


class IllegalTransitionError(ValueError):
    """A status change the state machine does not allow."""

    def __init__(
        self, entity: EntityType, old: str, new: str, *, reason: str | None = None
    ) -> None:
        self.entity = entity
        self.old = old
        self.new = new
        self.reason = reason
        why = f": {reason}" if reason else ""
        super().__init__(f"{entity.value} cannot go from {old} to {new}{why}")


class BilledChargeError(IllegalTransitionError):
    """The charge is billed in Autotask (approved and posted): it is read-only there.

    Trying to change it opens an issue of kind `CHARGE_BILLED`.
    """

    def __init__(self, old: ChargeStatus, new: ChargeStatus) -> None:
        super().__init__(
            EntityType.CHARGE,
            old.value,
            new.value,
            reason="it is billed in Autotask (approved and posted) and can no longer change",
        )


_C = ChargeStatus
CHARGE_TRANSITIONS: Mapping[ChargeStatus, frozenset[ChargeStatus]] = {
    _C.PENDING: frozenset({_C.SYNCED, _C.ERROR, _C.CANCELLED}),
    _C.ERROR: frozenset({_C.PENDING, _C.CANCELLED}),  # retry, or give up
    _C.SYNCED: frozenset({_C.CANCELLED}),  # only while Autotask's isBilled is false
    _C.CANCELLED: frozenset(),  # "re-order" makes a new pending charge instead
}
CHARGE_TERMINAL_STATES = frozenset(s for s, nxt in CHARGE_TRANSITIONS.items() if not nxt)
CHARGE_RETRYABLE_STATES = frozenset({_C.ERROR})


def allowed_charge_targets(
    old: ChargeStatus, *, is_billed: bool = False
) -> frozenset[ChargeStatus]:
    """The statuses a charge in `old` may move to (none once it is billed)."""
    if is_billed and old is _C.SYNCED:
        return frozenset()
    return CHARGE_TRANSITIONS[old]


def check_charge_transition(
    old: ChargeStatus, new: ChargeStatus, *, is_billed: bool = False
) -> None:
    """Raise unless a charge may go from `old` to `new`.

    `is_billed` is Autotask's flag for a synced charge: synced -> cancelled is allowed only
    while it is false (the charge is deleted in Autotask first); a billed one raises
    `BilledChargeError`.
    """
    if new in allowed_charge_targets(old, is_billed=is_billed):
        return
    if is_billed and old is _C.SYNCED:
        raise BilledChargeError(old, new)
    reason = f"it is already {old.value}" if old is new else None
    raise IllegalTransitionError(EntityType.CHARGE, old.value, new.value, reason=reason)


_O = OrderStatus
ORDER_BEFORE_SHIPPING = frozenset(
    {_O.QUEUED, _O.AWAITING_APPROVAL, _O.PROCESSING, _O.ORDERED, _O.BACKORDERED, _O.ON_HOLD}
)
_ANY_TIME_BEFORE_SHIPPING = frozenset({_O.ERROR, _O.CANCELLED})

ORDER_TRANSITIONS: Mapping[OrderStatus, frozenset[OrderStatus]] = {
    # above the approval threshold it waits for a person; otherwise it is placed at once
    _O.QUEUED: frozenset({_O.AWAITING_APPROVAL, _O.PROCESSING}) | _ANY_TIME_BEFORE_SHIPPING,
    _O.AWAITING_APPROVAL: frozenset({_O.PROCESSING}) | _ANY_TIME_BEFORE_SHIPPING,
    _O.PROCESSING: frozenset({_O.ORDERED}) | _ANY_TIME_BEFORE_SHIPPING,
    _O.ORDERED: frozenset({_O.BACKORDERED, _O.ON_HOLD, _O.SHIPPED}) | _ANY_TIME_BEFORE_SHIPPING,
    _O.BACKORDERED: frozenset({_O.ORDERED, _O.ON_HOLD, _O.SHIPPED}) | _ANY_TIME_BEFORE_SHIPPING,
    _O.ON_HOLD: frozenset({_O.ORDERED, _O.BACKORDERED, _O.SHIPPED}) | _ANY_TIME_BEFORE_SHIPPING,
    # a person fixes the cause, then retries placing (processing reconciles by our
    # reference first) or sends it back to the queue
    _O.ERROR: frozenset({_O.PROCESSING, _O.QUEUED, _O.CANCELLED}),
    _O.SHIPPED: frozenset({_O.DELIVERED}),
    _O.DELIVERED: frozenset(),
    _O.CANCELLED: frozenset(),
}
ORDER_TERMINAL_STATES = frozenset(s for s, nxt in ORDER_TRANSITIONS.items() if not nxt)
ORDER_OPEN_STATES = frozenset(OrderStatus) - ORDER_TERMINAL_STATES
ORDER_CANCELLABLE_STATES = frozenset(
    s for s, nxt in ORDER_TRANSITIONS.items() if _O.CANCELLED in nxt
)
# placed at the distributor and not finished: the poller asks the distributor for news
ORDER_POLLABLE_STATES = frozenset({_O.ORDERED, _O.BACKORDERED, _O.ON_HOLD, _O.SHIPPED})
ORDER_RETRYABLE_STATES = frozenset({_O.ERROR})


def allowed_order_targets(old: OrderStatus) -> frozenset[OrderStatus]:
    """The statuses an order in `old` may move to."""
    return ORDER_TRANSITIONS[old]


def check_order_transition(old: OrderStatus, new: OrderStatus) -> None:
    """Raise unless an order may go from `old` to `new`."""
    if new in ORDER_TRANSITIONS[old]:
        return
    reason = None
    if old is new:
        reason = f"it is already {old.value}"
    elif old in ORDER_TERMINAL_STATES:
        reason = f"{old.value} is final"
    elif old is _O.SHIPPED:
        reason = "the order has already shipped"
    raise IllegalTransitionError(EntityType.ORDER, old.value, new.value, reason=reason)
