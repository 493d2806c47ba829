"""`procdesk issues ...`: the group, and `issues list` (open issues).

Other subcommands register with one line in ISSUES_COMMANDS.
"""

from __future__ import annotations

import click

from procdesk.cli.fixes import fix_command
from procdesk.cli.lazy import LazySubgroup
from procdesk.cli.listing import all_records
from procdesk.cli.runtime import emit_json, emit_table, json_option, run, services
from procdesk.domain.issue import Issue
from procdesk.services.display import issue_subject
from procdesk.store.views import ISSUES, ViewQuery

ISSUES_COMMANDS: dict[str, tuple[str, str]] = {}


@click.group("issues", cls=LazySubgroup, lazy=ISSUES_COMMANDS)
def issues_command() -> None:
    """Open sync problems, each with its hint and the action that fixes it."""


@issues_command.command("list")
@click.option("--wide", is_flag=True, help="Print every column whole (the hint too).")
@json_option
@click.pass_context
def list_(ctx: click.Context, wide: bool, as_json: bool) -> None:
    """Open issues, oldest first, fitted to the terminal's width (--wide: everything)."""

    async def go() -> list[Issue]:
        async with services(ctx) as svc, svc.ledger.read() as conn:
            return await all_records(ISSUES, conn, ViewQuery())

    issues = run(go())
    if as_json:
        emit_json(
            [
                issue.model_dump(include=set(ISSUES.columns)) | {"command": fix_command(issue)}
                for issue in issues
            ]
        )
        return
    rows = [
        {
            "id": issue.id,
            "about": issue_subject(issue),
            "seen": issue.occurrences,
            "title": issue.title,
            "command": fix_command(issue),
            "hint": issue.hint,
        }
        for issue in issues
    ]
    columns = [
        ("id", "ID"),
        ("about", "ABOUT"),
        ("seen", "SEEN"),
        ("title", "PROBLEM"),
        ("command", "FIX"),
    ]
    if wide:
        columns.append(("hint", "WHAT TO DO"))
    emit_table(rows, columns, right=("id", "seen"), fit=("about", "title", "command"), wide=wide)
