"""`procdesk orders ...`: the group, and `orders list`.

Other subcommands register with one line in ORDERS_COMMANDS.
"""

from __future__ import annotations

from typing import Any

import click

from procdesk.cli.lazy import LazySubgroup
from procdesk.cli.listing import all_rows, readable
from procdesk.cli.runtime import emit_json, emit_table, json_option, run, services
from procdesk.domain.enums import Distributor, OrderStatus
from procdesk.domain.remediation import explain_not_queued
from procdesk.store import quotes as quote_store
from procdesk.store.views import ORDERS, ViewQuery

ORDERS_COMMANDS: dict[str, tuple[str, str]] = {
    "approve": ("procdesk.cli.order_actions_cmd:approve_command", "Approve orders."),
    "submit": ("procdesk.cli.order_actions_cmd:submit_command", "Send queued orders."),
    "retry": ("procdesk.cli.order_actions_cmd:retry_command", "Try failed/stuck orders again."),
    "cancel": ("procdesk.cli.order_actions_cmd:cancel_command", "Cancel orders."),
    "merge": ("procdesk.cli.order_actions_cmd:merge_command", "Merge queued orders."),
    "availability": ("procdesk.cli.order_actions_cmd:availability_command", "Stock and price now."),
    "show": ("procdesk.cli.detail_cmd:order_show_command", "One order in full, PO included."),
    "receive": ("procdesk.cli.order_po_cmd:receive_command", "Receive goods by hand."),
    "link-po": ("procdesk.cli.order_po_cmd:link_po_command", "Use an existing Autotask PO."),
    "skip-line": ("procdesk.cli.order_po_cmd:skip_line_command", "Leave a line out of the PO."),
    "po-retry": ("procdesk.cli.order_po_cmd:po_retry_command", "Do the Autotask work now."),
    "switch": ("procdesk.cli.order_sourcing_cmd:switch_command", "Move a line to a distributor."),
    "substitute": ("procdesk.cli.order_sourcing_cmd:substitute_command", "Order another part."),
}

ORDER_COLUMNS = [
    ("id", "ID"),
    ("status", "STATUS"),
    ("distributor", "DISTRIBUTOR"),
    ("reference", "REFERENCE"),
    ("quote_id", "QUOTE"),
    ("company_name", "COMPANY"),
    ("total_value", "VALUE"),
    ("distributor_order_id", "THEIR ORDER"),
    ("error_kind", "ERROR"),
]
NOT_QUEUED_COLUMNS = [
    ("quote_id", "QUOTE"),
    ("line_number", "LINE"),
    ("sku", "SKU"),
    ("distributor", "DISTRIBUTOR"),
    ("reason", "WHY NOT QUEUED"),
]


@click.group("orders", cls=LazySubgroup, lazy=ORDERS_COMMANDS)
def orders_command() -> None:
    """Distributor orders: the procurement queue (Ingram Micro, TD SYNNEX)."""


def _reason(distributor: Distributor) -> str:
    if distributor.supports_ordering:
        return "Not queued: the quote line was never added to an order."
    return explain_not_queued(distributor)


async def _not_queued(conn: Any) -> list[dict[str, Any]]:
    rows = await quote_store.lines_not_queued(conn)
    return [row.model_dump() | {"reason": _reason(row.distributor)} for row in rows]


@orders_command.command("list")
@click.option(
    "--status", type=click.Choice([s.value for s in OrderStatus]), help="Only this status."
)
@click.option(
    "--not-queued",
    is_flag=True,
    help="List the accepted quote lines that never entered the queue, and why.",
)
@json_option
@click.pass_context
def list_(ctx: click.Context, status: str | None, not_queued: bool, as_json: bool) -> None:
    """Orders, oldest first; the footer counts quote lines that never entered the queue."""

    async def go() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        query = ViewQuery(statuses=(status,) if status else ())
        async with services(ctx) as svc, svc.ledger.read() as conn:
            missing = await _not_queued(conn)
            return ([] if not_queued else await all_rows(ORDERS, conn, query)), missing

    rows, missing = run(go())
    if as_json:
        emit_json(missing if not_queued else rows)
        return
    if not_queued:
        emit_table(missing, NOT_QUEUED_COLUMNS)
        return
    emit_table(
        readable(rows, money=("total_value",), codes=("error_kind", "status")),
        ORDER_COLUMNS,
        right=("id", "total_value"),
    )
    if missing:
        click.echo("")
        click.echo(
            f"{len(missing)} accepted quote line(s) not in the queue "
            "(procdesk orders list --not-queued):"
        )
        emit_table(missing, NOT_QUEUED_COLUMNS)
