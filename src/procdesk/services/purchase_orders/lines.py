"""What each order line needs on its PO item: the ticket charge it fulfils (from the ledger)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import ChargeStatus, OrderLineStatus
from procdesk.domain.order import OrderLine
from procdesk.store import charges


@dataclass(frozen=True)
class LineCharge:
    line: OrderLine
    charge_id: int | None  # the Autotask ticket charge, when the line has one
    ticket_id: int | None
    product_id: int | None
    ledger_charge_id: int | None
    waiting: bool  # the line's charge is not in Autotask yet


# Lines the distributor refused or cancelled: nothing of them will arrive.
NOT_COMING = (OrderLineStatus.REJECTED, OrderLineStatus.CANCELLED)


def coming(lines: list[OrderLine]) -> list[OrderLine]:
    """The lines that belong on the purchase order."""
    return [line for line in lines if line.status not in NOT_COMING]


async def line_charges(conn: AsyncConnection, lines: list[OrderLine]) -> list[LineCharge]:
    found: list[LineCharge] = []
    for line in coming(lines):
        _, quote_line = await charges.quote_and_line(conn, line.quote_line_id)
        if quote_line.product_id is None:
            # No Autotask product: Autotask does not procure it (its charge is Ready to Ship
            # from the start), so it has no place on a purchase order.
            continue
        ledger_id = await charges.live_charge_for_line(conn, line.quote_line_id)
        charge = await charges.get(conn, ledger_id) if ledger_id is not None else None
        autotask_id = charge.autotask_id if charge else None
        found.append(
            LineCharge(
                line=line,
                charge_id=autotask_id,
                ticket_id=charge.ticket_id if charge else None,
                product_id=quote_line.product_id,
                ledger_charge_id=ledger_id,
                waiting=charge is not None
                and autotask_id is None
                and charge.status is not ChargeStatus.CANCELLED,
            )
        )
    return found
