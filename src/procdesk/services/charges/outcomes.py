"""What the worker writes after each try: synced, error + issue, or pending with backoff.

Success is recorded whoever holds the lease (an Autotask id must never be lost); failures
are recorded only by the lease holder (a worker that lost its lease lets the new holder
decide). Every write appends an event with the worker's actor.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.config.sync import SyncConfig
from procdesk.domain.clock import Clock
from procdesk.domain.enums import ChargeStatus, EntityType, IssueKind, Provider
from procdesk.services.charges.issues import open_charge_issue, open_outage_issue
from procdesk.store import charges as charge_store
from procdesk.store import events, issues
from procdesk.store.group_writer import GroupWriter
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges
from procdesk.store.types import UTCDateTime

# Transient failures in a row after which a charge gets an AUTOTASK_UNAVAILABLE issue.
UNAVAILABLE_ISSUE_AFTER = 5


def backoff_seconds(
    failures: int,
    *,
    base: float,
    cap: float,
    retry_after: float | None,
    rng: random.Random,
) -> float:
    """Exponential backoff with jitter ("equal jitter": half fixed, half random), never
    shorter than the provider's Retry-After."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    delay = ceiling / 2 + rng.uniform(0, ceiling / 2)
    return max(delay, retry_after or 0.0)


@dataclass
class ChargeOutcomes:
    ledger: Ledger
    actor: str
    owner: str
    sync: SyncConfig
    clock: Clock
    rng: random.Random = field(default_factory=random.Random)
    writer: GroupWriter | None = None

    def __post_init__(self) -> None:
        if self.writer is None:
            self.writer = GroupWriter(self.ledger)

    def write(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A ledger write committed together with the loop's other concurrent writes."""
        assert self.writer is not None
        return self.writer.write()

    async def synced(
        self,
        charge: Mapping[str, Any],
        *,
        autotask_id: int,
        billing_code_id: int | None,
        adopted: bool,
    ) -> bool:
        """Record the Autotask charge (created now, or found by its marker)."""
        now = self.clock()
        async with self.write() as conn:
            result = await conn.execute(
                charges.update()
                .where(
                    charges.c.id == charge["id"],
                    charges.c.status == ChargeStatus.PENDING.value,
                )
                .values(
                    status=ChargeStatus.SYNCED.value,
                    autotask_id=autotask_id,
                    billing_code_id=billing_code_id,
                    synced_at=now,
                    updated_at=now,
                    last_error=None,
                    error_kind=None,
                    # due again only if a cancel arrived meanwhile (then at once)
                    next_attempt_at=sa.case(
                        (charges.c.cancel_reason.is_not(None), sa.literal(now, UTCDateTime)),
                        else_=sa.null(),
                    ),
                    lease_owner=None,
                    lease_until=None,
                )
            )
            if not result.rowcount:
                return False
            await events.append(
                conn,
                actor=self.actor,
                entity_type=EntityType.CHARGE,
                entity_id=charge["id"],
                action="adopted" if adopted else "synced",
                detail={"autotask_id": autotask_id, "ticket_id": charge.get("ticket_id")},
                at=now,
            )
            if charge["attempts"] or charge["error_kind"] or charge["last_error"]:
                # a charge that never failed has no issue to clear
                await issues.resolve_for_subject(
                    conn, EntityType.CHARGE, charge["id"], actor=self.actor, now=now
                )
                if charge["error_kind"] == IssueKind.AUTOTASK_UNAVAILABLE.value:
                    # a charge that waited out the outage went through: Autotask answers
                    await issues.resolve_for_subject(
                        conn,
                        EntityType.PROVIDER,
                        Provider.AUTOTASK.value,
                        kinds=[IssueKind.AUTOTASK_UNAVAILABLE],
                        actor=self.actor,
                        now=now,
                    )
        return True

    async def failed(
        self,
        charge: Mapping[str, Any],
        *,
        kind: IssueKind,
        message: str,
        field_name: str | None = None,
        sent: bool,
    ) -> None:
        """A failure a person must fix: status error plus the issue with hint and fix."""
        now = self.clock()
        async with self.write() as conn:
            changed = await charge_store.update(
                conn,
                charge["id"],
                actor=self.actor,
                action="failed",
                now=now,
                owner=self.owner,
                detail={"kind": kind.value, "message": message, "sent": sent},
                status=ChargeStatus.ERROR.value,
                last_error=message,
                error_kind=kind.value,
                next_attempt_at=None,
                lease_owner=None,
                lease_until=None,
            )
            if changed:
                await open_charge_issue(
                    conn,
                    charge,
                    kind,
                    message=message,
                    actor=self.actor,
                    provider=Provider.AUTOTASK if sent else None,
                    detail={
                        "quote_id": charge["quote_id"],
                        "category": charge["category"],
                        "field": field_name,
                    },
                    now=now,
                )

    async def postponed(
        self,
        charge: Mapping[str, Any],
        *,
        message: str,
        retry_after: float | None,
        send_counted: bool,
    ) -> None:
        """Transient trouble: stays pending, next try after a backoff; an issue only once
        it keeps failing. `send_counted`: this try's send already added to `attempts`."""
        now = self.clock()
        failures = int(charge["attempts"]) + 1
        delay = backoff_seconds(
            failures,
            base=self.sync.backoff_base_s,
            cap=self.sync.backoff_max_s,
            retry_after=retry_after,
            rng=self.rng,
        )
        values: dict[str, Any] = {
            "last_error": message,
            "error_kind": IssueKind.AUTOTASK_UNAVAILABLE.value,
            "next_attempt_at": now + timedelta(seconds=delay),
            "lease_owner": None,
            "lease_until": None,
        }
        if not send_counted:
            values["attempts"] = charges.c.attempts + 1
        async with self.write() as conn:
            changed = await charge_store.update(
                conn,
                charge["id"],
                actor=self.actor,
                action="postponed",
                now=now,
                owner=self.owner,
                detail={"message": message, "retry_in_s": round(delay, 3)},
                **values,
            )
            if changed and failures >= UNAVAILABLE_ISSUE_AFTER:
                await open_outage_issue(
                    conn, charge, failures=failures, message=message, actor=self.actor, now=now
                )

    async def deferred(self, charge: Mapping[str, Any], *, until: datetime) -> None:
        """Not now, and not a failure: due again at `until`."""
        async with self.write() as conn:
            await conn.execute(
                charges.update()
                .where(charges.c.id == charge["id"], charges.c.lease_owner == self.owner)
                .values(next_attempt_at=until, lease_owner=None, lease_until=None)
            )

    async def released(self, charge: Mapping[str, Any]) -> None:
        """Give the charge back untouched (work paused, or nothing to do now)."""
        async with self.write() as conn:
            await charge_store.release(conn, charge["id"], self.owner)
