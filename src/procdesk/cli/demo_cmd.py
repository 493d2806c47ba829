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
    from procdesk.tui.app import ProcdeskApp

ROWS_HELP = "How many synthetic charges to seed (orders: a fifth, issues: a fortieth)."


def demo_app(world: DemoWorld, log_path: Path | None = None) -> ProcdeskApp:
    """The dashboard over a running demo: workers and the scenario in-process, demo time."""
    from procdesk.demo.scenario import DemoScenario
    from procdesk.tui.app import make_app
    from procdesk.tui.options import DashboardOptions

    workers = world.context.background_worker()
    scenario = DemoScenario(world.sandbox, world.ledger, world.home)
    options = DashboardOptions(
        keymap=dict(world.settings.keys),
        background=[workers.run, scenario.run],
        sync_now=workers.sync_now,
        log_path=log_path,
        owns_process=True,
    )
    return make_app(world.context, options)


@click.command("demo")
@click.option("--rows", default=2_000, show_default=True, type=click.IntRange(0), help=ROWS_HELP)
def demo_command(rows: int) -> None:
    """Sandbox + fresh demo ledger + throwaway keyring + dashboard, workers in-process."""
    from procdesk.cli.dashboard_cmd import log_to_file
    from procdesk.cli.runtime import run
    from procdesk.demo.environment import DemoEnvironment

    async def go() -> None:
        click.echo(f"procdesk demo: starting the sandbox, seeding {rows:,} charges…", err=True)
        async with DemoEnvironment(rows=rows) as world:
            with log_to_file(world.home / "logs") as log_path:
                await demo_app(world, log_path).run_async()

    run(go())
