"""`procdesk orders availability ID --all | switch LINE DISTRIBUTOR | substitute LINE PART`:
compare an order's parts at every distributor and move lines where they are served better.

LINE is an order line id (the `LINE ID` column of `orders availability --all`).
"""

from __future__ import annotations

from decimal import Decimal

import click

from procdesk.cli.runtime import (
    CLEAN_TEXT,
    COUNT,
    RECORD_ID,
    BadInput,
    Failed,
    emit_json,
    emit_table,
    run,
    services,
)
from procdesk.domain.enums import Distributor
from procdesk.services.procurement.comparison import (
    COMPARED,
    ComparisonError,
    LineComparison,
    OrderComparison,
)
from procdesk.services.procurement.line_moves import LineMoveRefused

COMPARISON_COLUMNS = [
    ("order_line_id", "LINE ID"),
    ("line", "LINE"),
    ("part", "MFR PART"),
    ("qty", "QTY"),
    ("distributor", "DISTRIBUTOR"),
    ("their_part", "THEIR PART"),
    ("status", "STATUS"),
    ("price", "PRICE"),
    ("change_pct", "CHANGE %"),
    ("in_stock", "IN STOCK"),
    ("warehouses", "WAREHOUSES"),
    ("eta", "ETA"),
    ("note", "NOTE"),
]


def _rows(line: LineComparison) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for offer in line.offers:
        marks = []
        if offer.distributor is line.current:
            marks.append("on order")
        if offer.distributor is line.proposed and line.proposed is not line.current:
            marks.append("preferred")
        rows.append(
            {
                "order_line_id": line.order_line_id,
                "line": line.line_number,
                "part": line.manufacturer_part,
                "qty": line.quantity,
                "distributor": offer.distributor.value,
                "their_part": offer.part_number or "",
                "status": offer.label,
                "price": offer.price,
                "change_pct": offer.change_pct,
                "in_stock": offer.in_stock,
                "warehouses": ", ".join(
                    f"{w.warehouse}: {w.quantity}" for w in offer.warehouses if w.quantity
                ),
                "eta": offer.eta,
                "note": "; ".join(marks + ([line.advice] if line.advice and marks else [])),
            }
        )
    return rows


def show_comparison(ctx: click.Context, order_id: int, as_json: bool) -> None:
    async def go() -> OrderComparison:
        async with services(ctx) as svc, svc.comparison() as comparison:
            try:
                return await comparison.compare(order_id)
            except ComparisonError as exc:
                raise Failed(str(exc)) from None

    result = run(go())
    if not as_json:
        emit_table([row for line in result.lines for row in _rows(line)], COMPARISON_COLUMNS)
    for distributor, error in result.errors.items():  # (with --json too: stderr is for this)
        click.echo(f"{distributor.value}: {error}", err=True)
    if len(result.errors) == len(result.compared):
        raise Failed("no distributor could be asked")
    if as_json:
        emit_json([line.model_dump(mode="json") | {"advice": line.advice} for line in result.lines])


distributor_choice = click.Choice([d.value for d in COMPARED])


@click.command("switch")
@click.argument("order_line_id", type=RECORD_ID)
@click.argument("distributor", type=distributor_choice)
@click.option("--qty", type=COUNT, help="Move only this many (split the line).")
@click.option(
    "--reason", default="", type=CLEAN_TEXT, help="Why (default: what the distributor has)."
)
@click.pass_context
def switch_command(
    ctx: click.Context, order_line_id: int, distributor: str, qty: int | None, reason: str
) -> None:
    """Move an order line (or --qty of it) to another distributor's queued order."""
    if qty is not None and qty < 1:
        raise BadInput("--qty must be at least 1")

    async def go() -> str:
        async with services(ctx) as svc:
            try:
                moved = await svc.line_moves().switch(
                    order_line_id,
                    Distributor(distributor),
                    reason=reason,
                    quantity=Decimal(qty) if qty is not None else None,
                )
            except LineMoveRefused as exc:
                raise Failed(str(exc)) from None
        return moved.message

    click.echo(run(go()))


@click.command("substitute")
@click.argument("order_line_id", type=RECORD_ID)
@click.argument("part", type=CLEAN_TEXT)
@click.option(
    "--reason", required=True, type=CLEAN_TEXT, help="Why another part (kept on the audit trail)."
)
@click.pass_context
def substitute_command(ctx: click.Context, order_line_id: int, part: str, reason: str) -> None:
    """Order another manufacturer part on a line not yet placed (the charge follows
    while it is not in Autotask)."""
    if not reason.strip():
        raise BadInput("--reason must say why")

    async def go() -> str:
        async with services(ctx) as svc:
            try:
                done = await svc.line_moves().substitute(order_line_id, part, reason=reason)
            except LineMoveRefused as exc:
                raise Failed(str(exc)) from None
        return done.message

    click.echo(run(go()))
