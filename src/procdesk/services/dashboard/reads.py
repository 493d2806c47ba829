"""What the dashboard reads: table pages, status counts, the header, and the change feed.

The TUI never issues SQL; it calls this service, which reads the ledger only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic

from procdesk.domain.enums import EntityType
from procdesk.domain.health import Condition, ProviderHealth
from procdesk.services.auth.health import HealthService
from procdesk.services.dashboard.liveness import alive_workers
from procdesk.store import charges as charge_store
from procdesk.store import events
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger
from procdesk.store.views import R, SortKey, TableView, ViewQuery

ENTITY_TABLE = {
    EntityType.CHARGE: "charges",
    EntityType.ORDER: "orders",
    EntityType.ISSUE: "issues",
}


class LedgerTableSource(Generic[R]):
    """One dashboard table read from the ledger (implements tui.paging.TableSource)."""

    def __init__(self, ledger: Ledger, view: TableView[R]) -> None:
        self.ledger = ledger
        self.view = view

    async def count(self, query: ViewQuery) -> int:
        async with self.ledger.read() as conn:
            return await self.view.count(conn, query)

    async def page_after(self, query: ViewQuery, after: SortKey | None, limit: int) -> list[R]:
        async with self.ledger.read() as conn:
            return await self.view.page_after(conn, query, after, limit)

    async def page_at(self, query: ViewQuery, offset: int, limit: int) -> list[R]:
        async with self.ledger.read() as conn:
            return await self.view.page_at(conn, query, offset, limit)

    async def rows_by_id(self, ids: list[int]) -> dict[int, R]:
        async with self.ledger.read() as conn:
            return await self.view.rows_by_id(conn, ids)

    async def counts_by_status(self) -> dict[str, int]:
        async with self.ledger.read() as conn:
            return await self.view.counts_by_status(conn)

    def sort_key(self, row: R, query: ViewQuery) -> SortKey:
        return self.view.sort_key(row, query)


@dataclass
class Changes:
    """What changed since a sequence number, by dashboard table."""

    seq: int
    ids: dict[str, set[int]] = field(default_factory=dict)
    header: bool = False  # credentials or workers changed

    @property
    def empty(self) -> bool:
        return not self.ids and not self.header


@dataclass
class HeaderInfo:
    workers_running: int
    worker_state: str
    last_sync: datetime | None
    api_budget: dict[str, Any] | None  # {"used": n, "limit": m} as last seen by a worker
    health: list[ProviderHealth]  # every provider procdesk has checked (services.auth.health)


class DashboardService:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    async def last_seq(self) -> int:
        async with self.ledger.read() as conn:
            return await events.last_seq(conn)

    async def changes_since(self, seq: int, limit: int = 5000) -> Changes:
        async with self.ledger.read() as conn:
            feed = await events.since(conn, seq, limit=limit)
        result = Changes(seq=feed[-1].seq if feed else seq)
        ids: dict[str, set[int]] = defaultdict(set)
        for event in feed:
            table = ENTITY_TABLE.get(event.entity_type)
            if table is not None and event.entity_id.isdigit():
                ids[table].add(int(event.entity_id))
            elif event.entity_type in (EntityType.CREDENTIAL, EntityType.WORKER):
                result.header = True
            order_id = event.detail.get("order_id") if event.detail else None
            if isinstance(order_id, int):
                ids["orders"].add(order_id)
        result.ids = dict(ids)
        return result

    async def header(self, now: datetime) -> HeaderInfo:
        async with self.ledger.read() as conn:
            worker_rows = await worker_store.list_all(conn)
            last_sync = max((w.last_cycle_at for w in worker_rows if w.last_cycle_at), default=None)
            if last_sync is None:  # no worker has run here: the newest synced charge (indexed)
                last_sync = await charge_store.last_synced_at(conn)
        live = alive_workers(worker_rows, now)
        budget = None
        for w in sorted(live, key=lambda w: w.heartbeat_at, reverse=True):
            if w.detail and w.detail.get("autotask_budget"):
                budget = w.detail["autotask_budget"]
                break
        state = (
            "stopped"
            if not live
            else ("paused" if all(w.state == "paused" for w in live) else "running")
        )
        return HeaderInfo(
            workers_running=len(live),
            worker_state=state,
            last_sync=last_sync,
            api_budget=budget,
            health=[
                h
                for h in await HealthService(self.ledger, clock=lambda: now).all()
                if h.condition is not Condition.UNCHECKED
            ],
        )
