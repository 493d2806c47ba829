"""Finding a charge procdesk may already have created, by the marker in its notes."""

from __future__ import annotations

from procdesk.domain.ticket_charge import charge_marker
from procdesk.integrations.autotask import AutotaskClient, F, TicketCharge


async def find_by_marker(
    client: AutotaskClient, ticket_id: int, marker: str
) -> TicketCharge | None:
    """The ticket's charge carrying `[procdesk:<marker>]` in its notes (oldest if several)."""
    found = await client.query_ticket_charges(
        F.and_(F.eq("ticketID", ticket_id), F.contains("notes", charge_marker(marker)))
    )
    return min(found, key=lambda c: c.id or 0) if found else None
