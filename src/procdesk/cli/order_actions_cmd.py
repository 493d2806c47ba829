"""`procdesk orders approve|submit|retry|cancel|merge|availability`: what people do to orders.

Every action is recorded as an event with the person (config `user.name`) as actor.
Exit 1 when any order could not be acted on (each order's result is printed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import click

from procdesk.cli.runtime import (
    CLEAN_TEXT,
    RECORD_ID,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.services.dashboard.availability import AvailabilityError
from procdesk.services.procurement.actions import ActionResult, ProcurementActions
from procdesk.services.procurement.queue import MergeError

if TYPE_CHECKING:
    from procdesk.wiring import Context

ids_argument = click.argument("order_ids", nargs=-1, type=RECORD_ID, required=True)


def _actions(svc: Context) -> ProcurementActions:
    return svc.order_actions()


def _run_each(
    ctx: click.Context,
    action: Callable[[ProcurementActions], Awaitable[list[ActionResult]]],
) -> None:
    async def go() -> list[ActionResult]:
        async with services(ctx) as svc:
            return await action(_actions(svc))

    results = run(go())
    for result in results:
        click.echo(f"order {result.order_id}: {result.message}", err=not result.ok)
    if not all(result.ok for result in results):
        raise Failed(f"{sum(not r.ok for r in results)} of {len(results)} order(s) not changed")


@click.command("approve")
@ids_argument
@click.pass_context
def approve_command(ctx: click.Context, order_ids: Sequence[int]) -> None:
    """Approve orders above the approval threshold; they go to the distributor."""
    _run_each(ctx, lambda actions: actions.approve(order_ids))


@click.command("submit")
@ids_argument
@click.pass_context
def submit_command(ctx: click.Context, order_ids: Sequence[int]) -> None:
    """Send queued orders to their distributor (when auto-submit is off)."""
    _run_each(ctx, lambda actions: actions.submit(order_ids))


@click.command("retry")
@ids_argument
@click.pass_context
def retry_command(ctx: click.Context, order_ids: Sequence[int]) -> None:
    """Try orders in error or stuck in processing again (never placed twice)."""
    _run_each(ctx, lambda actions: actions.retry(order_ids))


@click.command("cancel")
@ids_argument
@click.option(
    "--reason", required=True, type=CLEAN_TEXT, help="Why (kept on the order and its audit trail)."
)
@click.pass_context
def cancel_command(ctx: click.Context, order_ids: Sequence[int], reason: str) -> None:
    """Cancel orders; placed ones are cancelled at the distributor by the worker."""
    _run_each(ctx, lambda actions: actions.cancel(order_ids, reason))


@click.command("merge")
@click.argument("order_ids", nargs=-1, type=RECORD_ID)
@click.pass_context
def merge_command(ctx: click.Context, order_ids: Sequence[int]) -> None:
    """Merge queued orders of one distributor and ship-to into the oldest of them.

    Without ORDER_IDS, list the groups of queued orders that could be merged.
    """

    async def go() -> str:
        async with services(ctx) as svc:
            actions = _actions(svc)
            if not order_ids:
                groups = await actions.merge_candidates()
                if not groups:
                    return "no queued orders share a distributor and ship-to"
                return "\n".join(
                    "procdesk orders merge " + " ".join(map(str, group)) for group in groups
                )
            try:
                return f"merged into order {await actions.merge(order_ids)}"
            except MergeError as exc:
                raise Failed(str(exc)) from None

    click.echo(run(go()))


@click.command("availability")
@click.argument("order_id", type=RECORD_ID)
@click.option("--all", "every", is_flag=True, help="Compare every distributor side by side.")
@json_option
@click.pass_context
def availability_command(ctx: click.Context, order_id: int, every: bool, as_json: bool) -> None:
    """Ask the distributor now: stock and price of each line against the quote."""
    if every:
        from procdesk.cli.order_sourcing_cmd import show_comparison

        show_comparison(ctx, order_id, as_json)
        return

    async def go() -> list[dict[str, object]]:
        async with services(ctx) as svc:
            try:
                report = await svc.check_availability(order_id)
            except AvailabilityError as exc:
                raise Failed(str(exc)) from None
        return [
            {**line.model_dump(mode="json"), "problem": line.problem, "summary": line.summary}
            for line in report.lines
        ]

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [
            ("line_number", "LINE"),
            ("part_number", "PART"),
            ("status", "STATUS"),
            ("available_quantity", "IN STOCK"),
            ("quoted_cost", "QUOTED"),
            ("current_price", "NOW"),
            ("price_change_pct", "CHANGE %"),
            ("problem", "PROBLEM"),
        ],
    )
