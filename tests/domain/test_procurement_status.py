"""Autotask's procurement status on create: every branch of the seed, and the boundary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import ProcurementStatus as S
from procdesk.domain.procurement_status import derive_procurement_status

D = Decimal
NO_PRODUCT = None
NEEDS_PROCUREMENT = False  # doesNotRequireProcurement = False
NO_PROCUREMENT = True  # doesNotRequireProcurement = True


@pytest.mark.parametrize(
    ("enabled", "product", "in_stock", "cost", "threshold", "expected"),
    [
        pytest.param(
            False, NEEDS_PROCUREMENT, False, "9999", "1", S.PENDING, id="procurement-disabled-wins"
        ),
        pytest.param(
            False, NO_PRODUCT, True, "1", None, S.PENDING, id="procurement-disabled-no-product"
        ),
        pytest.param(True, NO_PRODUCT, False, "9999", "1", S.READY_TO_SHIP, id="no-product"),
        pytest.param(
            True,
            NO_PROCUREMENT,
            False,
            "9999",
            "1",
            S.READY_TO_SHIP,
            id="product-needs-no-procurement",
        ),
        pytest.param(
            True, NEEDS_PROCUREMENT, True, "9999", "1", S.READY_TO_SHIP, id="in-inventory"
        ),
        pytest.param(
            True,
            NEEDS_PROCUREMENT,
            False,
            "500",
            None,
            S.NEED_TO_ORDER,
            id="not-in-inventory-no-approval-rule",
        ),
        pytest.param(
            True,
            NEEDS_PROCUREMENT,
            False,
            "999.9999",
            "1000",
            S.NEED_TO_ORDER,
            id="below-threshold",
        ),
        pytest.param(
            True,
            NEEDS_PROCUREMENT,
            False,
            "1000",
            "1000",
            S.NEED_TO_ORDER,
            id="equal-to-threshold-needs-no-approval",
        ),
        pytest.param(
            True,
            NEEDS_PROCUREMENT,
            False,
            "1000.0001",
            "1000",
            S.WAITING_APPROVAL,
            id="just-above-threshold",
        ),
        pytest.param(
            True, NEEDS_PROCUREMENT, False, "0", "0", S.NEED_TO_ORDER, id="zero-threshold-zero-cost"
        ),
        pytest.param(
            True,
            NEEDS_PROCUREMENT,
            False,
            "0.0001",
            "0",
            S.WAITING_APPROVAL,
            id="zero-threshold-any-cost",
        ),
    ],
)
def test_status_on_create(
    enabled: bool,
    product: bool | None,
    in_stock: bool,
    cost: str,
    threshold: str | None,
    expected: S,
) -> None:
    status = derive_procurement_status(
        procurement_enabled=enabled,
        does_not_require_procurement=product,
        available_in_inventory=in_stock,
        extended_cost=D(cost),
        approval_threshold=None if threshold is None else D(threshold),
    )
    assert status is expected
