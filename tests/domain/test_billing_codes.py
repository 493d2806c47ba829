"""Billing-code resolution order and the checks a code must pass to take a charge."""

from __future__ import annotations

import pytest

from procdesk.domain.billing_codes import (
    BillingCodeInfo,
    BillingCodeSource,
    MissingBillingCodeError,
    check_billing_code,
    resolve_billing_code,
)
from procdesk.domain.enums import IssueKind

MAPPINGS = {"Laptops": 100, "Cables": 200}


@pytest.mark.parametrize(
    ("override", "category", "expected_id", "expected_source"),
    [
        pytest.param(999, "Laptops", 999, BillingCodeSource.OVERRIDE, id="override-beats-mapping"),
        pytest.param(999, "Unmapped", 999, BillingCodeSource.OVERRIDE, id="override-alone"),
        pytest.param(None, "Laptops", 100, BillingCodeSource.CATEGORY, id="category-mapping"),
        pytest.param(None, "Cables", 200, BillingCodeSource.CATEGORY, id="other-category"),
    ],
)
def test_resolution_order(
    override: int | None, category: str, expected_id: int, expected_source: BillingCodeSource
) -> None:
    choice = resolve_billing_code(override, category, MAPPINGS)
    assert (choice.billing_code_id, choice.source, choice.category) == (
        expected_id,
        expected_source,
        category,
    )


@pytest.mark.parametrize(
    "category",
    [
        pytest.param("Monitors", id="unmapped"),
        pytest.param("laptops", id="case-differs"),
        pytest.param("", id="empty"),
    ],
)
def test_no_code_is_an_error_naming_the_category(category: str) -> None:
    with pytest.raises(MissingBillingCodeError) as caught:
        resolve_billing_code(None, category, MAPPINGS)
    assert caught.value.category == category
    assert f"product category {category!r} is not mapped" in str(caught.value)
    assert caught.value.kind is IssueKind.MISSING_BILLING_CODE


def good_code(**changes: object) -> BillingCodeInfo:
    fields: dict[str, object] = {
        "id": 29682801,
        "name": "Hardware",
        "is_active": True,
        "use_type_label": "Material",
        "is_material_cost_code": True,
        "is_rma": False,
    }
    fields.update(changes)
    return BillingCodeInfo.model_validate(fields)


def test_good_code_passes() -> None:
    assert check_billing_code(29682801, good_code()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"is_active": False}, "billing code 29682801 (Hardware) is inactive", id="inactive"
        ),
        pytest.param(
            {"is_material_cost_code": False, "use_type_label": "Work Type"},
            "billing code 29682801 (Hardware) is a Work Type code, not a Material Cost Code",
            id="work-type",
        ),
        pytest.param(
            {"is_material_cost_code": False, "use_type_label": None},
            "is another kind of code, not a Material Cost Code",
            id="unknown-kind",
        ),
        pytest.param({"is_rma": True}, "is the RMA code", id="rma"),
    ],
)
def test_each_code_check(changes: dict[str, object], message: str) -> None:
    [problem] = check_billing_code(29682801, good_code(**changes))
    assert message in problem.message
    assert problem.kind is IssueKind.INVALID_BILLING_CODE
    assert problem.field == "billingCodeID"


def test_missing_code() -> None:
    [problem] = check_billing_code(12345, None)
    assert problem.message == "billing code 12345 does not exist in Autotask"
    assert problem.kind is IssueKind.INVALID_BILLING_CODE


def test_every_failed_check_is_reported() -> None:
    problems = check_billing_code(
        1, good_code(is_active=False, is_material_cost_code=False, is_rma=True)
    )
    assert len(problems) == 3
