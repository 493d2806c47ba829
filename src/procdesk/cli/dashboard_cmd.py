"""`procdesk` with no subcommand: the dashboard on the configured ledger.

The workers run in the same process by default (`--no-workers` leaves them to a separate
`procdesk worker`): a BackgroundWorker cycling as a job of the app, woken early by
"sync now". Key bindings come from the config file's `[keys]` table; the log goes to a file
in the data dir, never to the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from procdesk.services.collector import collector_paused

if TYPE_CHECKING:
    from procdesk.services.worker.background import BackgroundWorker
    from procdesk.tui.options import DashboardOptions
    from procdesk.wiring import Context

LOG_FILE_NAME = "procdesk.log"


@contextmanager
def log_to_file(directory: Path) -> Iterator[Path]:
    """Log records go to a file while the app runs (a full-screen app has no stderr)."""
    from procdesk.config import prepare_private_file

    path = prepare_private_file(directory / LOG_FILE_NAME)
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


class InProcessWorkers:
    """The dashboard's own workers, built when the dashboard starts them (after its first
    frame): their loops, services and clients are not needed to show it."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._built: BackgroundWorker | None = None

    def _worker(self) -> BackgroundWorker:
        if self._built is None:
            self._built = self._context.background_worker()
        return self._built

    async def run(self) -> None:
        await self._worker().run()

    async def sync_now(self) -> dict[str, Mapping[str, int]]:
        return await self._worker().sync_now()


def dashboard_options(
    context: Context,
    workers: BackgroundWorker | InProcessWorkers | None,
    log_path: Path | None,
) -> DashboardOptions:
    """The dashboard over the configured ledger, keys from the config's `[keys]` table."""
    from procdesk.tui.options import DashboardOptions

    return DashboardOptions(
        keymap=dict(context.settings.keys),
        background=[workers.run] if workers is not None else [],
        sync_now=workers.sync_now if workers is not None else None,
        log_path=log_path,
        owns_process=True,
    )


@click.command("dashboard")
@click.option("--no-workers", is_flag=True, help="Do not run the sync workers in this process.")
@click.pass_context
def dashboard_command(ctx: click.Context, no_workers: bool) -> None:
    """The dashboard on the configured ledger (workers in-process unless --no-workers)."""
    with collector_paused():  # until the first frame, where the app resumes it
        from procdesk.cli.runtime import run, services
        from procdesk.config import logs_dir
        from procdesk.tui.app import make_app

        async def go() -> None:
            with log_to_file(logs_dir()) as log_path:
                # an up-to-date SQLite ledger opens after the first frame (read with sqlite3)
                async with services(ctx, ledger_later=True) as context:
                    workers = None if no_workers else InProcessWorkers(context)
                    options = dashboard_options(context, workers, log_path)
                    await make_app(context, options).run_async()

        run(go())
