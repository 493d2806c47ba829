"""Orders that stay in processing too long become a "stuck in processing" issue."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import Distributor, IssueKind
from procdesk.services.procurement_issues import open_for_order
from procdesk.services.procurement_settings import ProcurementSettings
from procdesk.store import issues, order_work


async def flag_stuck(
    conn: AsyncConnection,
    *,
    settings: ProcurementSettings,
    paused: Collection[Distributor],
    actor: str,
    now: datetime,
) -> list[int]:
    """Open the issue for each order placed-but-unconfirmed for too long (once per order).

    Orders of a paused distributor are left out: their credential issue already says why.
    """
    already = {
        issue["subject_id"]
        for issue in await issues.list_open(conn, kind=IssueKind.STUCK_PROCESSING)
    }
    flagged: list[int] = []
    for order in await order_work.stuck_since(conn, before=now - settings.stuck_after):
        if order.distributor in paused or str(order.id) in already:
            continue
        minutes = int((now - (order.processing_since or now)).total_seconds() // 60)
        last = order.last_error or "no answer from the distributor yet"
        await open_for_order(
            conn,
            IssueKind.STUCK_PROCESSING,
            order_id=order.id,
            distributor=order.distributor,
            message=(
                f"in processing for {minutes} min after {order.attempts} attempt(s); "
                f"last error: {last}"
            ),
            actor=actor,
            now=now,
            detail={"attempts": order.attempts, "last_error": order.last_error},
        )
        flagged.append(order.id)
    return flagged
