"""`procdesk charges retry|cancel|reorder`: what a billing admin does to charges."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from procdesk.cli.runtime import (
    CLEAN_TEXT,
    RECORD_ID,
    BadInput,
    Failed,
    emit_json,
    json_option,
    run,
    services,
)
from procdesk.domain.enums import IssueKind
from procdesk.domain.remediation import CHARGE_ERROR_KINDS
from procdesk.services.charges.actions import ActionResult, ChargeActions

if TYPE_CHECKING:
    from procdesk.wiring import Context

ids_argument = click.argument("ids", nargs=-1, type=RECORD_ID, metavar="ID...")


def _rows(result: ActionResult, done_as: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"id": i, "outcome": done_as, "new_charge_id": result.created.get(i)} for i in result.done
    ]
    rows += [{"id": i, "outcome": "requested", "new_charge_id": None} for i in result.requested]
    rows += [
        {"id": i, "outcome": "skipped", "reason": why, "new_charge_id": None}
        for i, why in result.skipped.items()
    ]
    return rows


def _report(result: ActionResult, done_as: str, as_json: bool) -> None:
    rows = _rows(result, done_as)
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            extra = row.get("reason") or (
                f"new charge {row['new_charge_id']}" if row["new_charge_id"] else ""
            )
            if row["outcome"] == "requested":
                extra = "the worker deletes it in Autotask, then cancels it"
            click.echo(
                f"charge {row['id']}: {row['outcome']}" + (f" ({extra})" if extra else ""),
                err=row["outcome"] == "skipped",
            )
    if not rows:
        raise Failed("no charge was changed")
    if result.skipped:  # (as `procdesk orders ...` does: a script learns of any charge left)
        raise Failed(f"{len(result.skipped)} of {len(rows)} charge(s) not changed")


def _actions(svc: Context) -> ChargeActions:
    return svc.charge_actions()


@click.command("retry")
@ids_argument
@click.option(
    "--all-errors",
    is_flag=True,
    help="Every charge in error or waiting after failures.",
)
@click.option(
    "--kind",
    type=click.Choice([k.value for k in CHARGE_ERROR_KINDS]),
    help="With --all-errors: only charges in error for this cause.",
)
@json_option
@click.pass_context
def retry_command(
    ctx: click.Context, ids: tuple[int, ...], all_errors: bool, kind: str | None, as_json: bool
) -> None:
    """Send charges again: errors go back to pending, postponed ones are due now."""
    if bool(ids) == all_errors:
        raise BadInput("give charge IDs or --all-errors (not both)")
    if kind and not all_errors:
        raise BadInput("--kind goes with --all-errors")

    async def go() -> ActionResult:
        async with services(ctx) as svc:
            return await _actions(svc).retry(
                ids, all_errors=all_errors, kind=IssueKind(kind) if kind else None
            )

    _report(run(go()), "retrying", as_json)


@click.command("cancel")
@ids_argument
@click.option(
    "--reason", required=True, type=CLEAN_TEXT, help="Why (kept with the charge and in the log)."
)
@json_option
@click.pass_context
def cancel_command(ctx: click.Context, ids: tuple[int, ...], reason: str, as_json: bool) -> None:
    """Cancel charges; synced ones are deleted in Autotask first (never billed ones)."""
    if not ids:
        raise BadInput("give at least one charge ID")
    if not reason.strip():
        raise BadInput("--reason must not be empty")

    async def go() -> ActionResult:
        async with services(ctx) as svc:
            return await _actions(svc).cancel(ids, note=reason.strip())

    _report(run(go()), "cancelled", as_json)


@click.command("reorder")
@ids_argument
@json_option
@click.pass_context
def reorder_command(ctx: click.Context, ids: tuple[int, ...], as_json: bool) -> None:
    """Make a fresh pending charge for each cancelled charge's quote line."""
    if not ids:
        raise BadInput("give at least one charge ID")

    async def go() -> ActionResult:
        async with services(ctx) as svc:
            return await _actions(svc).reorder(ids)

    _report(run(go()), "re-ordered", as_json)
