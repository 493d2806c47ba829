"""`procdesk config show | path | set KEY VALUE`."""

from __future__ import annotations

import click

from procdesk.cli.runtime import BadInput, emit_json, settings_or_exit, to_json
from procdesk.config import ConfigError, config_file, flatten, set_value, sources


@click.group("config")
def config_command() -> None:
    """Show and change procdesk's configuration (secrets are never stored here)."""


@config_command.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array only.")
def show(as_json: bool) -> None:
    """Effective values and where each came from (default, file or env)."""
    settings = settings_or_exit()
    origin = sources(settings)
    values = flatten(settings)
    rows = [{"key": k, "value": v, "source": origin[k]} for k, v in values.items()]
    if as_json:
        emit_json(rows)
        return
    click.echo(f"# config file: {config_file()}")
    width = max(len(k) for k in values)
    for row in rows:
        value = "" if row["value"] is None else to_json(row["value"])
        click.echo(f"{row['key'].ljust(width)} = {value}  # {row['source']}")


@config_command.command("path")
def path() -> None:
    """Print the config file's path (it may not exist yet)."""
    click.echo(str(config_file()))


@config_command.command("set")
@click.argument("key")
@click.argument("value")
def set_(key: str, value: str) -> None:
    """Set KEY (e.g. procurement.approval_threshold) to VALUE in the config file."""
    try:
        stored = set_value(key, value)
    except ConfigError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"{key} = {to_json(stored)}  (written to {config_file()})")
