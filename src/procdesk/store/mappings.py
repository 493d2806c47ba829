"""The category_billing_codes table: product category -> Autotask Material Cost Code."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ChargeStatus, EntityType
from procdesk.domain.mapping import CategoryBillingCode
from procdesk.store import events
from procdesk.store.schema import category_billing_codes, charges, quote_lines


async def list_all(conn: AsyncConnection) -> list[CategoryBillingCode]:
    rows = await conn.execute(
        sa.select(category_billing_codes).order_by(category_billing_codes.c.category)
    )
    return [CategoryBillingCode.model_validate(r._mapping) for r in rows]


async def as_dict(conn: AsyncConnection, categories: Iterable[str]) -> dict[str, int]:
    """category -> billing code id for the given categories that have a mapping."""
    wanted = sorted(set(categories))
    if not wanted:
        return {}
    rows = await conn.execute(
        sa.select(
            category_billing_codes.c.category, category_billing_codes.c.billing_code_id
        ).where(category_billing_codes.c.category.in_(wanted))
    )
    return {row.category: int(row.billing_code_id) for row in rows}


async def get(conn: AsyncConnection, category: str) -> CategoryBillingCode | None:
    row = (
        await conn.execute(
            sa.select(category_billing_codes).where(category_billing_codes.c.category == category)
        )
    ).first()
    return CategoryBillingCode.model_validate(row._mapping) if row else None


async def put(
    conn: AsyncConnection,
    *,
    category: str,
    billing_code_id: int,
    billing_code_name: str | None,
    actor: str,
    now: datetime,
) -> int | None:
    """Set the mapping; returns the billing code it replaced (None if it is new)."""
    old = await get(conn, category)
    values = {
        "billing_code_id": billing_code_id,
        "billing_code_name": billing_code_name,
        "updated_at": now,
        "updated_by": actor,
    }
    if old is None:
        await conn.execute(category_billing_codes.insert().values(category=category, **values))
    else:
        await conn.execute(
            category_billing_codes.update()
            .where(category_billing_codes.c.category == category)
            .values(**values)
        )
    previous = None if old is None else old.billing_code_id
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.MAPPING,
        entity_id=category,
        action="set",
        detail={"billing_code_id": billing_code_id, "previous": previous},
        at=now,
    )
    return previous


async def categories_in_flight(conn: AsyncConnection) -> list[str]:
    """Categories of charges not yet in Autotask (pending or error): they need a mapping."""
    rows = await conn.execute(
        sa.select(charges.c.category)
        .where(charges.c.status.in_([ChargeStatus.PENDING.value, ChargeStatus.ERROR.value]))
        .distinct()
        .order_by(charges.c.category)
    )
    return [r.category for r in rows]


async def overrides_in_flight(conn: AsyncConnection) -> dict[int, dict[str, int]]:
    """Per-line billing-code overrides of charges not yet in Autotask: code id -> category
    -> how many charges use it (an override wins over the category's mapping)."""
    rows = await conn.execute(
        sa.select(
            quote_lines.c.billing_code_override, charges.c.category, sa.func.count(charges.c.id)
        )
        .join(quote_lines, quote_lines.c.id == charges.c.quote_line_id)
        .where(
            charges.c.status.in_([ChargeStatus.PENDING.value, ChargeStatus.ERROR.value]),
            quote_lines.c.billing_code_override.is_not(None),
        )
        .group_by(quote_lines.c.billing_code_override, charges.c.category)
    )
    found: dict[int, dict[str, int]] = {}
    for code, category, count in rows:
        found.setdefault(int(code), {})[str(category)] = int(count)
    return found


async def known_categories(conn: AsyncConnection) -> list[str]:
    """Every category a quote line names or a mapping covers, sorted."""
    rows = await conn.execute(
        sa.union(sa.select(quote_lines.c.category), sa.select(category_billing_codes.c.category))
    )
    return sorted({r[0] for r in rows}, key=str.casefold)


async def waiting_by_category(conn: AsyncConnection) -> dict[str, int]:
    """Category -> how many of its charges are not yet in Autotask (pending or error)."""
    rows = await conn.execute(
        sa.select(charges.c.category, sa.func.count(charges.c.id))
        .where(charges.c.status.in_([ChargeStatus.PENDING.value, ChargeStatus.ERROR.value]))
        .group_by(charges.c.category)
    )
    return {str(category): int(count) for category, count in rows}
