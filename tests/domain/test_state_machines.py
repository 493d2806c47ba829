"""Every legal and illegal transition of the charge and order state machines (DESIGN.md)."""

from __future__ import annotations

from itertools import product

import pytest

from procdesk.domain.enums import ChargeStatus, EntityType, OrderStatus
from procdesk.domain.state_machines import (
    CHARGE_RETRYABLE_STATES,
    CHARGE_TERMINAL_STATES,
    ORDER_BEFORE_SHIPPING,
    ORDER_CANCELLABLE_STATES,
    ORDER_OPEN_STATES,
    ORDER_POLLABLE_STATES,
    ORDER_RETRYABLE_STATES,
    ORDER_TERMINAL_STATES,
    BilledChargeError,
    IllegalTransitionError,
    allowed_charge_targets,
    allowed_order_targets,
    check_charge_transition,
    check_order_transition,
)

C = ChargeStatus
O = OrderStatus  # noqa: E741

# Written out from DESIGN.md, independently of the module's tables.
LEGAL_CHARGE = {
    (C.PENDING, C.SYNCED),
    (C.PENDING, C.ERROR),
    (C.ERROR, C.PENDING),
    (C.PENDING, C.CANCELLED),
    (C.ERROR, C.CANCELLED),
    (C.SYNCED, C.CANCELLED),  # only while not billed
}

_PRE_SHIP = [O.QUEUED, O.AWAITING_APPROVAL, O.PROCESSING, O.ORDERED, O.BACKORDERED, O.ON_HOLD]
LEGAL_ORDER = {
    (O.QUEUED, O.AWAITING_APPROVAL),
    (O.QUEUED, O.PROCESSING),
    (O.AWAITING_APPROVAL, O.PROCESSING),
    (O.PROCESSING, O.ORDERED),
    (O.ORDERED, O.BACKORDERED),
    (O.ORDERED, O.ON_HOLD),
    (O.ORDERED, O.SHIPPED),
    (O.BACKORDERED, O.ORDERED),
    (O.BACKORDERED, O.ON_HOLD),
    (O.BACKORDERED, O.SHIPPED),
    (O.ON_HOLD, O.ORDERED),
    (O.ON_HOLD, O.BACKORDERED),
    (O.ON_HOLD, O.SHIPPED),
    (O.SHIPPED, O.DELIVERED),
    (O.ERROR, O.PROCESSING),  # retry placing (reconciles by reference first)
    (O.ERROR, O.QUEUED),  # resubmit
    (O.ERROR, O.CANCELLED),
    *((s, O.ERROR) for s in _PRE_SHIP),
    *((s, O.CANCELLED) for s in _PRE_SHIP),
}


def _ids(pair: tuple[object, object]) -> str:
    old, new = pair
    return f"{old}->{new}"


@pytest.mark.parametrize("pair", sorted(LEGAL_CHARGE), ids=_ids)
def test_legal_charge_transitions(pair: tuple[ChargeStatus, ChargeStatus]) -> None:
    check_charge_transition(*pair)


ILLEGAL_CHARGE = sorted(set(product(C, C)) - LEGAL_CHARGE)


@pytest.mark.parametrize("pair", ILLEGAL_CHARGE, ids=_ids)
def test_illegal_charge_transitions(pair: tuple[ChargeStatus, ChargeStatus]) -> None:
    old, new = pair
    with pytest.raises(IllegalTransitionError) as caught:
        check_charge_transition(old, new)
    error = caught.value
    assert (error.entity, error.old, error.new) == (EntityType.CHARGE, old.value, new.value)
    assert f"charge cannot go from {old.value} to {new.value}" in str(error)


def test_billed_synced_charge_cannot_be_cancelled() -> None:
    with pytest.raises(BilledChargeError, match="billed in Autotask"):
        check_charge_transition(C.SYNCED, C.CANCELLED, is_billed=True)
    assert allowed_charge_targets(C.SYNCED, is_billed=True) == frozenset()


@pytest.mark.parametrize("new", list(C), ids=str)
def test_billed_charge_never_changes(new: ChargeStatus) -> None:
    with pytest.raises(BilledChargeError):
        check_charge_transition(C.SYNCED, new, is_billed=True)


def test_same_status_is_not_a_transition() -> None:
    with pytest.raises(IllegalTransitionError, match="already pending"):
        check_charge_transition(C.PENDING, C.PENDING)
    with pytest.raises(IllegalTransitionError, match="already queued"):
        check_order_transition(O.QUEUED, O.QUEUED)


@pytest.mark.parametrize("pair", sorted(LEGAL_ORDER), ids=_ids)
def test_legal_order_transitions(pair: tuple[OrderStatus, OrderStatus]) -> None:
    check_order_transition(*pair)


ILLEGAL_ORDER = sorted(set(product(O, O)) - LEGAL_ORDER)


@pytest.mark.parametrize("pair", ILLEGAL_ORDER, ids=_ids)
def test_illegal_order_transitions(pair: tuple[OrderStatus, OrderStatus]) -> None:
    old, new = pair
    with pytest.raises(IllegalTransitionError) as caught:
        check_order_transition(old, new)
    error = caught.value
    assert (error.entity, error.old, error.new) == (EntityType.ORDER, old.value, new.value)
    assert f"order cannot go from {old.value} to {new.value}" in str(error)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        pytest.param(O.SHIPPED, O.CANCELLED, "already shipped", id="cancel-after-shipping"),
        pytest.param(O.SHIPPED, O.ERROR, "already shipped", id="error-after-shipping"),
        pytest.param(O.DELIVERED, O.CANCELLED, "delivered is final", id="delivered-final"),
        pytest.param(O.CANCELLED, O.QUEUED, "cancelled is final", id="cancelled-final"),
    ],
)
def test_order_refusals_say_why(old: OrderStatus, new: OrderStatus, reason: str) -> None:
    with pytest.raises(IllegalTransitionError, match=reason):
        check_order_transition(old, new)


def test_state_sets() -> None:
    assert set(CHARGE_TERMINAL_STATES) == {C.CANCELLED}
    assert set(CHARGE_RETRYABLE_STATES) == {C.ERROR}
    assert set(ORDER_TERMINAL_STATES) == {O.DELIVERED, O.CANCELLED}
    assert set(ORDER_OPEN_STATES) == set(O) - {O.DELIVERED, O.CANCELLED}
    assert set(_PRE_SHIP) == ORDER_BEFORE_SHIPPING
    assert set(ORDER_CANCELLABLE_STATES) == {*_PRE_SHIP, O.ERROR}
    assert set(ORDER_POLLABLE_STATES) == {O.ORDERED, O.BACKORDERED, O.ON_HOLD, O.SHIPPED}
    assert set(ORDER_RETRYABLE_STATES) == {O.ERROR}


@pytest.mark.parametrize("old", list(O), ids=str)
def test_allowed_order_targets_match_the_checker(old: OrderStatus) -> None:
    assert allowed_order_targets(old) == {new for (o, new) in LEGAL_ORDER if o is old}


@pytest.mark.parametrize("old", list(C), ids=str)
def test_allowed_charge_targets_match_the_checker(old: ChargeStatus) -> None:
    assert allowed_charge_targets(old) == {new for (o, new) in LEGAL_CHARGE if o is old}
