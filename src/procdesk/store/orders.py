"""The orders and order_lines tables: queueing quote lines, reading and updating orders.

One order per (quote, distributor) for the lines whose distributor supports ordering.
Every change appends an event in the same transaction. Nothing here talks to a distributor;
the procurement services do, and record what happened through these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, EntityType, OrderLineStatus, OrderStatus
from procdesk.domain.money import extended_cost, round4
from procdesk.domain.order import PLACED_CANCELLABLE, UNPLACED, Order, OrderLine
from procdesk.domain.quote import Quote, QuoteLine
from procdesk.domain.state_machines import check_order_transition
from procdesk.store import events
from procdesk.store.order_rows import (
    REFERENCE_MAX,
    lines_cost,
    new_order_values,
    order_line_values,
    part_number_of,
    reference_prefix,
    search_text,
)
from procdesk.store.schema import order_lines, orders, quote_lines

__all__ = ["REFERENCE_MAX", "part_number_of", "search_text"]

# Still moving: polled until one of the final states.
OPEN_AT_DISTRIBUTOR = (OrderStatus.ORDERED, OrderStatus.BACKORDERED, OrderStatus.ON_HOLD)
FINAL = (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED)


async def _next_reference(conn: AsyncConnection, quote_id: str, distributor: Distributor) -> str:
    """`PD-<quote>-<IM|TD|TX>-<n>`: unique, and within the distributor's reference limit."""
    prefix = reference_prefix(quote_id, distributor)
    taken = (
        await conn.execute(sa.select(sa.func.count()).where(orders.c.reference.like(f"{prefix}%")))
    ).scalar_one()
    return f"{prefix}{int(taken) + 1}"


async def _open_order_for(
    conn: AsyncConnection, quote_id: str, distributor: Distributor
) -> Order | None:
    """The quote's not-yet-placed order at this distributor, which new lines join."""
    row = (
        await conn.execute(
            sa.select(orders)
            .where(
                orders.c.quote_id == quote_id,
                orders.c.distributor == distributor.value,
                orders.c.status.in_([OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL]),
                orders.c.merged_into.is_(None),
            )
            .order_by(orders.c.id)
            .limit(1)
        )
    ).first()
    return Order.model_validate(row._mapping) if row else None


# An order that still counts for its lines: a cancelled one (the quote withdrawn, or a
# person's cancel) leaves them on no order, so accepting the quote again queues them anew.
LIVE = orders.c.status != OrderStatus.CANCELLED.value


async def _already_queued(conn: AsyncConnection, quote_line_ids: Sequence[int]) -> set[int]:
    """Those of the lines that are on an order that is not cancelled."""
    if not quote_line_ids:
        return set()
    rows = await conn.execute(
        sa.select(order_lines.c.quote_line_id)
        .join(orders, orders.c.id == order_lines.c.order_id)
        .where(order_lines.c.quote_line_id.in_(list(quote_line_ids)), LIVE)
    )
    return {int(r) for r in rows.scalars()}


async def total_of(conn: AsyncConnection, order_id: int) -> Decimal:
    rows = await conn.execute(
        sa.select(order_lines.c.quantity, order_lines.c.unit_price).where(
            order_lines.c.order_id == order_id
        )
    )
    return round4(sum((extended_cost(qty, cost) for qty, cost in rows), Decimal(0)))


async def _update_unplaced_lines(
    conn: AsyncConnection, lines: Sequence[QuoteLine], *, actor: str, now: datetime
) -> list[int]:
    """Edited quote lines already on an order not yet sent: the order follows the edit.

    The value changes, so an earlier approval no longer holds. Lines of orders already at
    the distributor are left as ordered.
    """
    touched: dict[int, list[int]] = {}
    for line in lines:
        on_orders = (
            await conn.execute(
                sa.select(
                    order_lines,
                    orders.c.status.label("order_status"),
                    orders.c.distributor.label("order_distributor"),
                )
                .join(orders, orders.c.id == order_lines.c.order_id)
                .where(order_lines.c.quote_line_id == line.id, LIVE)
            )
        ).all()
        # A line a person split across distributors keeps the split: an edit of the
        # quote line cannot say which part of it should change.
        found = on_orders[0] if len(on_orders) == 1 else None
        if found is None or found.order_status not in (
            OrderStatus.QUEUED.value,
            OrderStatus.AWAITING_APPROVAL.value,
        ):
            continue
        wanted = {
            "sku": line.sku,
            "part_number": part_number_of(line),
            "description": line.description,
            "quantity": round4(line.quantity),
            "unit_price": round4(line.unit_cost),
        }
        if found.order_distributor != line.distributor.value:
            # Moved to another distributor (by a buyer or the sourcing preference): the
            # quote's part number is the old distributor's. The same part keeps the number
            # the new distributor gave; another part goes by its manufacturer number.
            same_part = found.sku.upper() == line.sku.upper()
            wanted["sku"] = found.sku if same_part else line.sku
            wanted["part_number"] = found.part_number if same_part else line.sku
        if all(getattr(found, key) == value for key, value in wanted.items()):
            continue
        await conn.execute(
            order_lines.update()
            .where(order_lines.c.id == found.id)
            .values(updated_at=now, **wanted)
        )
        touched.setdefault(int(found.order_id), []).append(line.id)
    for order_id, line_ids in touched.items():
        value = await total_of(conn, order_id)
        await conn.execute(
            orders.update()
            .where(orders.c.id == order_id)
            .values(total_value=value, approved_by=None, approved_at=None, updated_at=now)
        )
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.ORDER,
            entity_id=order_id,
            action="lines_updated",
            detail={"quote_line_ids": line_ids, "value": str(value)},
            at=now,
        )
    return list(touched)


async def queue_quote_lines(
    conn: AsyncConnection,
    *,
    quote: Quote,
    lines: Sequence[QuoteLine],
    actor: str,
    now: datetime,
) -> list[int]:
    """Queue an accepted quote's orderable lines: one order per (quote, distributor).

    `quote` is a quotes row (id, company_name, ship_to, currency); `lines` are its
    quote_lines rows (with ids). Lines of distributors without ordering support are left
    out (`procdesk.domain.remediation` explains why). A line already on an order is never
    queued twice: while that order is not yet sent, the order follows the line's edits.
    New lines join the quote's order at that distributor while it is still queued or
    awaiting approval; otherwise a new order is made. Returns the ids of the orders created,
    extended or updated.
    """
    quote_id = quote.id
    done = await _already_queued(conn, [line.id for line in lines])
    updated = await _update_unplaced_lines(
        conn, [line for line in lines if line.id in done], actor=actor, now=now
    )
    by_distributor: dict[Distributor, list[QuoteLine]] = {}
    for line in lines:
        distributor = line.distributor
        if distributor.supports_ordering and line.id not in done:
            by_distributor.setdefault(distributor, []).append(line)

    order_ids: list[int] = []
    for distributor, queued in by_distributor.items():
        existing = await _open_order_for(conn, quote_id, distributor)
        value = lines_cost(queued)
        if existing is None:
            reference = await _next_reference(conn, quote_id, distributor)
            values = new_order_values(quote, distributor, reference, queued, now)
            order_id = int(
                (
                    await conn.execute(orders.insert().values(**values).returning(orders.c.id))
                ).scalar_one()
            )
            action = "queued"
        else:
            order_id = existing.id
            parts = [part_number_of(line) for line in queued]
            await conn.execute(
                orders.update()
                .where(orders.c.id == order_id)
                .values(
                    total_value=round4(existing.total_value + value),
                    search_text=f"{existing.search_text} {' '.join(parts).lower()}",
                    updated_at=now,
                )
            )
            action = "lines_added"
        line_rows = [order_line_values(order_id, line.id, line, now) for line in queued]
        await conn.execute(order_lines.insert(), line_rows)
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.ORDER,
            entity_id=order_id,
            action=action,
            detail={
                "quote_id": quote_id,
                "distributor": distributor.value,
                "quote_line_ids": [line.id for line in queued],
                "value": str(round4(value)),
            },
            at=now,
        )
        order_ids.append(order_id)
    return [*order_ids, *(i for i in updated if i not in order_ids)]


async def orders_of_lines(
    conn: AsyncConnection, quote_line_ids: Sequence[int]
) -> dict[int, tuple[str, OrderStatus]]:
    """quote_line_id -> (reference, status) of the order it is on, for the given lines."""
    rows = await conn.execute(
        sa.select(order_lines.c.quote_line_id, orders.c.reference, orders.c.status)
        .join(orders, orders.c.id == order_lines.c.order_id)
        .where(order_lines.c.quote_line_id.in_(list(quote_line_ids)))
    )
    return {int(line_id): (str(ref), OrderStatus(status)) for line_id, ref, status in rows}


async def cancel_orders_for_quote(
    conn: AsyncConnection, *, quote_id: str, actor: str, now: datetime, reason: str
) -> list[int]:
    """Cancel a withdrawn quote's orders; returns the ids of the orders affected.

    Orders not yet placed become cancelled at once (their lines too). Orders that are (or
    may be) at the distributor keep their status and get `cancel_reason` set and made due
    now: the worker cancels them at the distributor and then records the cancellation.
    Shipped and delivered orders are left alone.
    """
    rows = (
        await conn.execute(
            sa.select(orders.c.id, orders.c.status).where(
                orders.c.quote_id == quote_id,
                orders.c.status.in_([*UNPLACED, *PLACED_CANCELLABLE]),
            )
        )
    ).all()
    affected: list[int] = []
    for order_id, status in rows:
        if OrderStatus(status) in UNPLACED:
            await mark_cancelled(conn, int(order_id), actor=actor, now=now, reason=reason)
        else:
            await request_cancel(conn, int(order_id), actor=actor, now=now, reason=reason)
        affected.append(int(order_id))
    return affected


async def mark_cancelled(
    conn: AsyncConnection,
    order_id: int,
    *,
    actor: str,
    now: datetime,
    reason: str,
    merged_into: int | None = None,
) -> None:
    """Record an order (and its open lines) as cancelled (merged into another, if given).

    Raises IllegalTransitionError when the order may not be cancelled (it shipped)."""
    old = OrderStatus(
        (await conn.execute(sa.select(orders.c.status).where(orders.c.id == order_id))).scalar_one()
    )
    check_order_transition(old, OrderStatus.CANCELLED)
    await conn.execute(
        orders.update()
        .where(orders.c.id == order_id, orders.c.status == old.value)
        .values(
            status=OrderStatus.CANCELLED.value,
            cancel_reason=reason,
            merged_into=merged_into,
            next_attempt_at=None,
            lease_owner=None,
            lease_until=None,
            updated_at=now,
        )
    )
    await conn.execute(
        order_lines.update()
        .where(
            order_lines.c.order_id == order_id,
            order_lines.c.status.notin_(
                [OrderLineStatus.SHIPPED, OrderLineStatus.DELIVERED, OrderLineStatus.REJECTED]
            ),
        )
        .values(status=OrderLineStatus.CANCELLED.value, updated_at=now)
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action="cancelled",
        detail={"reason": reason, "merged_into": merged_into},
        at=now,
    )


async def request_cancel(
    conn: AsyncConnection, order_id: int, *, actor: str, now: datetime, reason: str
) -> None:
    """Flag a placed order for the worker to cancel at the distributor."""
    await conn.execute(
        orders.update()
        .where(orders.c.id == order_id)
        .values(cancel_reason=reason, next_attempt_at=now, updated_at=now)
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ORDER,
        entity_id=order_id,
        action="cancel_requested",
        detail={"reason": reason},
        at=now,
    )


async def get_order(conn: AsyncConnection, order_id: int) -> Order | None:
    row = (await conn.execute(sa.select(orders).where(orders.c.id == order_id))).first()
    return Order.model_validate(dict(row._mapping)) if row else None


async def get_lines(conn: AsyncConnection, order_id: int) -> list[OrderLine]:
    rows = await conn.execute(
        sa.select(order_lines)
        .where(order_lines.c.order_id == order_id)
        .order_by(order_lines.c.line_number)
    )
    return [OrderLine.model_validate(dict(r._mapping)) for r in rows]


async def placements_of_quote(
    conn: AsyncConnection, quote_id: str
) -> dict[int, tuple[Order, OrderLine]]:
    """quote_line_id -> the order it is on and its line there, for one quote's lines
    (merged orders included: a line follows the order it was merged into)."""
    of_quote = sa.select(quote_lines.c.id).where(quote_lines.c.quote_id == quote_id)
    rows = await conn.execute(
        sa.select(order_lines, orders.c.id.label("_order_id"))
        .join(orders, orders.c.id == order_lines.c.order_id)
        .where(order_lines.c.quote_line_id.in_(of_quote))
        .order_by(order_lines.c.order_id)
    )
    lines = [
        (int(r._mapping["_order_id"]), OrderLine.model_validate(dict(r._mapping))) for r in rows
    ]
    found: dict[int, tuple[Order, OrderLine]] = {}
    loaded: dict[int, Order] = {}
    for order_id, line in lines:
        if order_id not in loaded:
            order = await get_order(conn, order_id)
            if order is None:
                continue
            loaded[order_id] = order
        found[line.quote_line_id] = (loaded[order_id], line)
    return found
