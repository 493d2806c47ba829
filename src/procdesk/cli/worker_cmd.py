"""`procdesk worker [--once]`: the work loops, headless."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

import click

from procdesk.cli.runtime import ledger_option, run, services, settings_or_exit, to_json
from procdesk.config import ConfigError, Settings, load_settings

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

    ledger_option(ctx)  # a password in --ledger / PROCDESK_LEDGER is refused before all else

    async def go() -> None:
        settings = settings_or_exit()
        async with services(ctx, settings_source=settings_on_disk(settings)) as context:
            runner = context.worker()
            await runner.start()
            try:
                if once:
                    click.echo(to_json(await runner.run_once()))
                    return
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for sig in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(sig, stop.set)
                click.echo(f"worker {runner.worker_id} running; Ctrl-C to stop", err=True)
                await runner.run(stop)
            finally:
                await runner.close()

    run(go())
