"""What the worker writes after each try: synced, error + issue, or pending with backoff.

Success is recorded whoever holds the lease (an Autotask id must never be lost); failures
are recorded only by the lease holder (a worker that lost its lease lets the new holder
decide). Every write appends an event with the worker's actor.
"""

from __future__ import annotations

import random
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.config.sync import SyncConfig
from procdesk.domain.charge import Charge
from procdesk.domain.clock import Clock
from procdesk.domain.enums import EntityType, IssueKind, Provider
from procdesk.services.charges.issues import open_charge_issue, open_outage_issue
from procdesk.services.charges.synced_batch import SyncedBatch
from procdesk.store import charges as charge_store
from procdesk.store import issues
from procdesk.store import quotes as quote_store
from procdesk.store.group_writer import GroupWriter
from procdesk.store.ledger import Ledger

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
    delay: float = ceiling / 2 + rng.uniform(0, ceiling / 2)
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
    batch: SyncedBatch = field(init=False)

    def __post_init__(self) -> None:
        if self.writer is None:
            self.writer = GroupWriter(self.ledger)
        self.batch = SyncedBatch(self.write, actor=self.actor, clock=self.clock)

    def write(self, *, one_statement: bool = False) -> AbstractAsyncContextManager[AsyncConnection]:
        """A ledger write committed together with the loop's other concurrent writes
        (`one_statement`: see `GroupWriter.write`)."""
        assert self.writer is not None
        return self.writer.write(one_statement=one_statement)

    async def synced(
        self, charge: Charge, *, autotask_id: int, billing_code_id: int | None, adopted: bool
    ) -> bool:
        """Record the Autotask charge (created now, or found by its marker)."""
        if not (charge.attempts or charge.error_kind or charge.last_error):
            # a charge that never failed has no issue to clear: written with the others
            return await self.batch.add(
                charge_store.Synced(charge, autotask_id, billing_code_id, adopted)
            )
        now = self.clock()
        async with self.write() as conn:
            if not await charge_store.mark_synced(
                conn,
                charge,
                autotask_id=autotask_id,
                billing_code_id=billing_code_id,
                adopted=adopted,
                actor=self.actor,
                now=now,
            ):
                return False
            await issues.resolve_for_subject(
                conn, EntityType.CHARGE, charge.id, actor=self.actor, now=now
            )
            if charge.error_kind is IssueKind.AUTOTASK_UNAVAILABLE:
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
        charge: Charge,
        *,
        kind: IssueKind,
        message: str,
        field_name: str | None = None,
        sent: bool,
    ) -> None:
        """A failure a person must fix: status error plus the issue with hint and fix."""
        now = self.clock()
        async with self.write() as conn:
            changed = await charge_store.mark_failed(
                conn,
                charge,
                kind=kind,
                message=message,
                sent=sent,
                actor=self.actor,
                owner=self.owner,
                now=now,
            )
            if changed:
                override = (
                    await quote_store.line_override(conn, charge.quote_line_id)
                    if kind is IssueKind.INVALID_BILLING_CODE
                    else None
                )
                await open_charge_issue(
                    conn,
                    charge,
                    kind,
                    message=message,
                    actor=self.actor,
                    provider=Provider.AUTOTASK if sent else None,
                    detail={
                        "quote_id": charge.quote_id,
                        "category": charge.category,
                        "field": field_name,
                    },
                    line_override=override,
                    now=now,
                )

    async def postponed(
        self,
        charge: Charge,
        *,
        message: str,
        retry_after: float | None,
        send_counted: bool,
    ) -> None:
        """Transient trouble: stays pending, next try after a backoff; an issue only once
        it keeps failing. `send_counted`: this try's send already added to `attempts`."""
        now = self.clock()
        failures = charge.attempts + 1
        delay = backoff_seconds(
            failures,
            base=self.sync.backoff_base_s,
            cap=self.sync.backoff_max_s,
            retry_after=retry_after,
            rng=self.rng,
        )
        async with self.write() as conn:
            changed = await charge_store.postpone(
                conn,
                charge,
                message=message,
                until=now + timedelta(seconds=delay),
                count_attempt=not send_counted,
                actor=self.actor,
                owner=self.owner,
                now=now,
            )
            if changed and failures >= UNAVAILABLE_ISSUE_AFTER:
                await open_outage_issue(
                    conn, charge, failures=failures, message=message, actor=self.actor, now=now
                )

    async def deferred(self, charge: Charge, *, until: datetime) -> None:
        """Not now, and not a failure: due again at `until`."""
        async with self.write() as conn:
            await charge_store.defer(conn, charge, until=until, owner=self.owner)

    async def released(self, charge: Charge) -> None:
        """Give the charge back untouched (work paused, or nothing to do now)."""
        async with self.write() as conn:
            await charge_store.release(conn, charge.id, self.owner)
