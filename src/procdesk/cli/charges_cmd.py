"""`procdesk charges ...`: the group, and `charges list`.

Other subcommands register with one line in CHARGES_COMMANDS.
"""

from __future__ import annotations

import click

from procdesk.cli.lazy import LazySubgroup
from procdesk.cli.listing import all_rows, readable
from procdesk.cli.runtime import emit_json, emit_table, json_option, run, services
from procdesk.domain.enums import ChargeStatus
from procdesk.store.views import CHARGES, ViewQuery

CHARGES_COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("procdesk.cli.detail_cmd:charge_show_command", "One charge in full."),
    "retry": ("procdesk.cli.charge_actions_cmd:retry_command", "Send charges again."),
    "cancel": ("procdesk.cli.charge_actions_cmd:cancel_command", "Cancel charges (--reason)."),
    "reorder": ("procdesk.cli.charge_actions_cmd:reorder_command", "Re-order cancelled charges."),
}


@click.group("charges", cls=LazySubgroup, lazy=CHARGES_COMMANDS)
def charges_command() -> None:
    """Ticket charges: one per quote line, synced to Autotask."""


@charges_command.command("list")
@click.option(
    "--status", type=click.Choice([s.value for s in ChargeStatus]), help="Only this status."
)
@json_option
@click.pass_context
def list_(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """Charges, oldest first."""

    async def go() -> list[dict[str, object]]:
        query = ViewQuery(statuses=(status,) if status else ())
        async with services(ctx) as svc, svc.ledger.read() as conn:
            return await all_rows(CHARGES, conn, query)

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        readable(rows, money=("billable_amount",), quantities=("quantity",), codes=("error_kind",)),
        [
            ("id", "ID"),
            ("status", "STATUS"),
            ("quote_id", "QUOTE"),
            ("company_name", "COMPANY"),
            ("ticket_number", "TICKET"),
            ("sku", "SKU"),
            ("quantity", "QTY"),
            ("billable_amount", "AMOUNT"),
            ("autotask_id", "AUTOTASK ID"),
            ("error_kind", "ERROR"),
        ],
        right=("id", "quantity", "billable_amount", "autotask_id"),
    )
