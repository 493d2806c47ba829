"""`procdesk worker [--once | --check]`: the work loops, headless, fit to run as a service.

It logs one line per event to standard error (`--log-format text|json`), waits for an
unreachable ledger instead of exiting (at start as well as later), stops promptly on
SIGTERM or Ctrl-C, and exits non-zero only when it cannot run as configured (bad config,
refused login, unusable keyring) or, with `--once`, when a work loop failed. `--check` is
the health probe for containers and supervisors.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Callable, Mapping

import click

from procdesk.cli.log_format import FORMATS, configure
from procdesk.cli.runtime import Failed, ledger_option, run, settings_or_exit, to_json
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
@click.option(
    "--check",
    is_flag=True,
    help="Health probe: exit 0 if the ledger answers and a worker on this host is alive.",
)
@click.option(
    "--log-format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    envvar="PROCDESK_LOG_FORMAT",
    help="One line per event on stderr: text, or JSON objects (env PROCDESK_LOG_FORMAT).",
)
@click.pass_context
def worker_command(ctx: click.Context, once: bool, check: bool, log_format: str) -> None:
    """Sync charges to Autotask (and run procurement) until stopped (Ctrl-C / SIGTERM)."""
    url = ledger_option(ctx)  # a password in --ledger / PROCDESK_LEDGER is refused first
    if check:
        healthy = run(_check(url))
        ctx.exit(0 if healthy else 1)
    configure(log_format)
    run(_serve(url, once=once))


def _fail_if_a_loop_failed(report: Mapping[str, Mapping[str, int]]) -> None:
    """`--once` exits 1 when a work loop failed (a scheduler that runs it sees it): what
    failed is an internal-error issue and in the log."""
    failed = [name for name, counts in report.items() if counts.get("failed")]
    if failed:
        raise Failed(
            f"work loop {', '.join(failed)} failed; `procdesk issues list` says why "
            "(the other loops ran)"
        )


async def _check(url: str | None) -> bool:
    from procdesk.domain.clock import utc_now
    from procdesk.services.worker.health import worker_health
    from procdesk.store.ledger import LedgerError
    from procdesk.wiring import open_ledger, secret_store

    settings = settings_or_exit()
    try:
        ledger = await open_ledger(url or settings.ledger, secret_store(), migrate="never")
    except LedgerError as exc:
        click.echo(f"[FAIL] ledger  {exc}")
        return False
    try:
        checks = await worker_health(ledger, host=socket.gethostname(), now=utc_now())
    except Exception as exc:  # the server went away between open and read
        click.echo(f"[FAIL] ledger  {type(exc).__name__}: {exc}")
        return False
    finally:
        await ledger.close()
    for result in checks:
        click.echo(f"[{'ok  ' if result.ok else 'FAIL'}] {result.name:<7} {result.detail}")
    return all(result.ok for result in checks)


async def _serve(url: str | None, *, once: bool) -> None:
    from procdesk.services.outage import OutageWatch
    from procdesk.store.ledger import LedgerError
    from procdesk.wiring import open_context

    settings = settings_or_exit()
    stop = asyncio.Event()
    if not once:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    watch = OutageWatch("worker start", max_wait_s=settings.sync.reconnect_max_s)
    while not stop.is_set():
        try:
            async with open_context(
                settings, ledger_url=url, settings_source=settings_on_disk(settings)
            ) as context:
                watch.back()
                runner = context.worker()
                try:
                    if once:
                        await runner.start()
                        report = await runner.run_once()
                        click.echo(to_json(report))
                        _fail_if_a_loop_failed(report)
                        return
                    log.info("worker %s running; SIGTERM or Ctrl-C stops it", runner.worker_id)
                    await runner.run(stop)
                finally:
                    await runner.close()
                    if not once:
                        log.info("worker %s stopped", runner.worker_id)
                return
        except LedgerError as exc:  # its message carries the URL already masked
            if once or not exc.unreachable:
                raise Failed(str(exc)) from None
            delay = watch.lost(exc)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except TimeoutError:
                continue
