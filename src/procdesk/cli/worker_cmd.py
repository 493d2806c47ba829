"""`procdesk worker [--once]`: the work loops, headless."""

from __future__ import annotations

import asyncio
import os
import signal
import socket

import click

from procdesk.cli.runtime import run, services, to_json
from procdesk.services.credentials import CredentialService
from procdesk.services.worker import WorkerContext, WorkerRunner, build_loops, new_worker_id


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
