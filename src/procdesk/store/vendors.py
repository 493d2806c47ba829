"""The distributor_vendors table: which Autotask vendor company each distributor is."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType
from procdesk.domain.purchase_order import VendorMapping
from procdesk.store import events
from procdesk.store.schema import distributor_vendors


async def list_all(conn: AsyncConnection) -> list[VendorMapping]:
    rows = await conn.execute(
        sa.select(distributor_vendors).order_by(distributor_vendors.c.distributor)
    )
    return [VendorMapping.model_validate(dict(r._mapping)) for r in rows]


async def get(conn: AsyncConnection, distributor: Distributor) -> VendorMapping | None:
    row = (
        await conn.execute(
            sa.select(distributor_vendors).where(
                distributor_vendors.c.distributor == distributor.value
            )
        )
    ).first()
    return VendorMapping.model_validate(dict(row._mapping)) if row else None


async def put(
    conn: AsyncConnection,
    distributor: Distributor,
    *,
    company_id: int,
    company_name: str | None,
    actor: str,
    now: datetime,
) -> int | None:
    """Set the mapping; returns the company it replaced (None if it is new)."""
    old = await get(conn, distributor)
    values = {
        "company_id": company_id,
        "company_name": company_name,
        "updated_at": now,
        "updated_by": actor,
    }
    if old is None:
        await conn.execute(
            distributor_vendors.insert().values(distributor=distributor.value, **values)
        )
    else:
        await conn.execute(
            distributor_vendors.update()
            .where(distributor_vendors.c.distributor == distributor.value)
            .values(**values)
        )
    previous = None if old is None else old.company_id
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.MAPPING,
        entity_id=f"vendor:{distributor.value}",
        action="set",
        detail={"company_id": company_id, "previous": previous},
        at=now,
    )
    return previous
