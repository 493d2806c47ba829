"""Refreshing synced charges from Autotask: procurement status and isBilled, in batches.

One TicketCharges query per up to 500 charges (`id in [...]`), reading only the fields
needed; the status number becomes its label through the picklist Autotask serves.
"""

from __future__ import annotations

from procdesk.domain.clock import Clock
from procdesk.integrations.autotask import AutotaskClient, F
from procdesk.integrations.autotask.client import TICKET_CHARGES
from procdesk.store import charges as charge_store
from procdesk.store.ledger import Ledger

REFRESH_BATCH = 500


async def refresh_synced(
    client: AutotaskClient,
    ledger: Ledger,
    *,
    actor: str,
    clock: Clock,
    batch: int = REFRESH_BATCH,
) -> int:
    """Bring every synced, unbilled charge's status and isBilled up to date; returns how
    many rows changed."""
    labels = await client.picklist(TICKET_CHARGES, "status")
    changed = 0
    after = 0
    while True:
        async with ledger.read() as conn:
            rows = await charge_store.synced_unbilled_after(conn, after, batch)
        if not rows:
            return changed
        after = rows[-1].id
        by_autotask = {r.autotask_id: r for r in rows if r.autotask_id is not None}
        records = await client.query(
            TICKET_CHARGES, F.in_("id", list(by_autotask)), ["id", "status", "isBilled"]
        )
        changes: list[charge_store.AutotaskState] = []
        for record in records:
            row = by_autotask.get(int(record["id"]))
            if row is None:
                continue
            status = record.get("status")
            label = labels.get(int(status)) if status is not None else None
            billed = bool(record.get("isBilled"))
            if label != row.procurement_status or billed != row.is_billed:
                changes.append(charge_store.AutotaskState(row, label, billed))
        if changes:  # one UPDATE and one INSERT for the page, not two statements a charge
            async with ledger.write() as conn:
                changed += await charge_store.record_autotask_states(
                    conn, changes, actor=actor, now=clock()
                )
        if len(rows) < batch:
            return changed
