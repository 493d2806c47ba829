"""The worker runner: registers itself, heartbeats, and runs every work loop in turn.

A work loop is anything with a `name`, an async `run_once()` that does one full cycle and
returns counts, and `aclose()` (see `WorkLoop`). The composition root (`procdesk.wiring`)
builds the loops and hands them in. A dead worker on this host (its process is gone) has
its leases freed at start, so a restarted worker picks its work up at once.

`run()` rides out a lost ledger: the cycle in hand stops, the runner waits (backing off,
never giving up) and goes on once the ledger answers, freeing its own leases first so the
work it held is retried at once (a charge or order whose send may have gone out is looked
up by its marker before anything is created again). A heartbeat is written every
`HEARTBEAT_EVERY` whatever the cycles do, so a worker cut off or killed stops counting as
alive within `ALIVE_WITHIN`. Stopping (`stop` set) cancels the cycle in hand at once.
"""

from __future__ import annotations

import asyncio
import contextlib
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
from procdesk.domain.worker import HEARTBEAT_EVERY
from procdesk.services.outage import OutageWatch
from procdesk.store import issues
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage, is_write_conflict, outage_summary

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
    reconnect_max_s: float = 15.0  # the longest pause between tries while the ledger is gone
    heartbeat_every: float = HEARTBEAT_EVERY.total_seconds()
    registered: bool = False
    watch: OutageWatch = field(init=False)

    def __post_init__(self) -> None:
        self.watch = OutageWatch(
            f"worker {self.worker_id}", clock=self.clock, max_wait_s=self.reconnect_max_s
        )

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
        self.registered = True

    async def run_once(self) -> dict[str, Mapping[str, int]]:
        """Every loop once, then a heartbeat with what each did. A lost ledger is raised
        (`run` rides it out); any other failure of a loop becomes an internal-error issue."""
        report: dict[str, Mapping[str, int]] = {}
        for loop in self.loops:
            try:
                report[loop.name] = dict(await loop.run_once())
            except Exception as exc:  # one loop's bug must not stop the others
                if is_ledger_outage(exc):
                    raise
                if is_write_conflict(exc):  # not a bug: the same work again next cycle
                    log.warning(
                        "work loop %s: the ledger undid a write that met another worker's "
                        "(%s); it runs again next cycle",
                        loop.name,
                        outage_summary(exc),
                    )
                    report[loop.name] = {"conflict": 1}
                    continue
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

    async def run(
        self,
        stop: asyncio.Event,
        wake: asyncio.Event | None = None,
        cycle: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        """Cycle until `stop` is set, pausing `interval_s` between cycles (or until `wake`),
        riding out ledger outages. Registers first if `start()` has not been called.

        `cycle` replaces `run_once` for a caller that wraps each cycle (the background
        worker counts them)."""
        beating = asyncio.create_task(self._beat(stop))
        try:
            while not stop.is_set():
                try:
                    if not self.registered:
                        await self.start()
                    if self.watch.down:
                        await self._resume_after_outage()
                    if not await self._cycle_unless_stopped(stop, cycle or self.run_once):
                        return
                    self.watch.back()  # a whole cycle went through: logged once
                    delay = self.interval_s
                except Exception as exc:
                    if not is_ledger_outage(exc):
                        raise
                    delay = self.watch.lost(exc)
                await _pause(stop, wake, delay)
        finally:
            beating.cancel()

    async def _cycle_unless_stopped(
        self, stop: asyncio.Event, run_cycle: Callable[[], Awaitable[object]]
    ) -> bool:
        """One cycle; False (the cycle cancelled) if `stop` was set while it ran."""
        cycle = asyncio.ensure_future(run_cycle())
        stopped = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({cycle, stopped}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:  # the runner itself is cancelled (a dashboard closes)
            cycle.cancel()
            stopped.cancel()
            raise
        if not cycle.done():
            cycle.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await cycle  # cut short: its claims are freed by close()
            return False
        stopped.cancel()
        cycle.result()  # raises what the cycle raised
        return True

    async def _resume_after_outage(self) -> None:
        """Before a cycle after a failed one: free this worker's own claims (the cycle that
        held them was cut short; markers make retrying them safe)."""
        async with self.ledger.write() as conn:
            await worker_store.free_leases(conn, [self.worker_id])
            await worker_store.heartbeat(conn, self.worker_id, now=self.clock())

    async def _beat(self, stop: asyncio.Event) -> None:
        """The heartbeat, every `heartbeat_every` s, independent of how long cycles take."""
        while not stop.is_set():
            await _pause(stop, None, self.heartbeat_every)
            if not self.registered or self.watch.down or stop.is_set():
                continue
            try:
                async with self.ledger.write() as conn:
                    await worker_store.heartbeat(conn, self.worker_id, now=self.clock())
            except Exception as exc:  # the cycle loop notices and logs an outage itself
                if not is_ledger_outage(exc):
                    log.warning("heartbeat not written: %s: %s", type(exc).__name__, exc)

    async def close(self) -> None:
        """Release clients, then record the stop and free this worker's claims (if the
        ledger cannot be reached, the claims run out by themselves after their lease)."""
        for loop in self.loops:
            await loop.aclose()
        for close in self.on_close:
            await close()
        if not self.registered:
            return
        try:
            async with self.ledger.write() as conn:
                await worker_store.free_leases(conn, [self.worker_id])
                await worker_store.stop(conn, self.worker_id, actor=self.actor, now=self.clock())
        except Exception as exc:
            if not is_ledger_outage(exc):
                raise
            log.warning(
                "worker %s stopped without recording it: ledger unreachable", self.worker_id
            )

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


async def _pause(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    """Sleep `seconds`, or less if `stop` (or `wake`, which is then cleared) is set."""
    waits = [asyncio.ensure_future(stop.wait())]
    if wake is not None:
        waits.append(asyncio.ensure_future(wake.wait()))
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waits:
            waiter.cancel()
    if wake is not None:
        wake.clear()
