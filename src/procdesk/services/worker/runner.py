"""The worker runner: registers itself, heartbeats, and runs every work loop in turn.

A work loop is anything with a `name`, an async `run_once()` that does one full cycle and
returns counts, and `aclose()` (see `WorkLoop`). The composition root (`procdesk.wiring`)
builds the loops and hands them in. A dead worker on this host (its process is gone) has
its leases freed at start, so a restarted worker picks its work up at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets as pysecrets
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.remediation import remedy_for
from procdesk.store import issues
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger

log = logging.getLogger(__name__)


class WorkLoop(Protocol):
    name: str

    async def run_once(self) -> Mapping[str, int]:
        """One full cycle over the loop's due work; counts of what happened."""
        ...

    async def aclose(self) -> None:
        """Release clients and connections."""
        ...


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
class WorkerRunner:
    ledger: Ledger
    loops: list[WorkLoop]
    worker_id: str
    actor: str
    interval_s: float  # pause between cycles
    clock: Clock = utc_now
    on_close: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    is_alive: Callable[[int], bool] = pid_alive

    async def start(self) -> None:
        now = self.clock()
        async with self.ledger.write() as conn:
            dead = await worker_store.dead_on_host(conn, host=self.host, is_alive=self.is_alive)
            await worker_store.mark_dead(conn, dead, actor=self.actor, now=now)
            await worker_store.free_leases(conn, dead)
            await worker_store.register(
                conn,
                worker_id=self.worker_id,
                host=self.host,
                pid=self.pid,
                actor=self.actor,
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
        async with self.ledger.write() as conn:
            await worker_store.heartbeat(
                conn,
                self.worker_id,
                now=self.clock(),
                detail={"last_cycle": report},
                cycle_done=True,
            )
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """Cycle until `stop` is set, pausing `interval_s` between cycles."""
        while not stop.is_set():
            await self.run_once()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval_s)
            except TimeoutError:
                continue

    async def close(self) -> None:
        for loop in self.loops:
            await loop.aclose()
        for close in self.on_close:
            await close()
        async with self.ledger.write() as conn:
            await worker_store.stop(conn, self.worker_id, actor=self.actor, now=self.clock())

    async def _internal_error(self, loop_name: str, exc: Exception) -> None:
        remedy = remedy_for(IssueKind.INTERNAL_ERROR)
        async with self.ledger.write() as conn:
            await issues.open_issue(
                conn,
                kind=IssueKind.INTERNAL_ERROR,
                subject_type=EntityType.WORKER,
                subject_id=loop_name,
                title=f"The {loop_name} work loop failed",
                message=f"{type(exc).__name__}: {exc}",
                hint=remedy.hint,
                action=remedy.action,
                actor=self.actor,
                now=self.clock(),
            )
