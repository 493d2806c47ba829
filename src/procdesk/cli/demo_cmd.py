"""`procdesk demo [--rows N]`: the dashboard on a sandbox and a throwaway demo ledger.

No account anywhere is needed and nothing of the user's is touched: config, data dir,
ledger and keyring live in a temporary directory (and memory) removed at exit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from procdesk.demo.environment import DemoWorld
    from procdesk.tui.context import DashboardContext

ROWS_HELP = "How many synthetic charges to seed (orders: a fifth, issues: a fortieth)."


def demo_context(world: DemoWorld, log_path: Path | None = None) -> DashboardContext:
    """The dashboard over a running demo: workers and the scenario in-process, demo time."""
    from procdesk.cli.dashboard_cmd import background_jobs, in_process_workers
    from procdesk.demo.scenario import ACTOR, DemoScenario
    from procdesk.tui.context import DashboardContext

    workers = in_process_workers(
        world.ledger, world.settings, world.secrets, actor=ACTOR, clock=world.now
    )
    scenario = DemoScenario(world.sandbox, world.ledger, world.home)
    context = DashboardContext(
        ledger=world.ledger,
        settings=world.settings,
        secrets=world.secrets,
        actor=ACTOR,
        now=world.now,
        keymap=dict(world.settings.keys),
        background=[*background_jobs(workers), scenario.run],
        sync_now=workers.sync_now,
        log_path=log_path,
        owns_process=True,
    )
    workers.follow(context)
    return context


@click.command("demo")
@click.option("--rows", default=2_000, show_default=True, type=click.IntRange(0), help=ROWS_HELP)
def demo_command(rows: int) -> None:
    """Sandbox + fresh demo ledger + throwaway keyring + dashboard, workers in-process."""
    from procdesk.cli.dashboard_cmd import log_to_file
    from procdesk.cli.runtime import run
    from procdesk.demo.environment import DemoEnvironment
    from procdesk.tui.app import make_app

    async def go() -> None:
        click.echo(f"procdesk demo: starting the sandbox, seeding {rows:,} charges…", err=True)
        async with DemoEnvironment(rows=rows) as world:
            with log_to_file(world.home / "logs") as log_path:
                await make_app(demo_context(world, log_path)).run_async()

    run(go())
