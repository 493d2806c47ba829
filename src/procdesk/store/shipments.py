"""The order_shipments and receipts tables: each package of an order line (from the
distributor's data, or entered by hand) and each receipt recorded in Autotask for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.purchase_order import Receipt, Shipment
from procdesk.store.schema import order_shipments, receipts

_FIELDS = (
    "quantity",
    "carrier",
    "tracking_number",
    "tracking_url",
    "shipped_on",
    "estimated_delivery_on",
    "delivered_on",
    "serial_numbers",
)


async def of_order(conn: AsyncConnection, order_id: int) -> list[Shipment]:
    rows = await conn.execute(
        sa.select(order_shipments)
        .where(order_shipments.c.order_id == order_id)
        .order_by(order_shipments.c.line_number, order_shipments.c.id)
    )
    return [Shipment.model_validate(dict(r._mapping)) for r in rows]


async def record(
    conn: AsyncConnection,
    order_id: int,
    line_number: int,
    found: Iterable[dict[str, Any]],
    *,
    now: datetime,
) -> bool:
    """Write what the distributor reports of a line's packages (each a dict with
    shipment_id and the `_FIELDS`); True when anything is new or changed."""
    known = {
        s.shipment_id: s for s in await of_order(conn, order_id) if s.line_number == line_number
    }
    changed = False
    for values in found:
        shipment_id = str(values["shipment_id"])
        fields = {name: values.get(name) for name in _FIELDS}
        fields["serial_numbers"] = list(fields["serial_numbers"] or [])
        old = known.get(shipment_id)
        if old is None:
            await conn.execute(
                order_shipments.insert().values(
                    order_id=order_id,
                    line_number=line_number,
                    shipment_id=shipment_id,
                    manual=False,
                    updated_at=now,
                    **fields,
                )
            )
            changed = True
        elif {name: getattr(old, name) for name in _FIELDS} != fields:
            await conn.execute(
                order_shipments.update()
                .where(order_shipments.c.id == old.id)
                .values(updated_at=now, **fields)
            )
            changed = True
    return changed


async def add_manual(
    conn: AsyncConnection,
    order_id: int,
    line_number: int,
    *,
    quantity: int,
    serial_numbers: list[str],
    received_on: date,
    now: datetime,
) -> Shipment:
    """A package that arrived without distributor data (a local supplier, a swap)."""
    taken = (
        await conn.execute(
            sa.select(order_shipments.c.shipment_id).where(
                order_shipments.c.order_id == order_id, order_shipments.c.manual.is_(True)
            )
        )
    ).scalars()
    numbers = [int(s.removeprefix("manual-")) for s in taken if s.removeprefix("manual-").isdigit()]
    shipment_id = f"manual-{max(numbers, default=0) + 1}"
    await conn.execute(
        order_shipments.insert().values(
            order_id=order_id,
            line_number=line_number,
            shipment_id=shipment_id,
            manual=True,
            quantity=quantity,
            delivered_on=received_on,
            serial_numbers=serial_numbers,
            updated_at=now,
        )
    )
    found = [s for s in await of_order(conn, order_id) if s.shipment_id == shipment_id]
    return found[0]


async def remove_unreceived(conn: AsyncConnection, shipment: Shipment) -> bool:
    """Forget a package entered by hand that Autotask refused before any of it was
    received (so nothing stays half-written); False when some of it is received."""
    received = (
        await conn.execute(
            sa.select(receipts.c.id).where(
                receipts.c.order_id == shipment.order_id,
                receipts.c.shipment_id == shipment.shipment_id,
            )
        )
    ).first()
    if received is not None or not shipment.manual:
        return False
    await conn.execute(order_shipments.delete().where(order_shipments.c.id == shipment.id))
    return True


# ---- receipts ---------------------------------------------------------------------------


async def receipts_of(conn: AsyncConnection, order_id: int) -> list[Receipt]:
    rows = await conn.execute(
        sa.select(receipts)
        .where(receipts.c.order_id == order_id)
        .order_by(receipts.c.line_number, receipts.c.id)
    )
    return [Receipt.model_validate(dict(r._mapping)) for r in rows]


async def add_receipt(
    conn: AsyncConnection,
    shipment: Shipment,
    *,
    serial_number: str,
    quantity: int,
    autotask_receipt_id: int | None,  # None: found in Autotask's running total
    received_on: date | None,
    now: datetime,
) -> None:
    """Remember a receipt Autotask holds (once: a second call for the same unit is ignored)."""
    exists = (
        await conn.execute(
            sa.select(receipts.c.id).where(
                receipts.c.order_id == shipment.order_id,
                receipts.c.line_number == shipment.line_number,
                receipts.c.shipment_id == shipment.shipment_id,
                receipts.c.serial_number == serial_number,
            )
        )
    ).first()
    if exists is not None:
        return
    await conn.execute(
        receipts.insert().values(
            order_id=shipment.order_id,
            line_number=shipment.line_number,
            shipment_id=shipment.shipment_id,
            serial_number=serial_number,
            quantity=quantity,
            autotask_receipt_id=autotask_receipt_id,
            received_on=received_on,
            created_at=now,
        )
    )
