"""Moving order lines between distributors and substituting their part, before an order is
placed. Callers check that the orders are not at a distributor yet; these functions keep
the ledger consistent: order values, line numbers, approvals and events.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import (
    ChargeStatus,
    Distributor,
    EntityType,
    OrderLineStatus,
    OrderStatus,
)
from procdesk.domain.money import round4
from procdesk.domain.order import Order, OrderLine
from procdesk.store import events, issues
from procdesk.store.order_rows import search_text
from procdesk.store.orders import LIVE, _next_reference, _open_order_for, mark_cancelled, total_of
from procdesk.store.schema import charges, order_lines, orders

UNPLACED_EDITABLE = (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL, OrderStatus.ERROR)


async def line_with_order(
    conn: AsyncConnection, order_line_id: int
) -> tuple[OrderLine, Order] | None:
    row = (
        await conn.execute(sa.select(order_lines).where(order_lines.c.id == order_line_id))
    ).first()
    if row is None:
        return None
    line = OrderLine.model_validate(row._mapping)
    order_row = (await conn.execute(sa.select(orders).where(orders.c.id == line.order_id))).one()
    return line, Order.model_validate(order_row._mapping)


async def queued_order_at(
    conn: AsyncConnection, like: Order, distributor: Distributor, *, actor: str, now: datetime
) -> tuple[int, bool]:
    """The quote's order at `distributor` that is not sent yet (lines join it), or a new
    one for the same customer and ship-to. Returns (order id, whether it is new)."""
    existing = await _open_order_for(conn, like.quote_id, distributor)
    if existing is not None:
        return existing.id, False
    reference = await _next_reference(conn, like.quote_id, distributor)
    order_id = (
        await conn.execute(
            orders.insert()
            .values(
                quote_id=like.quote_id,
                distributor=distributor.value,
                status=OrderStatus.QUEUED.value,
                reference=reference,
                company_name=like.company_name,
                ship_to=like.ship_to.model_dump(mode="json"),
                ship_to_key=like.ship_to_key,
                total_value=Decimal(0),
                currency=like.currency,
                attempts=0,
                search_text=search_text(
                    reference, like.quote_id, like.company_name, distributor.value, []
                ),
                created_at=now,
                updated_at=now,
            )
            .returning(orders.c.id)
        )
    ).scalar_one()
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=int(order_id),
        action="queued",
        detail={"quote_id": like.quote_id, "distributor": distributor.value, "from": like.id},
        at=now,
    )
    return int(order_id), True


async def _next_line_number(conn: AsyncConnection, order_id: int) -> int:
    top = (
        await conn.execute(
            sa.select(sa.func.max(order_lines.c.line_number)).where(
                order_lines.c.order_id == order_id
            )
        )
    ).scalar()
    return int(top or 0) + 1


async def refresh_value(
    conn: AsyncConnection, order_id: int, *, now: datetime, part: str
) -> Decimal:
    """Recompute an order's value after its lines changed; an approval given for the old
    value no longer holds (the worker checks the threshold again)."""
    value = await total_of(conn, order_id)
    await conn.execute(
        orders.update()
        .where(orders.c.id == order_id)
        .values(
            total_value=value,
            approved_by=None,
            approved_at=None,
            search_text=orders.c.search_text + f" {part.lower()}",
            updated_at=now,
        )
    )
    return value


async def move_line(
    conn: AsyncConnection,
    line: OrderLine,
    target_id: int,
    *,
    part_number: str,
    quantity: Decimal | None,
    now: datetime,
) -> int:
    """Put `quantity` of the line (all of it when None) on the target order under the
    target distributor's part number. Returns the id of the line on the target."""
    values: dict[str, Any] = {
        "order_id": target_id,
        "line_number": await _next_line_number(conn, target_id),
        "part_number": part_number,
        "status": OrderLineStatus.QUEUED.value,
        "reject_reason": None,
        "distributor_line_status": None,
        "sourced_at": now,  # placed on purpose: the sourcing preference leaves it there
        "updated_at": now,
    }
    if quantity is None or quantity >= line.quantity:
        await conn.execute(order_lines.update().where(order_lines.c.id == line.id).values(**values))
        return line.id
    await conn.execute(
        order_lines.update()
        .where(order_lines.c.id == line.id)
        .values(quantity=round4(line.quantity - quantity), updated_at=now)
    )
    new_id = (
        await conn.execute(
            order_lines.insert()
            .values(
                quote_line_id=line.quote_line_id,
                sku=line.sku,
                description=line.description,
                quantity=round4(quantity),
                unit_price=line.unit_price,
                tracking_numbers=[],
                **values,
            )
            .returning(order_lines.c.id)
        )
    ).scalar_one()
    return int(new_id)


async def release_line(
    conn: AsyncConnection,
    quote_line_id: int,
    was: Distributor,
    *,
    actor: str,
    now: datetime,
    reason: str,
) -> int | None:
    """Take a quote line off the order it waits on at `was`, its quote's distributor until
    now (the quote names another, and the caller queues the line there): only from an order
    not sent yet, and only a line that is whole on that one order (a person who moved or
    split it chose where it goes). The line is deleted from the order and its value computed
    again; an order of this one line is cancelled instead, line and all (its history stays
    whole). Returns that order's id; None when nothing was taken."""
    on_orders = (
        await conn.execute(
            sa.select(
                order_lines.c.id, order_lines.c.order_id, orders.c.status, orders.c.distributor
            )
            .join(orders, orders.c.id == order_lines.c.order_id)
            .where(order_lines.c.quote_line_id == quote_line_id, LIVE)
        )
    ).all()
    unsent = (OrderStatus.QUEUED.value, OrderStatus.AWAITING_APPROVAL.value)
    if len(on_orders) != 1:
        return None
    [found] = on_orders
    if found.distributor != was.value or found.status not in unsent:
        return None
    order_line_id, order_id = int(found.id), int(found.order_id)
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action="line_removed",
        detail={"quote_line_id": quote_line_id, "reason": reason},
        at=now,
    )
    if await line_count(conn, order_id) == 1:  # its only line: cancelled with it, as it was
        await mark_cancelled(conn, order_id, actor=actor, now=now, reason=reason)
        await issues.resolve_for_subject(conn, EntityType.ORDER, order_id, actor=actor, now=now)
    else:
        await conn.execute(order_lines.delete().where(order_lines.c.id == order_line_id))
        await refresh_value(conn, order_id, now=now, part="")
    return order_id


async def line_count(conn: AsyncConnection, order_id: int) -> int:
    return int(
        (
            await conn.execute(sa.select(sa.func.count()).where(order_lines.c.order_id == order_id))
        ).scalar_one()
    )


async def substitute_part(
    conn: AsyncConnection,
    line: OrderLine,
    *,
    sku: str,
    part_number: str,
    description: str,
    now: datetime,
) -> list[int]:
    """The line (and every other order line of the same quote line) takes the new part;
    pending or failed charges of the quote line follow. Returns the charges changed."""
    await conn.execute(
        order_lines.update()
        .where(order_lines.c.quote_line_id == line.quote_line_id)
        .values(
            sku=sku,
            part_number=part_number,
            description=description,
            status=OrderLineStatus.QUEUED.value,
            reject_reason=None,
            updated_at=now,
        )
    )
    followed = (
        await conn.execute(
            charges.update()
            .where(
                charges.c.quote_line_id == line.quote_line_id,
                charges.c.status.in_([ChargeStatus.PENDING.value, ChargeStatus.ERROR.value]),
                charges.c.autotask_id.is_(None),
                charges.c.send_started_at.is_(None),
            )
            .values(sku=sku, description=description, updated_at=now)
            .returning(charges.c.id)
        )
    ).scalars()
    return [int(i) for i in followed]


async def charges_in_autotask(conn: AsyncConnection, quote_line_id: int) -> list[tuple[int, str]]:
    """(charge id, status) of the quote line's charges that reached Autotask, or may have
    (a send was started), and are not cancelled."""
    rows = await conn.execute(
        sa.select(charges.c.id, charges.c.status).where(
            charges.c.quote_line_id == quote_line_id,
            charges.c.status != ChargeStatus.CANCELLED.value,
            sa.or_(charges.c.autotask_id.is_not(None), charges.c.send_started_at.is_not(None)),
        )
    )
    return [(int(i), str(s)) for i, s in rows]
