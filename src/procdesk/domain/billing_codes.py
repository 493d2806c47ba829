"""Which Autotask billing code a charge gets, and whether that code can take a charge.

Resolution order: the quote line's own override, then its product category's mapping,
then nothing, which is an error naming the category (the fix is to map the category).
A usable code exists, is active, is a Material Cost Code and is not the RMA code (seed).
Autotask's picklist numbers are not known here: services fill `BillingCodeInfo` with
booleans and labels read from Autotask at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from procdesk.domain.enums import IssueKind
from procdesk.domain.problems import Problem


class BillingCodeSource(StrEnum):
    OVERRIDE = "override"  # set on the quote line
    CATEGORY = "category"  # the product category's mapping


class BillingCodeChoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    billing_code_id: int
    source: BillingCodeSource
    category: str


class MissingBillingCodeError(LookupError):
    """Neither the line nor its category names a billing code."""

    kind = IssueKind.MISSING_BILLING_CODE

    def __init__(self, category: str) -> None:
        self.category = category
        super().__init__(
            f"product category {category!r} is not mapped to an Autotask billing code "
            "and the quote line has no override"
        )


def resolve_billing_code(
    line_override: int | None, category: str, mappings: Mapping[str, int]
) -> BillingCodeChoice:
    """The billing code for a line: its override, else its category's mapping.

    `mappings` is category -> billing code id, matched exactly (categories are the keys the
    mappings screen shows). Raises `MissingBillingCodeError` naming the category.
    """
    if line_override is not None:
        return BillingCodeChoice(
            billing_code_id=line_override, source=BillingCodeSource.OVERRIDE, category=category
        )
    mapped = mappings.get(category)
    if mapped is None:
        raise MissingBillingCodeError(category)
    return BillingCodeChoice(
        billing_code_id=mapped, source=BillingCodeSource.CATEGORY, category=category
    )


class BillingCodeInfo(BaseModel):
    """What Autotask says about one billing code (BillingCodes entity), in plain terms."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    is_active: bool
    use_type_label: str | None = None  # the useType picklist label, for messages
    is_material_cost_code: bool
    is_rma: bool


def check_billing_code(code_id: int, code: BillingCodeInfo | None) -> list[Problem]:
    """Why billing code `code_id` cannot take a ticket charge (empty list: it can).

    `code` is None when Autotask has no billing code with that id.
    """
    if code is None:
        return [_problem(f"billing code {code_id} does not exist in Autotask")]
    label = f"billing code {code.id} ({code.name})"
    problems: list[Problem] = []
    if not code.is_active:
        problems.append(_problem(f"{label} is inactive"))
    if not code.is_material_cost_code:
        kind = f"a {code.use_type_label} code" if code.use_type_label else "another kind of code"
        problems.append(_problem(f"{label} is {kind}, not a Material Cost Code"))
    if code.is_rma:
        problems.append(_problem(f"{label} is the RMA code, which charges cannot use"))
    return problems


def _problem(message: str) -> Problem:
    return Problem(kind=IssueKind.INVALID_BILLING_CODE, field="billingCodeID", message=message)
