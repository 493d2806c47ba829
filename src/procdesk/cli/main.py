"""The `procdesk` command. Subcommands are imported only when invoked, so `--help` is fast.

Register a subcommand by adding one line to COMMANDS: name -> "module:attribute" of a
click command or group. Nothing heavy (textual, sqlalchemy, httpx) is imported here.
"""

from __future__ import annotations

import importlib
import sys

import click

from procdesk import __version__
from procdesk.cli.process import prepare_process

# name -> (import path, one-line help shown by `procdesk --help` without importing it)
COMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": (
        "procdesk.cli.sandbox_cmd:sandbox_command",
        "Run the local Autotask/Ingram/TD SYNNEX emulator.",
    ),
    "config": ("procdesk.cli.config_cmd:config_command", "Show and change the configuration."),
    "quotes": ("procdesk.cli.quotes_cmd:quotes_command", "Import quotes (JSON/CSV), list, show."),
    "charges": ("procdesk.cli.charges_cmd:charges_command", "Autotask ticket charges."),
    "orders": ("procdesk.cli.orders_cmd:orders_command", "Distributor orders (procurement queue)."),
    "issues": ("procdesk.cli.issues_cmd:issues_command", "Open sync issues and their fixes."),
    "doctor": ("procdesk.cli.doctor_cmd:doctor_command", "Check config, ledger, keyring, logins."),
    "ledger": ("procdesk.cli.ledger_cmd:ledger_command", "Back up, restore, migrate the ledger."),
    "mappings": ("procdesk.cli.mappings_cmd:mappings_command", "Category billing codes."),
    "worker": ("procdesk.cli.worker_cmd:worker_command", "Run the sync workers headless."),
    "auth": ("procdesk.cli.auth_cmd:auth_command", "Credential state; (re-)authenticate."),
    "dashboard": (
        "procdesk.cli.dashboard_cmd:dashboard_command",
        "The dashboard (also what `procdesk` alone runs).",
    ),
    "demo": (
        "procdesk.cli.demo_cmd:demo_command",
        "The dashboard on a sandbox and a throwaway demo ledger.",
    ),
}


class LazyGroup(click.Group):
    """A click group whose subcommands load on first use (click's documented lazy pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attr = COMMANDS[cmd_name][0].split(":")
            command = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="procdesk")
@click.option(
    "--ledger",
    envvar="PROCDESK_LEDGER",
    metavar="URL",
    help="Ledger database: a SQLite path or a postgresql:// URL (env PROCDESK_LEDGER).",
)
@click.option("--no-workers", is_flag=True, help="Dashboard only: do not run the workers in it.")
@click.pass_context
def cli(ctx: click.Context, ledger: str | None, no_workers: bool) -> None:
    """procdesk: turn accepted quotes into Autotask ticket charges and distributor orders."""
    ctx.ensure_object(dict)
    ctx.obj["ledger"] = ledger
    if ctx.invoked_subcommand is None:  # `procdesk` alone is the dashboard
        dashboard = cli.get_command(ctx, "dashboard")
        if dashboard is not None:
            ctx.invoke(dashboard, no_workers=no_workers)


def main() -> None:
    prepare_process()
    try:
        cli.main(prog_name="procdesk", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
