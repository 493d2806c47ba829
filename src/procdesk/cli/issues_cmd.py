"""`procdesk issues ...`: the group, and `issues list` (open issues).

Other subcommands register with one line in ISSUES_COMMANDS.
"""

from __future__ import annotations

import click

from procdesk.cli.fixes import fix_command
from procdesk.cli.lazy import LazySubgroup
from procdesk.cli.listing import all_records
from procdesk.cli.runtime import emit_json, emit_table, json_option, run, services
from procdesk.store.views import ISSUES, ViewQuery

ISSUES_COMMANDS: dict[str, tuple[str, str]] = {}


@click.group("issues", cls=LazySubgroup, lazy=ISSUES_COMMANDS)
def issues_command() -> None:
    """Open sync problems, each with its hint and the action that fixes it."""


@issues_command.command("list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """Open issues, oldest first."""

    async def go() -> list[dict[str, object]]:
        async with services(ctx) as svc, svc.ledger.read() as conn:
            issues = await all_records(ISSUES, conn, ViewQuery())
        return [
            issue.model_dump(include=set(ISSUES.columns)) | {"command": fix_command(issue)}
            for issue in issues
        ]

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [
            ("id", "ID"),
            ("kind", "KIND"),
            ("subject_type", "SUBJECT"),
            ("subject_id", "SUBJECT ID"),
            ("occurrences", "SEEN"),
            ("title", "TITLE"),
            ("hint", "FIX"),
        ],
    )
