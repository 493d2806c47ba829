"""`procdesk doctor`: is everything procdesk needs in place?"""

from __future__ import annotations

import click

from procdesk.cli.runtime import emit_json, json_option, ledger_option, run
from procdesk.services.doctor import Level

MARKS = {Level.OK: "ok  ", Level.WARN: "warn", Level.FAIL: "FAIL"}


@click.command("doctor")
@json_option
@click.pass_context
def doctor_command(ctx: click.Context, as_json: bool) -> None:
    """Check config, ledger, keyring and each provider; exit 1 if anything fails."""
    from procdesk.wiring import diagnose

    results = run(diagnose(ledger_url=ledger_option(ctx)))
    if as_json:
        emit_json([{"check": r.name, "level": r.level, "detail": r.detail} for r in results])
    else:
        width = max(len(r.name) for r in results)
        for r in results:
            click.echo(f"[{MARKS[r.level]}] {r.name.ljust(width)}  {r.detail}")
    if any(r.level is Level.FAIL for r in results):
        ctx.exit(1)
