"""`procdesk worker [--once]`: the work loops, headless."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from collections.abc import Callable

import click

from procdesk.cli.runtime import run, services, to_json
from procdesk.config import ConfigError, Settings, load_settings
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.worker.runner import WorkerContext, WorkerRunner, build_loops, new_worker_id

log = logging.getLogger("procdesk.worker")


def settings_on_disk(started: Settings) -> Callable[[], Settings]:
    """The config file as it is now: `procdesk auth …` may change a provider's fields
    while this worker runs. If the file has become invalid, the settings it started with
    (and a warning in the log)."""

    def read() -> Settings:
        try:
            return load_settings()
        except ConfigError as exc:
            log.warning("config file unreadable, keeping the settings from start: %s", exc)
            return started

    return read


@click.command("worker")
@click.option("--once", is_flag=True, help="One full cycle of every loop, then exit.")
@click.pass_context
def worker_command(ctx: click.Context, once: bool) -> None:
    """Sync charges to Autotask (and run procurement) until stopped (Ctrl-C / SIGTERM)."""

    async def go() -> None:
        async with services(ctx) as svc:
            worker_ctx = WorkerContext(
                ledger=svc.ledger,
                settings=svc.settings,
                secrets=svc.secrets,
                actor=svc.actor,
                worker_id=new_worker_id(socket.gethostname(), os.getpid()),
                credentials=CredentialService(svc.ledger, actor=svc.actor, clock=svc.now),
                clock=svc.now,
                settings_source=settings_on_disk(svc.settings),
            )
            runner = WorkerRunner(worker_ctx, build_loops(worker_ctx))
            await runner.start()
            try:
                if once:
                    click.echo(to_json(await runner.run_once()))
                    return
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for sig in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(sig, stop.set)
                click.echo(f"worker {worker_ctx.worker_id} running; Ctrl-C to stop", err=True)
                await runner.run(stop)
            finally:
                await runner.close()

    run(go())
