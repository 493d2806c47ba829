"""The Autotask side of an order, as lines of text for its detail view: the purchase
order, each line's shipped/received counts and Autotask charge status, the shipments with
carrier, tracking link, dates and serial numbers, and the receipts."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.services.purchase_orders.lines import NOT_COMING
from procdesk.store import purchase_orders as po_store
from procdesk.store import shipments as shipment_store
from procdesk.store.orders import get_lines


async def po_section(conn: AsyncConnection, order_id: int) -> list[str]:
    link = await po_store.get(conn, order_id)
    items = await po_store.items_of(conn, order_id)
    shipments = await shipment_store.of_order(conn, order_id)
    receipts = await shipment_store.receipts_of(conn, order_id)
    if link is None and not shipments:
        return []
    out: list[str] = []
    if link is None or link.autotask_po_id is None:
        out.append(f"  no purchase order yet ({link.state.value if link else 'not started'})")
    else:
        number = link.po_number or link.autotask_po_id
        status = link.autotask_status or link.state.value
        how = ", linked by hand" if link.linked_by_hand else ""
        out.append(f"  PO {number} (id {link.autotask_po_id}{how}): {status}")
    if link is not None and link.last_error and link.next_attempt_at is None:
        out.append(f"  waiting on a person: {link.last_error}")
    for line in await get_lines(conn, order_id):
        if line.status in NOT_COMING:
            continue
        number = line.line_number
        shipped = sum(s.quantity for s in shipments if s.line_number == number and not s.manual)
        received = sum(r.quantity for r in receipts if r.line_number == number)
        item = items.get(number)
        charge = ""
        if item is not None and item.charge_id is not None:
            charge = f"  charge {item.charge_id}: {item.charge_status or '?'}"
        skipped = "  (left out of Autotask)" if item is not None and item.skipped else ""
        quantity = int(line.quantity)
        own = [s for s in shipments if s.line_number == number]
        came = "provisioned" if own and all(s.provisioned for s in own) else "shipped"
        out.append(
            f"  line {number} {line.sku}: {shipped}/{quantity} {came}, "
            f"{received}/{quantity} received{charge}{skipped}"
        )
    if shipments:
        out += ["", "Shipments:"]
    for s in shipments:
        if s.provisioned:
            out.append(
                f"  line {s.line_number}: {s.quantity} provisioned on {s.delivered_on or '-'} "
                "(a cloud subscription: nothing was shipped)"
            )
            continue
        source = "by hand" if s.manual else (s.carrier or "carrier ?")
        dates = f"shipped {s.shipped_on or '-'}, delivered {s.delivered_on or '-'}"
        out.append(f"  line {s.line_number}: {s.quantity} via {source}, {dates}")
        if s.tracking_number:
            out.append(f"    tracking {s.tracking_number}  {s.tracking_url or ''}".rstrip())
        if s.serial_numbers:
            out.append(f"    serials {', '.join(s.serial_numbers)}")
    return out
