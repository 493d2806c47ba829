"""The worker runner: registers itself, heartbeats, and runs every work loop in turn.

A work loop is anything with a `name` and an async `run_once()` that does one full cycle
and returns counts (see `WorkLoop`). Loops are built by the factories named in
LOOP_FACTORIES ("module:function", imported on start, each taking a `WorkerContext`); add
a loop by adding one line there. A dead worker on this host (its process is gone) has its
leases freed at start, so a restarted worker picks its work up at once.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import secrets as pysecrets
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from procdesk.config import Settings
from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.remediation import remedy_for
from procdesk.integrations.autotask.gate import RequestGate
from procdesk.secrets import SecretStore
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.autotask_factory import shared_request_gate
from procdesk.store import issues, leases
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import charges, orders

log = logging.getLogger(__name__)

LOOP_FACTORIES: dict[str, str] = {
    "charges": "procdesk.services.charges.factory:build_charge_loop",
    "procurement": "procdesk.services.procurement.loop:build_procurement_loop",
}
LEASED_TABLES = (charges, orders)


class WorkLoop(Protocol):
    name: str

    async def run_once(self) -> Mapping[str, int]:
        """One full cycle over the loop's due work; counts of what happened."""
        ...

    async def aclose(self) -> None:
        """Release clients and connections."""
        ...


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_worker_id(host: str, pid: int) -> str:
    return f"{host}:{pid}:{pysecrets.token_hex(4)}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class WorkerContext:
    """What a loop factory gets: the ledger, settings, keyring, credential state, identity."""

    ledger: Ledger
    settings: Settings
    secrets: SecretStore
    actor: str
    worker_id: str
    credentials: CredentialService
    clock: Callable[[], datetime] = utcnow
    # Autotask limits shared by all workers on a PostgreSQL ledger (None: the client's own).
    request_gate: RequestGate | None = None
    # Where the providers' non-secret fields are read when a client is made (at start and
    # after a pause): re-authenticating may change them while the worker runs. None: the
    # settings the worker started with.
    settings_source: Callable[[], Settings] | None = None

    def __post_init__(self) -> None:
        if self.request_gate is None:
            self.request_gate = shared_request_gate(self.ledger, self.settings)

    def provider_settings(self) -> Settings:
        """The settings to build a provider client from, as they are now."""
        return self.settings_source() if self.settings_source is not None else self.settings


def build_loops(ctx: WorkerContext, names: Sequence[str] | None = None) -> list[WorkLoop]:
    loops = []
    for name, target in LOOP_FACTORIES.items():
        if names is not None and name not in names:
            continue
        module_name, attr = target.split(":")
        loops.append(getattr(importlib.import_module(module_name), attr)(ctx))
    return loops


@dataclass
class WorkerRunner:
    ctx: WorkerContext
    loops: list[WorkLoop]
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    is_alive: Callable[[int], bool] = pid_alive

    async def start(self) -> None:
        now = self.ctx.clock()
        async with self.ctx.ledger.write() as conn:
            dead = await worker_store.dead_on_host(conn, host=self.host, is_alive=self.is_alive)
            await worker_store.mark_dead(conn, dead, actor=self.ctx.actor, now=now)
            for table in LEASED_TABLES:
                await leases.release_owners(conn, table, dead)
            await worker_store.register(
                conn,
                worker_id=self.ctx.worker_id,
                host=self.host,
                pid=self.pid,
                actor=self.ctx.actor,
                now=now,
            )

    async def run_once(self) -> dict[str, Mapping[str, int]]:
        """Every loop once, then a heartbeat with what each did."""
        report: dict[str, Mapping[str, int]] = {}
        for loop in self.loops:
            try:
                report[loop.name] = dict(await loop.run_once())
            except Exception as exc:  # one loop's bug must not stop the others
                log.exception("work loop %s failed", loop.name)
                report[loop.name] = {"failed": 1}
                await self._internal_error(loop.name, exc)
        async with self.ctx.ledger.write() as conn:
            await worker_store.heartbeat(
                conn,
                self.ctx.worker_id,
                now=self.ctx.clock(),
                detail={"last_cycle": report},
                cycle_done=True,
            )
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """Cycle until `stop` is set, pausing `sync.interval_s` between cycles."""
        while not stop.is_set():
            await self.run_once()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.ctx.settings.sync.interval_s)
            except TimeoutError:
                continue

    async def close(self) -> None:
        for loop in self.loops:
            await loop.aclose()
        close_gate = getattr(self.ctx.request_gate, "close", None)
        if close_gate is not None:
            await close_gate()
        async with self.ctx.ledger.write() as conn:
            await worker_store.stop(
                conn, self.ctx.worker_id, actor=self.ctx.actor, now=self.ctx.clock()
            )

    async def _internal_error(self, loop_name: str, exc: Exception) -> None:
        remedy = remedy_for(IssueKind.INTERNAL_ERROR)
        async with self.ctx.ledger.write() as conn:
            await issues.open_issue(
                conn,
                kind=IssueKind.INTERNAL_ERROR,
                subject_type=EntityType.WORKER,
                subject_id=loop_name,
                title=f"The {loop_name} work loop failed",
                message=f"{type(exc).__name__}: {exc}",
                hint=remedy.hint,
                action=remedy.action,
                actor=self.ctx.actor,
                now=self.ctx.clock(),
            )
