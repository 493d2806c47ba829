"""`procdesk demo [--rows N] [--time-lapse N]`: the dashboard on a sandbox and a throwaway
demo ledger.

No account anywhere is needed and nothing of the user's is touched: config, data dir,
ledger and keyring live in a temporary directory (and memory) removed at exit. Before the
dashboard takes the screen the demo guide is printed (the sandbox values to type into the
re-authentication screens, how to reach the demo from another terminal); `g` shows it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from procdesk.demo.environment import DemoWorld
    from procdesk.demo.guide import DemoGuide
    from procdesk.tui.app import ProcdeskApp

ROWS_HELP = "How many synthetic charges to seed (orders: a fifth, issues: a fortieth)."
# Ten times the dashboard benchmark's million: seeding more would take many minutes.
MAX_ROWS = 10_000_000
TIME_LAPSE_HELP = "Run the demo clock this many times faster than real time (1: real time)."


def demo_guide(world: DemoWorld, time_lapse: float = 1.0) -> DemoGuide:
    from procdesk.demo.guide import DemoGuide

    return DemoGuide(home=world.home, sandbox_url=world.sandbox.base_url, time_lapse=time_lapse)


def demo_app(
    world: DemoWorld, log_path: Path | None = None, *, time_lapse: float = 1.0
) -> ProcdeskApp:
    """The dashboard over a running demo: workers and the scenario in-process, demo time."""
    from procdesk.demo.scenario import DemoScenario
    from procdesk.tui.app import make_app
    from procdesk.tui.options import DashboardOptions

    workers = world.context.background_worker()
    scenario = DemoScenario(world.sandbox, time_lapse=time_lapse)
    options = DashboardOptions(
        keymap=dict(world.settings.keys),
        background=[workers.run, scenario.run],
        sync_now=workers.sync_now,
        log_path=log_path,
        owns_process=True,
        guide=demo_guide(world, time_lapse).as_markdown(),
    )
    return make_app(world.context, options)


class TimeLapse(click.FloatRange):
    """A speed-up from 1 to 100,000; click's FloatRange lets nan through (every comparison
    with it is false), which the demo clock cannot run at."""

    def __init__(self) -> None:
        super().__init__(1, 100_000)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        converted = super().convert(value, param, ctx)
        if converted != converted:  # nan
            self.fail(f"{value!r} is not a number; expected a number from 1 to 100000", param, ctx)
        return float(converted)


@click.command("demo")
@click.option(
    "--rows",
    default=2_000,
    show_default=True,
    type=click.IntRange(0, MAX_ROWS),
    help=ROWS_HELP,
)
@click.option(
    "--time-lapse", default=1.0, show_default=True, type=TimeLapse(), help=TIME_LAPSE_HELP
)
def demo_command(rows: int, time_lapse: float) -> None:
    """Sandbox + fresh demo ledger + throwaway keyring + dashboard, workers in-process."""
    from procdesk.cli.dashboard_cmd import log_to_file
    from procdesk.cli.runtime import run
    from procdesk.demo.environment import DemoEnvironment

    async def go() -> None:
        click.echo(f"procdesk demo: starting the sandbox, seeding {rows:,} charges…", err=True)
        async with DemoEnvironment(rows=rows) as world:
            click.echo(demo_guide(world, time_lapse).as_text())
            with log_to_file(world.home / "logs") as log_path:
                await demo_app(world, log_path, time_lapse=time_lapse).run_async()

    run(go())
