"""The charge sync loop: claim due charges, create each exactly once, record the outcome.

Exactly once: every charge carries a marker (`[procdesk:<marker>]` in its notes). Before a
create whose earlier try may have reached Autotask (a send was started, or a try failed),
the worker looks the marker up on the ticket and adopts what it finds. `send_started_at`
is committed in its own transaction before the request goes out, so a crash anywhere
after that point is followed by a look-up, never by a blind second create.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from procdesk.config.sync import SyncConfig
from procdesk.domain.charge import Charge
from procdesk.domain.clock import Clock
from procdesk.domain.enums import CredentialState, IssueKind, Provider
from procdesk.domain.ticket_charge import charge_marker
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.autotask.charges import ticket_charge_from
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    ValidationError,
)
from procdesk.secrets import KeyringUnavailableError
from procdesk.services.auth.credentials import PAUSING_STATES, CredentialService
from procdesk.services.charges.deletion import process_cancel
from procdesk.services.charges.outcomes import ChargeOutcomes
from procdesk.services.charges.payload import build_charge
from procdesk.services.charges.refresh import refresh_synced
from procdesk.store import charges as charge_store
from procdesk.store import mappings as mapping_store
from procdesk.store.charges import ClaimedCharge, Synced
from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage

log = logging.getLogger(__name__)

# Outcomes that prove Autotask accepted the credentials.
ANSWERED = ("synced", "adopted", "error", "cancel_cancelled", "cancel_billed", "refreshed")

ClientFactory = Callable[[], Awaitable[AutotaskClient]]


class _Paused(Exception):
    """Autotask refused the credentials: stop all Autotask work this cycle."""


class ChargeSyncLoop:
    """One `run_once()` drains every charge due when it starts (a WorkLoop)."""

    name = "charges"

    def __init__(
        self,
        ledger: Ledger,
        *,
        client_factory: ClientFactory,
        credentials: CredentialService,
        actor: str,
        owner: str,
        sync: SyncConfig,
        clock: Clock,
        concurrency: int = 6,
        refresh_every: timedelta = timedelta(minutes=5),
        settle: timedelta = timedelta(seconds=0),
        rng: random.Random | None = None,
    ) -> None:
        self._ledger = ledger
        self._client_factory = client_factory
        self._client: AutotaskClient | None = None
        self._credentials = credentials
        self._sync = sync
        self._clock = clock
        self._concurrency = concurrency
        self._refresh_every = refresh_every
        self._settle = settle  # how long a sent request may take to reach Autotask
        self._last_refresh: datetime | None = None
        self._paused = False
        self.outcomes = ChargeOutcomes(
            ledger=ledger,
            actor=actor,
            owner=owner,
            sync=sync,
            clock=clock,
            rng=rng or random.Random(),
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_once(self) -> Mapping[str, int]:
        counts: Counter[str] = Counter()
        state = await self._credentials.state(Provider.AUTOTASK)
        if state in PAUSING_STATES:
            counts["paused"] = 1
            return counts
        try:
            client = await self._get_client()
        except (CredentialsMissingError, KeyringUnavailableError) as exc:
            if state is not CredentialState.MISSING:
                message = exc.message if isinstance(exc, CredentialsMissingError) else str(exc)
                await self._credentials.mark_failed(
                    Provider.AUTOTASK, CredentialState.MISSING, message
                )
            counts["paused"] = 1
            return counts
        self._paused = False
        cutoff = self._clock()
        renewing = asyncio.create_task(self._renew_leases())
        try:
            await self._process_due(client, cutoff, counts)
            if not self._paused and self._refresh_due():
                await self._refresh(client, counts)
        except AuthenticationError as exc:
            await self._pause(exc)
        finally:
            renewing.cancel()
        if self._paused:
            counts["paused"] = 1
            await self.aclose()  # once resumed, a new client reads the new credentials
        elif state is not CredentialState.OK and any(counts[k] for k in ANSWERED):
            await self._credentials.mark_ok(Provider.AUTOTASK)  # Autotask accepted them
        return counts

    async def _renew_leases(self) -> None:
        """While a cycle runs, keep its charges leased: a request may wait long at the
        hourly budget, and an expired lease would let another worker create the charge."""
        lease = timedelta(seconds=self._sync.lease_s)
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            try:
                async with self.outcomes.write() as conn:
                    await charge_store.renew_leases(
                        conn, owner=self.outcomes.owner, until=self._clock() + lease
                    )
            except Exception as exc:  # the cycle itself meets the outage and reports it
                if not is_ledger_outage(exc):
                    raise

    async def _get_client(self) -> AutotaskClient:
        if self._client is None:
            self._client = await self._client_factory()
        return self._client

    async def _refresh(self, client: AutotaskClient, counts: Counter[str]) -> None:
        try:
            counts["refreshed"] += await refresh_synced(
                client, self._ledger, actor=self.outcomes.actor, clock=self._clock
            )
        except AuthenticationError:
            raise
        except ProviderError as exc:  # statuses are informative: try again next cycle
            log.warning("charge status refresh failed: %s", exc)
            return
        self._last_refresh = self._clock()

    def _refresh_due(self) -> bool:
        last = self._last_refresh
        return last is None or self._clock() - last >= self._refresh_every

    async def _pause(self, exc: AuthenticationError) -> None:
        if not self._paused:
            self._paused = True
            await self._credentials.mark_failed(
                Provider.AUTOTASK, CredentialState.INVALID, exc.message
            )

    async def _process_due(
        self, client: AutotaskClient, cutoff: datetime, counts: Counter[str]
    ) -> None:
        """Every charge due at `cutoff`, claimed a batch at a time. The next batch is claimed
        as soon as the last charge of the current one has started, so the request slots
        never sit idle while a batch's last answers come back and the next is claimed."""
        limit = asyncio.Semaphore(self._concurrency)

        async def one(
            work: ClaimedCharge, mappings: Mapping[str, int], last: asyncio.Event | None
        ) -> None:
            async with limit:
                if last is not None:  # the last of its batch: the next may be claimed
                    last.set()
                if self._paused:
                    await self.outcomes.released(work.charge)
                    return
                try:
                    outcome = await self._process(client, work, mappings)
                except _Paused:
                    counts["released"] += 1
                    return
            if isinstance(outcome, Synced):
                # recorded after the permit is given back: the next charge's request goes
                # out while this one's answer is written (with any others that came back)
                await self.outcomes.synced(
                    outcome.charge,
                    autotask_id=outcome.autotask_id,
                    billing_code_id=outcome.billing_code_id,
                    adopted=outcome.adopted,
                )
                outcome = "synced"
            counts[outcome] += 1

        async with asyncio.TaskGroup() as group:
            while not self._paused:
                async with self.outcomes.write() as conn:
                    claimed = await charge_store.claim_due(
                        conn,
                        owner=self.outcomes.owner,
                        now=cutoff,
                        lease_for=timedelta(seconds=self._sync.lease_s),
                        limit=self._sync.batch_size,
                    )
                if not claimed:
                    break
                async with self._ledger.read() as conn:
                    categories = {c.charge.category for c in claimed}
                    mappings = await mapping_store.as_dict(conn, categories)
                started = asyncio.Event()
                for n, work in enumerate(claimed, 1):
                    group.create_task(one(work, mappings, started if n == len(claimed) else None))
                await started.wait()

    async def _process(
        self, client: AutotaskClient, work: ClaimedCharge, mappings: Mapping[str, int]
    ) -> str | Synced:
        """What became of the charge (recorded), or the charge Autotask created (for the
        caller to record)."""
        charge = work.charge
        sent = False
        try:
            if charge.cancel_reason is not None:
                return "cancel_" + await process_cancel(client, self.outcomes, charge)
            charge = await self._with_ticket(client, charge)
            ticket_id = charge.ticket_id
            maybe_sent = charge.send_started_at is not None or charge.attempts > 0
            started = charge.send_started_at
            if started is not None and started + self._settle > self._clock():
                # a request sent just before a crash may still be on its way: let it land
                await self.outcomes.deferred(charge, until=started + self._settle)
                return "deferred"
            if maybe_sent and ticket_id is not None:
                # first, before anything else can fail: does an earlier try's charge exist?
                found = await client.find_ticket_charge_noting(
                    ticket_id, charge_marker(charge.marker)
                )
                if found is not None and found.id is not None:
                    await self.outcomes.synced(
                        charge,
                        autotask_id=found.id,
                        billing_code_id=found.billing_code_id,
                        adopted=True,
                    )
                    return "adopted"
            built = build_charge(work, ticket_id=ticket_id, mappings=mappings)
            if built.draft is None:
                first = built.problems[0]
                await self.outcomes.failed(
                    charge,
                    kind=first.kind,
                    message="; ".join(p.message for p in built.problems),
                    field_name=first.field,
                    sent=False,
                )
                return "invalid"
            async with self.outcomes.write(one_statement=True) as conn:
                sent = await charge_store.start_send(
                    conn, charge, owner=self.outcomes.owner, now=self._clock()
                )
            if not sent:  # lease lost, or a cancel arrived: that path decides
                await self.outcomes.released(charge)
                return "skipped"
            autotask_id = await client.create_ticket_charge(ticket_charge_from(built.draft))
            return Synced(charge, autotask_id, built.draft.billing_code_id, adopted=False)
        except AuthenticationError as exc:
            await self.outcomes.released(charge)
            await self._pause(exc)
            raise _Paused from None
        except ValidationError as exc:
            return await self._refused(charge, exc, sent=sent)
        except PermissionDeniedError as exc:
            await self.outcomes.failed(
                charge, kind=IssueKind.CHARGE_VALIDATION, message=exc.message, sent=sent
            )
            return "error"
        except ProviderError as exc:  # transient, rate-limited, unexpected answers
            retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
            await self.outcomes.postponed(
                charge, message=str(exc), retry_after=retry_after, send_counted=sent
            )
            return "postponed"

    async def _refused(self, charge: Charge, exc: ValidationError, *, sent: bool) -> str:
        kind = exc.kind or IssueKind.CHARGE_VALIDATION
        await self.outcomes.failed(charge, kind=kind, message=exc.message, sent=sent)
        return "error"

    async def _with_ticket(self, client: AutotaskClient, charge: Charge) -> Charge:
        """The charge with its ticket id: the quote may name only a ticket number, which
        Autotask resolves (recorded once, so the next try needs no look-up)."""
        if charge.ticket_id is not None or not charge.ticket_number:
            return charge
        ticket_id = await client.ticket_id_for_number(charge.ticket_number)
        if ticket_id is None:
            return charge
        async with self.outcomes.write() as conn:
            await charge_store.resolve_ticket(
                conn,
                charge,
                ticket_id,
                actor=self.outcomes.actor,
                owner=self.outcomes.owner,
                now=self._clock(),
            )
        return charge.model_copy(update={"ticket_id": ticket_id})
