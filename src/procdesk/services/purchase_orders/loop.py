"""The purchase-order worker: one `run_once()` is one cycle over the orders whose Autotask
side has work (a PO to make, shipments to receive). Problems a person must fix become
issues on the order and park its PO work until someone acts; transient failures retry
with growing pauses."""

from __future__ import annotations

import logging

from procdesk.domain.clock import Clock
from procdesk.domain.enums import Distributor, EntityType, IssueKind
from procdesk.domain.purchase_order import PoState, PurchaseOrderLink
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.autotask.procurement_models import PurchaseOrderStatus
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.outcomes import open_for_order
from procdesk.services.purchase_orders.charges import ChargeFollower
from procdesk.services.purchase_orders.create import PurchaseOrderCreator
from procdesk.services.purchase_orders.problems import NeedsPerson, NotYet
from procdesk.services.purchase_orders.receive import Receiver
from procdesk.services.purchase_orders.settings import (
    PoService,
    PoSettings,
    ProcurementClientFactory,
)
from procdesk.store import issues
from procdesk.store import purchase_orders as po_store
from procdesk.store.ledger import Ledger
from procdesk.store.orders import get_order

log = logging.getLogger(__name__)

PO_ISSUES = (
    IssueKind.VENDOR_NOT_MAPPED,
    IssueKind.NO_INVENTORY_LOCATION,
    IssueKind.PO_REFUSED,
    IssueKind.CHARGE_NOT_ORDERABLE,
    IssueKind.RECEIVING_REFUSED,
    IssueKind.BAD_SERIAL_NUMBER,
)


class PurchaseOrderWork(PoService):
    """One order's Autotask side, from PO to the last receipt."""

    def __init__(self, ledger: Ledger, settings: PoSettings, *, actor: str, clock: Clock) -> None:
        super().__init__(ledger, settings, actor=actor, clock=clock)
        self._creator = PurchaseOrderCreator(ledger, settings, actor=actor, clock=clock)
        self._receiver = Receiver(ledger, settings, actor=actor, clock=clock)
        self._charges = ChargeFollower(ledger, settings, actor=actor, clock=clock)

    async def run(self, link: PurchaseOrderLink, client: AutotaskProcurementClient) -> str:
        """Do what is due; says what happened ("done", "waiting", "parked", "retry")."""
        async with self._ledger.read() as conn:
            order = await get_order(conn, link.id)
        if order is None:
            return "done"
        try:
            if link.state is PoState.PENDING:
                link = await self._creator.create(order, link, client)
            if link.state is PoState.SKIPPED:
                await self._settle(link)
                return "done"
            made = await self._receiver.receive(order, link, client)
            status = (
                await client.purchase_order_status(link.autotask_po_id)
                if link.autotask_po_id
                else None
            )
            await self._charges.follow(order, link, client)
        except NotYet as early:
            await self.later(link, str(early))
            return "waiting"
        except NeedsPerson as problem:
            await self._park(link, order.distributor, problem)
            return "parked"
        except ProviderError as error:
            await self.later(link, str(error))
            return "retry"
        async with self._ledger.write() as conn:
            now = self._clock()
            received = status is PurchaseOrderStatus.RECEIVED_FULL
            await po_store.set_fields(
                conn,
                link.id,
                now=now,
                state=(PoState.RECEIVED if received else PoState.SUBMITTED).value,
                autotask_status=status.value if status else None,
                needs_work=False,
                next_attempt_at=None,
                attempts=0,
                last_error=None,
                error_kind=None,
                lease_owner=None,
                lease_until=None,
            )
            await issues.resolve_for_subject(
                conn, EntityType.ORDER, link.id, actor=self._actor, kinds=PO_ISSUES, now=now
            )
            if made:
                await po_store.note(
                    conn,
                    link.id,
                    "po_progress",
                    actor=self._actor,
                    now=now,
                    detail={"receipts": made, "autotask_status": status},
                )
        return "done"

    async def _settle(self, link: PurchaseOrderLink) -> None:
        async with self._ledger.write() as conn:
            await po_store.set_fields(
                conn,
                link.id,
                now=self._clock(),
                needs_work=False,
                next_attempt_at=None,
                lease_owner=None,
                lease_until=None,
            )

    async def later(self, link: PurchaseOrderLink, why: str) -> None:
        """Try again after a pause that grows with each failure (no issue: nothing to fix)."""
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.set_fields(
                conn,
                link.id,
                now=now,
                attempts=link.attempts + 1,
                next_attempt_at=now + self._settings.retry_delay(link.attempts + 1),
                last_error=why,
                lease_owner=None,
                lease_until=None,
            )

    async def _park(
        self, link: PurchaseOrderLink, distributor: Distributor, problem: NeedsPerson
    ) -> None:
        async with self._ledger.write() as conn:
            now = self._clock()
            await po_store.set_fields(
                conn,
                link.id,
                now=now,
                next_attempt_at=None,
                last_error=problem.message,
                error_kind=problem.kind.value,
                lease_owner=None,
                lease_until=None,
            )
            await open_for_order(
                conn,
                problem.kind,
                order_id=link.id,
                distributor=distributor,
                message=problem.message,
                actor=self._actor,
                now=now,
                detail={"distributor": distributor.value, **problem.detail},
            )


class PurchaseOrderLoop:
    """Implements the worker runner's WorkLoop protocol (`name`, `run_once`, `aclose`)."""

    name = "purchase_orders"

    def __init__(
        self,
        ledger: Ledger,
        settings: PoSettings,
        client: ProcurementClientFactory,
        *,
        owner: str,
        actor: str,
        clock: Clock,
    ) -> None:
        self._ledger = ledger
        self._settings = settings
        self._factory = client
        self._client: AutotaskProcurementClient | None = None
        self._owner = owner
        self._clock = clock
        self._work = PurchaseOrderWork(ledger, settings, actor=actor, clock=clock)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_once(self) -> dict[str, int]:
        counts: dict[str, int] = {"adopted": 0, "done": 0, "waiting": 0, "parked": 0, "retry": 0}
        if not self._settings.enabled:
            return counts
        async with self._ledger.write() as conn:
            counts["adopted"] = await po_store.adopt_placed_orders(conn, now=self._clock())
            claimed = await po_store.claim_due(
                conn,
                owner=self._owner,
                now=self._clock(),
                lease_for=self._settings.lease_for,
                limit=self._settings.batch_size,
            )
        if not claimed:
            return counts
        try:
            if self._client is None:
                self._client = await self._factory()
        except ProviderError as error:
            log.info("purchase orders wait for Autotask: %s", error)
            for link in claimed:
                await self._work.later(link, str(error))
            return counts
        for link in claimed:
            try:
                outcome = await self._work.run(link, self._client)
            except Exception:  # one order's bug must not stop the others
                log.exception("purchase-order work on order %s failed", link.id)
                await self._work.later(link, "unexpected error; see the log")
                outcome = "retry"
            counts[outcome] += 1
        return counts
