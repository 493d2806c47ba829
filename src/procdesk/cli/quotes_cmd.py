"""`procdesk quotes import FILE | list | show ID`."""

from __future__ import annotations

import sys
from enum import Enum
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
    to_json,
)
from procdesk.domain.enums import QuoteStatus
from procdesk.domain.quote import QuoteDetail, QuoteSummary
from procdesk.domain.text import shown
from procdesk.services.quotes.files import ImportRejected
from procdesk.services.quotes.importer import ImportReport
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
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise BadInput(
            f"{file}: import refused, {len(exc.problems)} problem(s); nothing was imported"
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
    """One quote with its lines, each line's charge and order."""

    async def go() -> QuoteDetail | None:
        async with services(ctx) as svc, svc.ledger.read() as conn:
            return await quote_store.detail(conn, quote_id)

    found = run(go())
    if found is None:
        raise Failed(f"no quote {quote_id!r} in the ledger")
    if as_json:
        emit_json([found])
        return
    header = found.model_dump(exclude={"lines", "ship_to"})
    for key, value in header.items():
        plain = value.value if isinstance(value, Enum) else value
        click.echo(f"{key:>14}: {'' if plain is None else shown(str(plain))}")
    click.echo(f"{'ship_to':>14}: {to_json(found.ship_to.model_dump())}")
    click.echo("")
    emit_table(
        found.lines,
        [
            ("line_number", "LINE"),
            ("sku", "SKU"),
            ("description", "DESCRIPTION"),
            ("distributor", "DISTRIBUTOR"),
            ("quantity", "QTY"),
            ("unit_price", "PRICE"),
            ("charge_id", "CHARGE"),
            ("charge_status", "CHARGE STATUS"),
            ("order_reference", "ORDER"),
            ("order_status", "ORDER STATUS"),
        ],
    )
