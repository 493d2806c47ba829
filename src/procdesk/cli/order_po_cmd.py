"""`procdesk orders receive|link-po|skip-line|po-retry`: an order's Autotask side.

`po_view` (what `orders show --json` prints) holds the order's lines with shipped/received
counts, its Autotask purchase order, the shipments (tracking, dates, serial numbers) and the
receipts recorded in Autotask. The commands act through the same exactly-once path as the worker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import click

from procdesk.cli.runtime import (
    COUNT,
    RECORD_ID,
    BadInput,
    Failed,
    emit_table,
    json_option,
    run,
    services,
    to_json,
)
from procdesk.services.purchase_orders.actions import PurchaseOrderActions
from procdesk.services.purchase_orders.errors import (
    AutotaskUnavailableError,
    OrderNotFoundError,
    PoActionError,
    ReceivingRefusedError,
)
from procdesk.services.purchase_orders.views import OrderPoView

if TYPE_CHECKING:
    from procdesk.wiring import Context


def _act(
    ctx: click.Context, action: Callable[[PurchaseOrderActions], Awaitable[OrderPoView]]
) -> OrderPoView:
    async def go() -> OrderPoView:
        svc: Context
        async with services(ctx) as svc:
            return await action(svc.purchase_order_actions())

    try:
        return run(go())
    except (AutotaskUnavailableError, ReceivingRefusedError, OrderNotFoundError) as exc:
        raise Failed(str(exc)) from None
    except PoActionError as exc:
        raise BadInput(str(exc)) from None


def print_view(view: OrderPoView) -> None:
    po = view.purchase_order
    shipped, received, ordered = view.counts
    theirs = view.distributor_order_id or "-"
    click.echo(f"order {view.order_id}  {view.reference}  distributor order {theirs}")
    if po is None or po.autotask_po_id is None:
        state = po.state.value if po else "not started"
        click.echo(f"Autotask purchase order: none yet ({state})")
    else:
        how = ", linked by hand" if po.linked_by_hand else ""
        click.echo(
            f"Autotask purchase order {po.po_number or po.autotask_po_id} "
            f"(id {po.autotask_po_id}{how}): {po.autotask_status or po.state.value}"
        )
    if po is not None and po.last_error and po.next_attempt_at is None:
        click.echo(f"waiting on a person: {po.last_error}")
    click.echo(f"{shipped}/{ordered} shipped, {received}/{ordered} received")
    click.echo("")
    emit_table(
        view.lines,
        [
            ("line_number", "LINE"),
            ("sku", "SKU"),
            ("quantity", "QTY"),
            ("shipped", "SHIPPED"),
            ("received", "RECEIVED"),
            ("backordered", "BACKORDER"),
            ("backorder_eta", "ETA"),
            ("charge_id", "CHARGE"),
            ("charge_status", "AUTOTASK STATUS"),
        ],
    )
    if view.shipments:
        click.echo("")
        emit_table(
            view.shipments,
            [
                ("line_number", "LINE"),
                ("quantity", "QTY"),
                ("carrier", "CARRIER"),
                ("tracking_number", "TRACKING"),
                ("shipped_on", "SHIPPED"),
                ("delivered_on", "DELIVERED"),
                ("serial_numbers", "SERIALS"),
                ("tracking_url", "LINK"),
            ],
        )
    if view.receipts:
        click.echo("")
        emit_table(
            view.receipts,
            [
                ("line_number", "LINE"),
                ("shipment_id", "SHIPMENT"),
                ("quantity", "QTY"),
                ("serial_number", "SERIAL"),
                ("received_on", "RECEIVED"),
                ("autotask_receipt_id", "AUTOTASK RECEIPT"),
            ],
        )


def _output(view: OrderPoView, as_json: bool) -> None:
    if as_json:
        click.echo(to_json(view.model_dump(mode="json")))
    else:
        print_view(view)


def po_view(ctx: click.Context, order_id: int) -> OrderPoView:
    """An order's lines, Autotask purchase order, shipments, receipts and serials (what
    `orders show --json` prints)."""
    return _act(ctx, lambda actions: actions.view(order_id))


@click.command("receive")
@click.argument("order_id", type=RECORD_ID)
@click.option("--line", "line_number", type=COUNT, required=True, help="The order line.")
@click.option("--qty", "quantity", type=COUNT, required=True, help="Units that arrived.")
@click.option("--serial", "serials", multiple=True, help="A serial number (one per unit).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@click.pass_context
def receive_command(
    ctx: click.Context,
    order_id: int,
    line_number: int,
    quantity: int,
    serials: Sequence[str],
    yes: bool,
    as_json: bool,
) -> None:
    """Receive goods that came without distributor data, in Autotask (exactly once)."""
    if not yes and not as_json:
        what = f"{quantity} unit(s) of line {line_number} of order {order_id}"
        click.confirm(f"Record {what} as received in Autotask?", abort=True)
    view = _act(
        ctx, lambda actions: actions.receive_by_hand(order_id, line_number, quantity, list(serials))
    )
    _output(view, as_json)


@click.command("link-po")
@click.argument("order_id", type=RECORD_ID)
@click.argument("po_id", type=RECORD_ID)
@json_option
@click.pass_context
def link_po_command(ctx: click.Context, order_id: int, po_id: int, as_json: bool) -> None:
    """Use the Autotask purchase order PO_ID for an order placed outside procdesk."""
    _output(_act(ctx, lambda actions: actions.link_purchase_order(order_id, po_id)), as_json)


@click.command("skip-line")
@click.argument("order_id", type=RECORD_ID)
@click.option("--line", "line_number", type=COUNT, required=True, help="The order line.")
@json_option
@click.pass_context
def skip_line_command(ctx: click.Context, order_id: int, line_number: int, as_json: bool) -> None:
    """Leave a line out of the Autotask purchase order (e.g. fulfilled by hand there)."""
    _output(_act(ctx, lambda actions: actions.skip_line(order_id, line_number)), as_json)


@click.command("po-retry")
@click.argument("order_id", type=RECORD_ID)
@json_option
@click.pass_context
def po_retry_command(ctx: click.Context, order_id: int, as_json: bool) -> None:
    """Do the order's Autotask work now (after fixing what its issue names)."""
    _output(_act(ctx, lambda actions: actions.retry(order_id)), as_json)
