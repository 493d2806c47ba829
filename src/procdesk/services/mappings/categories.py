"""What the dashboard's mappings screen shows and offers.

The categories (from quote lines and existing mappings) with their billing codes, and the
billing codes a category may be mapped to: active Material Cost Codes that are not the
RMA code, judged by the labels of Autotask's own picklists (never by fixed numbers).
Saving goes through `MappingService.plan` / `apply`, exactly as `procdesk mappings set`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from procdesk.domain.billing_codes import BillingCodeInfo, check_billing_code
from procdesk.integrations.autotask import AutotaskClient, F
from procdesk.integrations.autotask.client import BILLING_CODES
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    ProviderError,
)
from procdesk.services.mappings.billing_codes import MATERIAL_USE_TYPE, MappingPlan, to_info
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
    billing_code_id: int | None
    billing_code_name: str | None
    updated_by: str | None
    updated_at: datetime | None


async def category_rows(ledger: Ledger) -> list[CategoryRow]:
    """Each known category with its mapping (None where it has none)."""
    async with ledger.read() as conn:
        categories = await mapping_store.known_categories(conn)
        mapped = {row["category"]: row for row in await mapping_store.list_all(conn)}
    rows = []
    for category in categories:
        row = mapped.get(category)
        rows.append(
            CategoryRow(
                category=category,
                billing_code_id=None if row is None else int(row["billing_code_id"]),
                billing_code_name=None if row is None else row["billing_code_name"],
                updated_by=None if row is None else row["updated_by"],
                updated_at=None if row is None else row["updated_at"],
            )
        )
    return rows


async def usable_billing_codes(client: AutotaskClient) -> list[BillingCodeInfo]:
    """Active Material Cost Codes that are not RMA, by name (what a category may map to)."""
    use_types = await client.picklist(BILLING_CODES, "useType")
    code_types = await client.picklist(BILLING_CODES, "billingCodeType")
    material = [
        value
        for value, label in use_types.items()
        if label.casefold() == MATERIAL_USE_TYPE.casefold()
    ]
    if not material:
        return []
    codes = await client.query_billing_codes(F.in_("useType", material))
    infos = (to_info(code, use_types, code_types) for code in codes)
    usable = [info for info in infos if not check_billing_code(info.id, info)]
    return sorted(usable, key=lambda info: (info.name.casefold(), info.id))


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
        f"charge {c['id']}  quote {c['quote_id']}  {c['sku']}  code {c['billing_code_id']}  "
        f"Autotask id {c['autotask_id']}"
        for c in plan.invalidated
    ]


def code_label(plan: MappingPlan) -> str:
    info = plan.check.info
    return (
        f"{plan.check.billing_code_id} ({info.name})" if info else str(plan.check.billing_code_id)
    )


def autotask_problem(exc: ProviderError) -> tuple[str, bool]:
    """What to tell the user when Autotask could not be asked or refused, and whether
    re-authenticating is the fix (otherwise: try again later)."""
    if isinstance(exc, CredentialsMissingError):
        return f"Autotask is not set up: {exc.message}.", True
    if isinstance(exc, AuthenticationError):
        return f"Autotask refused procdesk's credentials ({exc.message}).", True
    return f"Autotask could not be reached or refused: {exc}.", False
