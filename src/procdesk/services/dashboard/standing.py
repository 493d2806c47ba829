"""Where a charge or an order stands, in procdesk, in Autotask and at the distributor, in
words a person reads at a glance (with the ids they quote to support)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.enums import ChargeStatus, OrderStatus
from procdesk.domain.labels import cancel_reason_label
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.remediation import explain_not_queued
from procdesk.domain.text import shown
from procdesk.services.display import local_time, plural, provider_name, words
from procdesk.store import charges as charge_store
from procdesk.store import orders as order_store

Pairs = list[tuple[str, str]]


def _tries(attempts: int, next_at: str) -> str:
    tried = f"tried {plural(attempts, 'time')}" if attempts else ""
    again = f"next try {next_at}" if next_at else ""
    return "; ".join(part for part in (tried, again) if part)


def charge_in_procdesk(charge: Charge) -> str:
    status = charge.status
    tries = _tries(charge.attempts, local_time(charge.next_attempt_at))
    if status is ChargeStatus.CANCELLED:
        why = cancel_reason_label(charge.cancel_reason) or "cancelled"
        note = f" — {shown(charge.cancel_note)}" if charge.cancel_note else ""
        return f"cancelled ({why}){note}"
    if charge.cancel_reason is not None:
        return "cancel asked: the worker deletes the Autotask charge first, then cancels it"
    if status is ChargeStatus.SYNCED:
        return f"synced {local_time(charge.synced_at)}".rstrip()
    if status is ChargeStatus.ERROR:
        return "error — needs a person" + (f" ({tries})" if tries else "")
    return "pending — goes to Autotask with the next sync" + (f" ({tries})" if tries else "")


def charge_in_autotask(charge: Charge) -> str:
    ticket = charge.ticket_number or (str(charge.ticket_id) if charge.ticket_id else "")
    on_ticket = f" on ticket {shown(ticket)}" if ticket else ""
    if charge.autotask_id is None:
        if charge.status is ChargeStatus.SYNCED:
            return f"created{on_ticket}"
        return (
            f"not created yet{on_ticket}"
            if charge.status is not ChargeStatus.CANCELLED
            else ("never created")
        )
    state = shown(charge.procurement_status or "") or "status not read yet"
    billed = "billed" if charge.is_billed else "not billed"
    return f"charge {charge.autotask_id}{on_ticket} — {state}, {billed}"


def placement(order: Order, line: OrderLine | None = None) -> str:
    """'order 7 (Q1001-IM1) at Ingram Micro — ordered; their order 20-11873'."""
    text = (
        f"order {order.id} ({shown(order.reference)}) at {provider_name(order.distributor)} — "
        f"{words(order.status)}"
    )
    if order.distributor_order_id:
        text += f"; their order {shown(order.distributor_order_id)}"
    if line is not None and line.status.value != order.status.value:
        text += f"; this line {words(line.status)}"
    return text


async def charge_standing(conn: AsyncConnection, charge: Charge) -> Pairs:
    placed = (await order_store.placements_of_quote(conn, charge.quote_id)).get(
        charge.quote_line_id
    )
    if placed is not None:
        at_distributor = placement(*placed)
    else:
        _, line = await charge_store.quote_and_line(conn, charge.quote_line_id)
        if line.distributor.supports_ordering:
            at_distributor = f"not on an order yet ({provider_name(line.distributor)})"
        else:
            at_distributor = (
                f"{provider_name(line.distributor)}: {explain_not_queued(line.distributor)}"
            )
    pairs = [
        ("In procdesk", charge_in_procdesk(charge)),
        ("In Autotask", charge_in_autotask(charge)),
        ("At the distributor", at_distributor),
    ]
    if charge.billing_code_id is not None:
        pairs.append(("Billing code", str(charge.billing_code_id)))
    pairs.append(("Last change", local_time(charge.updated_at)))
    return pairs


def order_in_procdesk(order: Order) -> str:
    status = order.status
    parts = [words(status)]
    if order.merged_into is not None:
        parts.append(f"merged into order {order.merged_into}")
    if status is OrderStatus.AWAITING_APPROVAL:
        parts.append("above the approval threshold, waits for a person")
    if order.approved_by:
        parts.append(f"approved by {shown(order.approved_by)} {local_time(order.approved_at)}")
    if status is OrderStatus.PROCESSING and order.processing_since:
        parts.append(f"being placed since {local_time(order.processing_since)}")
    tries = _tries(order.attempts, local_time(order.next_attempt_at))
    if tries and status in (OrderStatus.PROCESSING, OrderStatus.ERROR):
        parts.append(tries)
    if order.cancel_reason and order.merged_into is None:
        parts.append(f"reason: {shown(order.cancel_reason)}")
    return "; ".join(parts)


def order_at_distributor(order: Order) -> str:
    if not order.distributor_order_id:
        if order.status in (OrderStatus.QUEUED, OrderStatus.AWAITING_APPROVAL):
            return "not placed yet"
        if order.status is OrderStatus.PROCESSING:
            return "being placed; no order number yet"
        return "no order there"
    text = f"their order {shown(order.distributor_order_id)}"
    if order.distributor_status:
        text += f" — {shown(order.distributor_status)}"
    if order.placed_at:
        text += f"; placed {local_time(order.placed_at)}"
    if order.last_polled_at:
        text += f"; last checked {local_time(order.last_polled_at)}"
    return text


def order_standing(order: Order) -> Pairs:
    return [
        ("In procdesk", order_in_procdesk(order)),
        (f"At {provider_name(order.distributor)}", order_at_distributor(order)),
        ("Created", local_time(order.created_at)),
        ("Last change", local_time(order.updated_at)),
    ]
