"""Why a changed quote is refused: history is never rewritten. Once a charge of the quote
may be in Autotask or an order of it was sent, its ticket, company and ship-to stay; a line
may change only while nothing of it left procdesk, and lines are never removed. Each reason
says what to do instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import OrderStatus
from procdesk.domain.quote import QuoteLine
from procdesk.services.quotes.rows import HISTORY_FIELDS
from procdesk.store import charges as charge_store
from procdesk.store import orders as order_store
from procdesk.store import quote_orders

# Orders not yet sent: store.orders.queue_quote_lines makes them follow an edited line.
EDITABLE_ORDER_STATUSES = (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL)


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


async def of_header(
    conn: AsyncConnection, quote_id: str, header: list[str], now: datetime
) -> list[str]:
    """Ticket, company and ship-to stay as they were once a charge may be in Autotask
    or an order was sent; an unsent order shared with another quote keeps its address."""
    fields = [name for name in header if name in HISTORY_FIELDS]
    if not fields:
        return []
    what = f"quote {quote_id}: {', '.join(fields)} changed"
    charges = [c for cs in (await charge_store.by_line(conn, quote_id)).values() for c in cs]
    billed = [
        c.id
        for c in charges
        if c.is_billed or c.autotask_id is not None or c.may_exist_in_autotask(now)
    ]
    sent = await quote_orders.sent_orders(conn, quote_id)
    reasons: list[str] = []
    if billed or sent:
        facts = []
        if billed:
            facts.append(f"its charge(s) {_numbers(billed)} may already be in Autotask")
        if sent:
            refs = "; ".join(f"{ref}, {status.value}" for ref, status in sent)
            facts.append(f"its order(s) were sent to the distributor ({refs})")
        reasons.append(
            f"{what}, but {' and '.join(facts)}; the ticket, company and ship-to cannot "
            "change after that (retract the quote and import the change as a new quote, "
            "or correct it in Autotask and at the distributor)"
        )
    elif "ship_to" in fields or "company_name" in fields:
        shared = await quote_orders.shared_orders(conn, quote_id)
        if shared:
            reasons.append(
                f"{what}, but order(s) {', '.join(shared)} also carry another quote's "
                "lines for the same address; split or cancel the merged order first"
            )
    return reasons


async def of_lines(
    conn: AsyncConnection,
    quote_id: str,
    stored: dict[int, QuoteLine],
    edited: dict[int, list[str]],
    removed: list[int],
    now: datetime,
) -> list[str]:
    touched = [*edited, *removed]
    if not touched:
        return []
    reasons: list[str] = []
    by_line = await charge_store.by_line(conn, quote_id)
    synced = [
        n
        for n in touched
        if any(c.is_billed or c.may_exist_in_autotask(now) for c in by_line.get(stored[n].id, []))
    ]
    what = "; ".join(
        [f"line {n} changed ({', '.join(edited[n])})" for n in edited]
        + [f"line {n} removed" for n in removed]
    )
    if synced:
        reasons.append(
            f"quote {quote_id}: {what}, but the charges of line(s) {_numbers(synced)} "
            "already synced to Autotask; lines cannot change after their charges synced "
            "(retract the quote, or import the change as a new quote)"
        )
    on_orders = await order_store.orders_of_lines(conn, [stored[n].id for n in touched])
    sent = {
        n: on_orders[stored[n].id]
        for n in touched
        if stored[n].id in on_orders
        and on_orders[stored[n].id][1] not in EDITABLE_ORDER_STATUSES
        and n not in synced
    }
    if sent:
        refs = "; ".join(sorted({f"{ref}, {status}" for ref, status in sent.values()}))
        reasons.append(
            f"quote {quote_id}: {what}, but line(s) {_numbers(list(sent))} are on an order "
            f"that left the procurement queue (order {refs}); lines can change only while "
            "their order is queued or awaiting approval "
            "(retract the quote, or import the change as a new quote)"
        )
    gone = [n for n in removed if n not in synced and n not in sent]
    if gone:
        reasons.append(
            f"quote {quote_id}: line(s) {_numbers(gone)} missing from the file; lines "
            "cannot be removed from an imported quote (retract the quote instead)"
        )
    return reasons
