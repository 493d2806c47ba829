"""`procdesk quotes import FILE | list | show ID`."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click

from procdesk.cli.import_progress import TerminalProgress
from procdesk.cli.runtime import (
    BadInput,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.domain.enums import QuoteStatus
from procdesk.domain.quote import QuoteDetail, QuoteSummary
from procdesk.domain.text import shown
from procdesk.services.dashboard.quote_view import QuoteView, load_quote_view
from procdesk.services.display import (
    address_lines,
    amount,
    local_time,
    money,
    provider_name,
    quantity,
    ticket_text,
    words,
)
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.report import ImportReport
from procdesk.store import quotes as quote_store


@click.group("quotes")
def quotes_command() -> None:
    """Import quotes and look at them."""


@quotes_command.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@json_option
@click.pass_context
def import_(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Import a JSON or CSV quote file: every quote, or none (all problems are listed)."""

    async def go(progress: TerminalProgress) -> ImportReport:
        async with services(ctx) as svc:
            return await svc.quote_importer().import_file(file, progress)

    try:
        with TerminalProgress(sys.stderr) as progress:
            report = run(go(progress))
    except ImportRejected as exc:
        for problem in exc.problems:  # (a problem quotes the file: keys, values, its name)
            click.echo(shown(str(problem)), err=True)
        raise BadInput(
            f"{shown(str(file))}: import refused, {len(exc.problems)} problem(s); "
            "nothing was imported"
        ) from None
    rows = [
        {"quote_id": o.quote_id, "result": o.result, "status": o.status, "changes": o.changes}
        for o in report.outcomes
    ]
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [("quote_id", "QUOTE"), ("result", "RESULT"), ("status", "STATUS"), ("changes", "CHANGES")],
    )
    click.echo(
        f"{report.count('created')} created, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged"
    )


@quotes_command.command("list")
@click.option(
    "--status", type=click.Choice([s.value for s in QuoteStatus]), help="Only this status."
)
@json_option
@click.pass_context
def list_(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """Imported quotes, most recently changed first."""

    async def go() -> list[QuoteSummary]:
        async with services(ctx) as svc, svc.ledger.read() as conn:
            return await quote_store.list_summaries(
                conn, status=QuoteStatus(status) if status else None
            )

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [
            ("id", "QUOTE"),
            ("status", "STATUS"),
            ("company_name", "COMPANY"),
            ("title", "TITLE"),
            ("ticket_number", "TICKET"),
            ("line_count", "LINES"),
            ("pending_charges", "PENDING"),
            ("updated_at", "UPDATED"),
        ],
    )


@quotes_command.command("show")
@click.argument("quote_id")
@json_option
@click.pass_context
def show(ctx: click.Context, quote_id: str, as_json: bool) -> None:
    """One quote: its header, ship-to address, and every line with its charge and order."""

    async def go() -> QuoteView | None:
        async with services(ctx) as svc:
            return await load_quote_view(svc.ledger, quote_id)

    if as_json:

        async def detail() -> QuoteDetail | None:
            async with services(ctx) as svc, svc.ledger.read() as conn:
                return await quote_store.detail(conn, quote_id)

        if (found := run(detail())) is None:
            raise Failed(f"no quote {quote_id!r} in the ledger")
        emit_json([found])
        return
    view = run(go())
    if view is None:
        raise Failed(f"no quote {quote_id!r} in the ledger")
    quote = view.quote
    total = sum((line.amount for line in view.lines), Decimal(0))
    header = [
        ("Quote", f"{shown(quote.id)} — {shown(quote.title)}"),
        ("Company", shown(quote.company_name)),
        ("Ticket", ticket_text(quote.ticket_number, quote.ticket_id)),
        ("Status", words(quote.status)),
        ("Total", f"{amount(total, quote.currency)} over {len(view.lines)} lines"),
        ("Updated", local_time(quote.updated_at)),
    ]
    for label, value in header:
        click.echo(f"{label:<9} {value}")
    ship_to = address_lines(quote.ship_to)
    click.echo(f"{'Ship to':<9} {shown(ship_to[0])}")
    for line in ship_to[1:]:
        click.echo(f"{'':<9} {shown(line)}")
    click.echo("")
    emit_table(
        [
            {
                "line": v.line.line_number,
                "sku": v.line.sku,
                "description": v.line.description,
                "distributor": provider_name(v.line.distributor),
                "quantity": quantity(v.line.quantity),
                "price": money(v.line.unit_price),
                "amount": money(v.amount),
                "charge": f"{v.charge.id} {words(v.charge.status)}" if v.charge else "",
                "autotask": (v.charge.autotask_id if v.charge else None),
                "order": (
                    f"{v.order.id} {v.order.reference} {words(v.order.status)}" if v.order else ""
                ),
                "theirs": v.order.distributor_order_id if v.order else None,
                "delivery": v.delivery.text if v.delivery else "",
            }
            for v in view.lines
        ],
        [
            ("line", "LINE"),
            ("sku", "SKU"),
            ("description", "DESCRIPTION"),
            ("distributor", "DISTRIBUTOR"),
            ("quantity", "QTY"),
            ("price", "PRICE"),
            ("amount", "AMOUNT"),
            ("charge", "CHARGE"),
            ("autotask", "AUTOTASK"),
            ("order", "ORDER"),
            ("theirs", "THEIR ORDER"),
            ("delivery", "PO / DELIVERY"),
        ],
        right=("line", "quantity", "price", "amount"),
    )
