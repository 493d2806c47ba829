"""`procdesk` with no subcommand: the dashboard on the configured ledger.

The workers run in the same process by default (`--no-workers` leaves them to a separate
`procdesk worker`): a WorkerRunner cycling as a background job of the app, woken early by
"sync now". Key bindings come from the config file's `[keys]` table; the log goes to a file
in the data dir, never to the screen.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from procdesk.config import Settings, logs_dir
from procdesk.secrets import SecretStore
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.context import ServiceContext
from procdesk.services.worker.runner import WorkerContext, WorkerRunner, build_loops, new_worker_id
from procdesk.store.ledger import Ledger

if TYPE_CHECKING:
    from procdesk.tui.context import DashboardContext

LOG_FILE_NAME = "procdesk.log"


@dataclass
class InProcessWorkers:
    """The workers as one long-running coroutine (`run`) and a way to wake them (`sync_now`)."""

    runner: WorkerRunner
    interval_s: float

    def __post_init__(self) -> None:
        self._wake = asyncio.Event()

    async def run(self) -> None:
        await self.runner.start()
        try:
            while True:
                await self.runner.run_once()
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=self.interval_s)
                except TimeoutError:
                    continue
        finally:
            await self.runner.close()

    async def sync_now(self) -> None:
        self._wake.set()

    def follow(self, context: DashboardContext) -> None:
        """Build clients from the dashboard's settings as they are now: its re-authentication
        screens replace them, and the next client (after the pause) uses the new fields."""
        self.runner.ctx.settings_source = lambda: context.settings


def in_process_workers(
    ledger: Ledger,
    settings: Settings,
    secrets: SecretStore,
    *,
    actor: str,
    clock: Callable[[], datetime],
) -> InProcessWorkers:
    ctx = WorkerContext(
        ledger=ledger,
        settings=settings,
        secrets=secrets,
        actor=actor,
        worker_id=new_worker_id(socket.gethostname(), os.getpid()),
        credentials=CredentialService(ledger, actor=actor, clock=clock),
        clock=clock,
    )
    return InProcessWorkers(WorkerRunner(ctx, build_loops(ctx)), settings.sync.interval_s)


@contextmanager
def log_to_file(directory: Path) -> Iterator[Path]:
    """Log records go to a file while the app runs (a full-screen app has no stderr)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE_NAME
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def background_jobs(workers: InProcessWorkers | None) -> list[Callable[[], Awaitable[None]]]:
    return [workers.run] if workers is not None else []


def dashboard_context(
    svc: ServiceContext, workers: InProcessWorkers | None, log_path: Path | None
) -> DashboardContext:
    """The dashboard over the configured ledger, keys from the config's `[keys]` table."""
    from procdesk.tui.context import DashboardContext

    context = DashboardContext(
        ledger=svc.ledger,
        settings=svc.settings,
        secrets=svc.secrets,
        actor=svc.actor,
        now=svc.now,
        keymap=dict(svc.settings.keys),
        background=background_jobs(workers),
        sync_now=workers.sync_now if workers is not None else None,
        log_path=log_path,
        owns_process=True,
    )
    if workers is not None:
        workers.follow(context)
    return context


@click.command("dashboard")
@click.option("--no-workers", is_flag=True, help="Do not run the sync workers in this process.")
@click.pass_context
def dashboard_command(ctx: click.Context, no_workers: bool) -> None:
    """The dashboard on the configured ledger (workers in-process unless --no-workers)."""
    from procdesk.cli.runtime import run, services
    from procdesk.tui.app import make_app

    async def go() -> None:
        with log_to_file(logs_dir()) as log_path:
            async with services(ctx) as svc:
                workers = (
                    None
                    if no_workers
                    else in_process_workers(
                        svc.ledger, svc.settings, svc.secrets, actor=svc.actor, clock=svc.now
                    )
                )
                await make_app(dashboard_context(svc, workers, log_path)).run_async()

    run(go())
