"""Category -> billing code mappings, validated live against Autotask BillingCodes.

A usable code exists, is active, is a Material Cost Code and is not the RMA code. The
useType and billingCodeType labels come from Autotask's own picklists, read at run time.
Changing a mapping reports the synced charges it invalidates; they are cancelled only when
the caller confirms, otherwise each gets an issue. Charges waiting in error for a billing
code go back to pending, since the fix has just been made (the dashboard asks first and
retries them through the charge actions instead: `apply(retry_errors=False)`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.billing_codes import BillingCodeInfo, check_billing_code
from procdesk.domain.charge import Charge
from procdesk.domain.clock import Clock
from procdesk.domain.enums import CancelReason, IssueKind
from procdesk.domain.mapping import CategoryBillingCode
from procdesk.integrations.autotask import AutotaskClient, BillingCode, F
from procdesk.integrations.autotask.client import BILLING_CODES
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    ProviderError,
)
from procdesk.secrets import KeyringUnavailableError
from procdesk.services.charges.cancel import request_cancel_many
from procdesk.services.charges.issues import open_charge_issue
from procdesk.store import charges as charge_store
from procdesk.store import mappings as mapping_store
from procdesk.store.ledger import Ledger

MATERIAL_USE_TYPE = "Material Cost Code"
SYSTEM_CODE_TYPE = "System"
BILLING_CODE_ERRORS = (IssueKind.INVALID_BILLING_CODE, IssueKind.MISSING_BILLING_CODE)


class CodeCheck(BaseModel):
    billing_code_id: int
    info: BillingCodeInfo | None
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class MappingPlan(BaseModel):
    """What `set` would do: the checked code, the synced charges it invalidates, and the
    charges waiting in error for a billing code in the category (the ones it fixes)."""

    category: str
    previous: int | None
    check: CodeCheck
    invalidated: list[Charge]
    affected: list[Charge] = []


class CategoryCheck(BaseModel):
    category: str
    billing_code_id: int | None
    problems: list[str]
    # set when the code comes from quote lines' billing_code_override, not the mapping
    override_charges: int | None = None
    # what the category (or those lines) could use instead: active Material Cost Codes
    usable: list[BillingCodeInfo] = []


async def describe_code(client: AutotaskClient, code_id: int) -> BillingCodeInfo | None:
    found = await client.query_billing_codes(F.eq("id", code_id))
    if not found:
        return None
    use_types = await client.picklist(BILLING_CODES, "useType")
    code_types = await client.picklist(BILLING_CODES, "billingCodeType")
    return to_info(found[0], use_types, code_types)


def to_info(
    code: BillingCode, use_types: dict[int, str], code_types: dict[int, str]
) -> BillingCodeInfo:
    use_label = use_types.get(code.use_type) if code.use_type is not None else None
    type_label = (
        code_types.get(code.billing_code_type) if code.billing_code_type is not None else None
    )
    is_material = (use_label or "").casefold() == MATERIAL_USE_TYPE.casefold()
    name = code.name or ""
    is_rma = name.strip().casefold() == "rma" or (
        is_material and (type_label or "").casefold() == SYSTEM_CODE_TYPE.casefold()
    )
    return BillingCodeInfo(
        id=code.id,
        name=name,
        is_active=bool(code.is_active) if code.is_active is not None else True,
        use_type_label=use_label,
        is_material_cost_code=is_material,
        is_rma=is_rma,
    )


async def check_code(client: AutotaskClient, code_id: int) -> CodeCheck:
    info = await describe_code(client, code_id)
    return CodeCheck(
        billing_code_id=code_id,
        info=info,
        problems=[p.message for p in check_billing_code(code_id, info)],
    )


async def check_codes(client: AutotaskClient, code_ids: Iterable[int]) -> dict[int, CodeCheck]:
    """Each code's check, from one query (and the two picklists), not one query per code."""
    ids = sorted(set(code_ids))
    if not ids:
        return {}
    found = {code.id: code for code in await client.query_billing_codes(F.in_("id", ids))}
    use_types = await client.picklist(BILLING_CODES, "useType")
    code_types = await client.picklist(BILLING_CODES, "billingCodeType")
    checks = {}
    for code_id in ids:
        code = found.get(code_id)
        info = None if code is None else to_info(code, use_types, code_types)
        checks[code_id] = CodeCheck(
            billing_code_id=code_id,
            info=info,
            problems=[p.message for p in check_billing_code(code_id, info)],
        )
    return checks


class AutotaskUnreachableError(Exception):
    """Autotask could not be asked, or refused; the text is safe to show. `reauth_helps`:
    re-authenticating is the fix (otherwise: try again later)."""

    def __init__(self, text: str, *, reauth_helps: bool) -> None:
        super().__init__(text)
        self.reauth_helps = reauth_helps


def autotask_problem(exc: ProviderError | KeyringUnavailableError) -> AutotaskUnreachableError:
    """What to tell the user when Autotask could not be asked or refused."""
    if isinstance(exc, KeyringUnavailableError):
        return AutotaskUnreachableError(str(exc), reauth_helps=False)
    if isinstance(exc, CredentialsMissingError):
        return AutotaskUnreachableError(
            f"Autotask is not set up: {exc.message}.", reauth_helps=True
        )
    if isinstance(exc, AuthenticationError):
        return AutotaskUnreachableError(
            f"Autotask refused procdesk's credentials ({exc.message}).", reauth_helps=True
        )
    return AutotaskUnreachableError(
        f"Autotask could not be reached or refused: {exc}.", reauth_helps=False
    )


T = TypeVar("T")


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


class MappingService:
    """`autotask` builds a client from the settings and keyring as they are now (it raises
    CredentialsMissingError when it cannot); every call that asks Autotask raises
    AutotaskUnreachableError, never a provider error."""

    def __init__(
        self,
        ledger: Ledger,
        *,
        actor: str,
        clock: Clock,
        autotask: Callable[[], AutotaskClient],
    ) -> None:
        self._ledger = ledger
        self._actor = actor
        self._clock = clock
        self._autotask = autotask

    async def _ask(self, question: Callable[[AutotaskClient], Awaitable[T]]) -> T:
        try:
            client = self._autotask()
            async with client:
                return await question(client)
        except (ProviderError, KeyringUnavailableError) as exc:
            raise autotask_problem(exc) from None

    async def usable_codes(self) -> list[BillingCodeInfo]:
        """What a category may map to: active Material Cost Codes that are not RMA."""
        return await self._ask(usable_billing_codes)

    async def list_mappings(self) -> list[CategoryBillingCode]:
        async with self._ledger.read() as conn:
            return await mapping_store.list_all(conn)

    async def check_codes(self, code_ids: Iterable[int]) -> dict[int, CodeCheck]:
        """Whether Autotask would take each code now (exists, active, Material, not RMA)."""
        wanted = list(code_ids)

        async def ask(client: AutotaskClient) -> dict[int, CodeCheck]:
            return await check_codes(client, wanted)

        return await self._ask(ask)

    async def _check(self, code_id: int) -> CodeCheck:
        async def ask(client: AutotaskClient) -> CodeCheck:
            return await check_code(client, code_id)

        return await self._ask(ask)

    async def plan(self, category: str, code_id: int) -> MappingPlan:
        check = await self._check(code_id)
        async with self._ledger.read() as conn:
            current = await mapping_store.get(conn, category)
            synced = await charge_store.synced_in_category(conn, category)
            affected = await charge_store.in_error_of_category(conn, category, BILLING_CODE_ERRORS)
        invalidated = [
            c
            for c in synced
            if c.billing_code_id is not None
            and c.billing_code_id != code_id
            and c.cancel_reason is None
        ]
        return MappingPlan(
            category=category,
            previous=None if current is None else current.billing_code_id,
            check=check,
            invalidated=invalidated,
            affected=affected,
        )

    async def apply(
        self, plan: MappingPlan, *, cancel_invalidated: bool, retry_errors: bool = True
    ) -> dict[str, list[int]]:
        """Store the mapping (the plan's code must be usable) and deal with its charges.

        Returns charge ids: "retried" (error -> pending; only with `retry_errors`),
        "cancelled"/"requested"/"billed" (when cancelling), "flagged" (kept, with a
        wrong-billing-code issue).
        """
        if not plan.check.ok:
            raise ValueError("; ".join(plan.check.problems))
        now = self._clock()
        outcome: dict[str, list[int]] = {"retried": [], "flagged": []}
        async with self._ledger.write() as conn:
            await mapping_store.put(
                conn,
                category=plan.category,
                billing_code_id=plan.check.billing_code_id,
                billing_code_name=plan.check.info.name if plan.check.info else None,
                actor=self._actor,
                now=now,
            )
            for kind in BILLING_CODE_ERRORS if retry_errors else ():
                for charge in await charge_store.in_error_of_category(conn, plan.category, [kind]):
                    await charge_store.retry(
                        conn, charge, actor=self._actor, now=now, detail={"because": "mapping_set"}
                    )
                    outcome["retried"].append(charge.id)
            if cancel_invalidated:
                cancelled = await request_cancel_many(
                    conn,
                    plan.invalidated,
                    reason=CancelReason.MAPPING_CHANGED,
                    actor=self._actor,
                    now=now,
                    note=f"{plan.category}: billing code now {plan.check.billing_code_id}",
                )
                outcome |= {kind.value: ids for kind, ids in cancelled.items()}
            else:
                for charge in plan.invalidated:
                    await self._flag(conn, charge, plan, now)
                    outcome["flagged"].append(charge.id)
        return outcome

    async def _flag(
        self, conn: AsyncConnection, charge: Charge, plan: MappingPlan, now: datetime
    ) -> None:
        await open_charge_issue(
            conn,
            charge,
            IssueKind.WRONG_BILLING_CODE,
            message=(
                f"Autotask charge {charge.autotask_id} uses billing code "
                f"{charge.billing_code_id}; category {plan.category!r} now maps to "
                f"{plan.check.billing_code_id}."
            ),
            actor=self._actor,
            detail={"category": plan.category},
            now=now,
        )

    async def check(self) -> list[CategoryCheck]:
        """Categories of charges not yet sent whose mapping is missing or unusable, and
        per-line overrides that name an unusable code; each with the usable codes."""
        async with self._ledger.read() as conn:
            categories = await mapping_store.categories_in_flight(conn)
            mapped = await mapping_store.as_dict(conn, categories)
            overrides = await mapping_store.overrides_in_flight(conn)
        checks: dict[int, CodeCheck] = {}

        async def problems_of(code_id: int) -> list[str]:
            if code_id not in checks:
                checks[code_id] = await self._check(code_id)
            return checks[code_id].problems

        result = []
        for category in categories:
            code_id = mapped.get(category)
            problems = ["no mapping"] if code_id is None else await problems_of(code_id)
            if problems:
                result.append(
                    CategoryCheck(category=category, billing_code_id=code_id, problems=problems)
                )
        for code_id, uses in sorted(overrides.items()):
            problems = await problems_of(code_id)
            for category, charges in sorted(uses.items()):
                if problems:
                    result.append(
                        CategoryCheck(
                            category=category,
                            billing_code_id=code_id,
                            problems=problems,
                            override_charges=charges,
                        )
                    )
        if result:
            usable = await self.usable_codes()
            result = [check.model_copy(update={"usable": usable}) for check in result]
        return result
