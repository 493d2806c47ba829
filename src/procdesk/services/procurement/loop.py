"""The procurement worker: one `run_once()` is one full cycle over the queue.

Per cycle: with `procurement.source_by_preference` on, new hardware lines first go to the
preferred distributor (`sourcing.py`); queued orders go to approval or submission; then,
for each distributor whose credential works, requested cancellations, due submissions and
due status polls; finally orders stuck in processing too long are flagged with a "stuck in
processing" issue. A credential failure pauses only that distributor (the others go on);
once someone re-authenticates, the next cycle picks its work up again.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Coroutine, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import (
    ORDERING_DISTRIBUTORS,
    CredentialState,
    Distributor,
    IssueKind,
    OrderStatus,
)
from procdesk.domain.order import PLACED_CANCELLABLE, Order
from procdesk.domain.state_machines import ORDER_POLLABLE_STATES
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.cancel import OrderCanceller
from procdesk.services.procurement.outcomes import (
    Outcome,
    is_paused,
    open_for_order,
    pause_distributor,
)
from procdesk.services.procurement.poll import OrderPoller
from procdesk.services.procurement.queue import route_queued
from procdesk.services.procurement.settings import ClientFactory, ProcurementSettings
from procdesk.services.procurement.sourcing import SourcingPass
from procdesk.services.procurement.submit import OrderSubmitter
from procdesk.store import credentials, issues, order_work
from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage, is_write_conflict

log = logging.getLogger(__name__)


class CycleReport(BaseModel):
    sourced: int = 0  # lines the sourcing preference moved to another distributor
    routed: int = 0
    submitted: int = 0
    polled: int = 0
    cancelled: int = 0
    stuck: int = 0
    paused: list[Distributor] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "sourced": self.sourced,
            "routed": self.routed,
            "submitted": self.submitted,
            "polled": self.polled,
            "cancelled": self.cancelled,
            "stuck": self.stuck,
            "paused": len(self.paused),
        }


class ProcurementWorker:
    """Implements the worker runner's WorkLoop protocol (`name`, `run_once`, `aclose`)."""

    name = "procurement"

    def __init__(
        self,
        ledger: Ledger,
        settings: ProcurementSettings,
        clients: ClientFactory,
        *,
        owner: str,
        actor: str = "worker",
        clock: Clock = utc_now,
        distributors: Sequence[Distributor] = ORDERING_DISTRIBUTORS,
    ) -> None:
        self._ledger = ledger
        self._settings = settings
        self._factory = clients
        self._owner = owner
        self._actor = actor
        self._clock = clock
        self._distributors = tuple(distributors)
        self._clients: dict[Distributor, DistributorClient] = {}
        self._submitter = OrderSubmitter(ledger, settings, actor=actor, clock=clock)
        self._poller = OrderPoller(ledger, settings, actor=actor, clock=clock)
        self._canceller = OrderCanceller(ledger, settings, actor=actor, clock=clock)
        self._sourcing = SourcingPass(
            ledger, settings, clients, owner=owner, actor=actor, clock=clock
        )

    async def aclose(self) -> None:
        await self._sourcing.aclose()
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()

    async def run_once(self) -> dict[str, int]:
        return (await self.run_cycle()).counts()

    async def run_cycle(self) -> CycleReport:
        """One full cycle; says what was done and which distributors are paused."""
        report = CycleReport()
        if self._settings.source_by_preference:
            report.sourced = await self._sourcing.run()
        async with self._ledger.write() as conn:
            report.routed = len(
                await route_queued(
                    conn, settings=self._settings, actor=self._actor, now=self._clock()
                )
            )
        for distributor in self._distributors:
            async with self._ledger.read() as conn:
                if await is_paused(conn, distributor):
                    await self._drop_client(distributor)
                    report.paused.append(distributor)
                    continue
                if not await order_work.has_due_work(conn, distributor, self._clock()):
                    continue
            client = await self._client_for(distributor)
            if client is None or not await self._turn(distributor, client, report):
                report.paused.append(distributor)
        async with self._ledger.write() as conn:
            report.stuck = len(
                await flag_stuck(
                    conn,
                    settings=self._settings,
                    paused=report.paused,
                    actor=self._actor,
                    now=self._clock(),
                )
            )
        return report

    async def _drop_client(self, distributor: Distributor) -> None:
        """Forget a paused distributor's client: the one built after re-authentication
        reads the new secret."""
        stale = self._clients.pop(distributor, None)
        if stale is not None:
            await stale.aclose()

    async def _client_for(self, distributor: Distributor) -> DistributorClient | None:
        """The distributor's client, or None (paused) when it cannot be built."""
        if distributor not in self._clients:
            try:
                self._clients[distributor] = self._factory(distributor)
            except ProviderError as error:
                async with self._ledger.write() as conn:
                    await pause_distributor(
                        conn, distributor, error, actor=self._actor, now=self._clock()
                    )
                return None
        return self._clients[distributor]

    async def _turn(
        self, distributor: Distributor, client: DistributorClient, report: CycleReport
    ) -> bool:
        """One distributor's work; False when its credential failed (paused)."""
        claimed = await self._claim(distributor, PLACED_CANCELLABLE, cancel_requested=True)
        for n, order in enumerate(claimed):
            outcome = await self._guard(order, self._canceller.cancel(order, client))
            report.cancelled += 1
            if outcome is Outcome.PAUSE:
                await self._release(claimed[n + 1 :])
                return False
        claimed = await self._claim(distributor, [OrderStatus.PROCESSING])
        for n, order in enumerate(claimed):
            outcome = await self._guard(order, self._submitter.submit(order, client))
            report.submitted += 1
            if outcome is Outcome.PAUSE:
                await self._release(claimed[n + 1 :])
                return False
        while polled := await self._claim(
            distributor, ORDER_POLLABLE_STATES, limit=self._settings.poll_batch_size
        ):
            outcome = await self._poller.poll(polled, client)
            report.polled += len(polled)
            if outcome is Outcome.PAUSE:
                return False
            if outcome is Outcome.LATER:
                break
        await self._record_token_lifetimes(distributor, client)
        return True

    async def _release(self, orders: Sequence[Order]) -> None:
        """Orders claimed but not worked on because the distributor was paused: free them at
        once, so they go as soon as the credential works again (not when the lease ends)."""
        if not orders:
            return
        async with self._ledger.write() as conn:
            for order in orders:
                await order_work.release(conn, order.id, self._owner)

    async def _claim(
        self,
        distributor: Distributor,
        statuses: Collection[OrderStatus],
        *,
        cancel_requested: bool = False,
        limit: int | None = None,
    ) -> list[Order]:
        async with self._ledger.write() as conn:
            return await order_work.claim_due(
                conn,
                statuses=statuses,
                distributors=[distributor],
                owner=self._owner,
                now=self._clock(),
                lease_for=self._settings.lease_for,
                limit=limit or self._settings.batch_size,
                cancel_requested=cancel_requested,
            )

    async def _guard(self, order: Order, work: Coroutine[Any, Any, Outcome]) -> Outcome:
        """Run one order's work; a bug becomes an issue on the order, not a dead worker."""
        try:
            return await work
        except Exception as exc:  # any failure must not stop the other orders
            if is_ledger_outage(exc) or is_write_conflict(exc):
                raise  # not the order's fault: the worker waits for the ledger or tries again
            log.exception("procurement work on order %s failed", order.id)
            async with self._ledger.write() as conn:
                now = self._clock()
                await order_work.set_fields(
                    conn,
                    order.id,
                    last_error=f"{type(exc).__name__}: {exc}",
                    next_attempt_at=now + self._settings.retry_delay(order.attempts + 1),
                    lease_owner=None,
                    lease_until=None,
                )
                await open_for_order(
                    conn,
                    IssueKind.INTERNAL_ERROR,
                    order_id=order.id,
                    distributor=order.distributor,
                    message=f"{type(exc).__name__}: {exc}",
                    actor=self._actor,
                    now=now,
                )
            return Outcome.LATER

    async def _record_token_lifetimes(
        self, distributor: Distributor, client: DistributorClient
    ) -> None:
        """Keep the credentials table's token expiry current (the dashboard warns early)."""
        status = client.credential_status()
        provider = distributor.provider
        if provider is None or status.state is not CredentialState.OK:
            return
        async with self._ledger.write() as conn:
            await credentials.put(
                conn,
                provider,
                state=CredentialState.OK,
                now=self._clock(),
                token_expires_at=status.access_expires_at,
                refresh_expires_at=status.refresh_expires_at,
            )


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
        issue.subject_id for issue in await issues.list_open(conn, kind=IssueKind.STUCK_PROCESSING)
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
