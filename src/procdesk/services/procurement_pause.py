"""A distributor's work pauses while its credential is not usable, and resumes once it is.

The credential's state lives in the ledger's credentials table; a worker checks it before
each distributor's turn. Pausing opens one issue per distributor (not one per order) that
says how to fix it. `procdesk auth ingram|tdsynnex` verifies new credentials and calls
`CredentialService.mark_ok`, and the work goes on by itself. Pausing writes in the caller's
transaction (the worker records the order in the same one), so it does not go through
`CredentialService.mark_failed`; the states and issues it writes are the same.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import CredentialState, Distributor, EntityType, IssueKind
from procdesk.services.procurement_issues import open_for_distributor
from procdesk.store import credentials, events

_ISSUE_FOR_STATE = {
    CredentialState.EXPIRED: IssueKind.CREDENTIALS_EXPIRED,
    CredentialState.INVALID: IssueKind.CREDENTIALS_INVALID,
    CredentialState.MISSING: IssueKind.CREDENTIALS_INVALID,
}


async def is_paused(conn: AsyncConnection, distributor: Distributor) -> bool:
    provider = distributor.provider
    if provider is None:
        return True
    row = await credentials.get(conn, provider)
    return row is not None and row["state"] != CredentialState.OK.value


async def pause(
    conn: AsyncConnection,
    distributor: Distributor,
    *,
    state: CredentialState,
    message: str,
    actor: str,
    now: datetime,
    kind: IssueKind | None = None,
) -> None:
    """Mark the credential unusable and open its one issue. `message` is never a secret."""
    provider = distributor.provider
    if provider is None:
        raise ValueError(f"{distributor.value} has no credentials")
    await credentials.put(conn, provider, state=state, now=now, last_error=message)
    await open_for_distributor(
        conn,
        kind or _ISSUE_FOR_STATE[state],
        distributor=distributor,
        message=message,
        actor=actor,
        now=now,
    )
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.CREDENTIAL,
        entity_id=provider.value,
        action="paused",
        detail={"state": state.value, "message": message},
        at=now,
    )
