"""`procdesk worker --check`: is a worker on this host alive, and is its ledger usable?

For a container health check or a systemd watchdog script: the ledger answers, its schema
is the one this code knows, and a worker on this host has written its heartbeat within
`ALIVE_WITHIN` (so a hung or cut-off worker fails the check, not only a dead one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from procdesk.domain.worker import ALIVE_WITHIN
from procdesk.store import workers as worker_store
from procdesk.store.ledger import Ledger
from procdesk.store.migrate import current_revision, head_revision


@dataclass(frozen=True)
class HealthCheck:
    name: str
    ok: bool
    detail: str


async def worker_health(ledger: Ledger, *, host: str, now: datetime) -> list[HealthCheck]:
    async with ledger.read() as conn:
        revision = await current_revision(conn)
        rows = await worker_store.list_all(conn)
    head = head_revision()
    mine = [w for w in rows if w.host == host]
    alive = [w for w in mine if w.alive(now)]
    if alive:
        newest = max(alive, key=lambda w: w.heartbeat_at)
        age = (now - newest.heartbeat_at).total_seconds()
        workers = HealthCheck(
            "worker",
            True,
            f"{len(alive)} alive on {host}; last heartbeat {age:.0f} s ago ({newest.id})",
        )
    else:
        last = max((w.heartbeat_at for w in mine), default=None)
        heard = f"last heard {(now - last).total_seconds():.0f} s ago" if last else "none seen"
        workers = HealthCheck(
            "worker",
            False,
            f"no worker alive on {host} (heartbeat within {ALIVE_WITHIN.total_seconds():.0f} s;"
            f" {heard})",
        )
    return [
        HealthCheck("ledger", True, f"{ledger.url} answers"),
        HealthCheck(
            "schema",
            revision == head,
            f"migration {revision}"
            + ("" if revision == head else f", this procdesk expects {head}"),
        ),
        workers,
    ]
