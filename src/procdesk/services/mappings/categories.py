"""What the mappings screen and `procdesk mappings` show: the categories (from quote lines
and existing mappings) with their billing codes, and a mapping change's outcome in words.
Saving goes through `MappingService.plan` / `apply` in both."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from procdesk.services.mappings.billing_codes import CodeCheck, MappingPlan
from procdesk.store import mappings as mapping_store
from procdesk.store.ledger import Ledger

# What `MappingService.apply` reports, in the words `procdesk mappings set` prints.
OUTCOME_LABELS: tuple[tuple[str, str], ...] = (
    ("retried", "charges in error sent again"),
    ("cancelled", "charges cancelled"),
    ("requested", "charges to be deleted in Autotask, then cancelled"),
    ("billed", "charges left alone: billed in Autotask"),
    ("flagged", "charges kept, each with a wrong-billing-code issue"),
)


class CategoryRow(BaseModel):
    category: str
    billing_code_id: int | None = None  # None: the category has no mapping
    billing_code_name: str | None = None
    updated_by: str | None = None
    updated_at: datetime | None = None
    waiting: int = 0  # charges of the category not yet in Autotask (pending or error)


async def category_rows(ledger: Ledger) -> list[CategoryRow]:
    """Each known category with its mapping (None where it has none)."""
    async with ledger.read() as conn:
        categories = await mapping_store.known_categories(conn)
        mapped = {m.category: m for m in await mapping_store.list_all(conn)}
        waiting = await mapping_store.waiting_by_category(conn)
    rows = []
    for category in categories:
        mapping = mapped.get(category)
        rows.append(
            CategoryRow(
                category=category,
                billing_code_id=None if mapping is None else mapping.billing_code_id,
                billing_code_name=None if mapping is None else mapping.billing_code_name,
                updated_by=None if mapping is None else mapping.updated_by,
                updated_at=None if mapping is None else mapping.updated_at,
                waiting=waiting.get(category, 0),
            )
        )
    return rows


def outcome_lines(outcome: dict[str, list[int]]) -> list[str]:
    """`apply`'s result as the CLI words it, one line per non-empty group."""
    return [
        f"{label}: {', '.join(map(str, outcome[key]))}"
        for key, label in OUTCOME_LABELS
        if outcome.get(key)
    ]


def invalidated_lines(plan: MappingPlan) -> list[str]:
    """One line per synced charge the new mapping invalidates (as the CLI lists them)."""
    return [
        f"charge {c.id}  quote {c.quote_id}  {c.sku}  code {c.billing_code_id}  "
        f"Autotask id {c.autotask_id}"
        for c in plan.invalidated
    ]


def code_label(plan: MappingPlan) -> str:
    info = plan.check.info
    return (
        f"{plan.check.billing_code_id} ({info.name})" if info else str(plan.check.billing_code_id)
    )


def code_faults(check: CodeCheck) -> list[str]:
    """Why Autotask would refuse the code, in a word or two each (empty: it is usable)."""
    info = check.info
    if info is None:
        return ["does not exist"] if check.problems else []
    faults = []
    if not info.is_active:
        faults.append("inactive")
    if not info.is_material_cost_code:
        faults.append("not a Material Cost Code")
    if info.is_rma:
        faults.append("RMA code")
    return faults


def retry_question(plan: MappingPlan) -> tuple[str, str]:
    """The title and body of the offer to retry the charges the old code held up."""
    lines = [
        f"charge {c.id}  quote {c.quote_id}  {c.sku}  "
        + (c.error_kind.value.replace("_", " ") if c.error_kind else "error")
        for c in plan.affected
    ]
    body = "\n".join(
        [
            *lines,
            "",
            f"They failed on {plan.category!r}'s billing code, now {code_label(plan)}. "
            "Retrying sends them to Autotask again now.",
        ]
    )
    return f"Retry the {len(lines)} charge(s) waiting on {plan.category!r} now?", body
