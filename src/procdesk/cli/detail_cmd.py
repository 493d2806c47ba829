"""`procdesk charges show ID` and `procdesk orders show ID`: the same detail the dashboard
shows (what it is, where it stands, what went wrong and the fix, history), with the
command that fixes each open issue.

`--json` prints the record itself for scripts (an order: with its Autotask purchase order,
shipments and receipts, as before)."""

from __future__ import annotations

import click

from procdesk.cli.fixes import fix_command
from procdesk.cli.runtime import (
    RECORD_ID,
    Failed,
    emit_json,
    json_option,
    run,
    services,
    to_json,
)
from procdesk.services.dashboard.detail import EntityDetail, load_detail


async def _detail(ctx: click.Context, table: str, row_id: int) -> tuple[EntityDetail, list[str]]:
    async with services(ctx) as svc:
        found = await load_detail(svc.ledger, table, row_id)
        if found is None:
            raise Failed(f"no {table.removesuffix('s')} {row_id} in the ledger")
        fixes = []
        for open_issue in found.issues:
            issue = await svc.issue_actions().get(open_issue.id)
            if issue is not None:
                fixes.append(f"{fix_command(issue)}   (issue #{issue.id})")
        return found, fixes


@click.command("show")
@click.argument("charge_id", type=RECORD_ID)
@json_option
@click.pass_context
def charge_show_command(ctx: click.Context, charge_id: int, as_json: bool) -> None:
    """One charge: what it is, where it stands, what went wrong and the fix, history."""
    found, fixes = run(_detail(ctx, "charges", charge_id))
    if as_json:
        emit_json([found])
        return
    click.echo(found.as_text(fixes))


@click.command("show")
@click.argument("order_id", type=RECORD_ID)
@json_option
@click.pass_context
def order_show_command(ctx: click.Context, order_id: int, as_json: bool) -> None:
    """One order: lines, ship-to, where it stands (here, at the distributor, the Autotask
    purchase order and deliveries), what went wrong and the fix, history."""
    if as_json:
        from procdesk.cli.order_po_cmd import po_view

        click.echo(to_json(po_view(ctx, order_id).model_dump(mode="json")))
        return
    found, fixes = run(_detail(ctx, "orders", order_id))
    click.echo(found.as_text(fixes))
