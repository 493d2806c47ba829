"""`procdesk mappings list|set|check`: product category -> Autotask billing code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import click

from procdesk.cli.runtime import (
    CLEAN_TEXT,
    RECORD_ID,
    BadInput,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.cli.vendors_cmd import vendors_command
from procdesk.domain.mapping import CategoryBillingCode
from procdesk.services.mappings.billing_codes import AutotaskUnreachableError
from procdesk.services.mappings.categories import invalidated_lines, outcome_lines


@asynccontextmanager
async def _autotask_errors() -> AsyncIterator[None]:
    try:
        yield
    except AutotaskUnreachableError as exc:
        raise Failed(str(exc)) from None


@click.group("mappings")
def mappings_command() -> None:
    """Which Autotask billing code (Material Cost Code) each product category uses."""


mappings_command.add_command(vendors_command)


@mappings_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every category mapping."""

    async def go() -> list[CategoryBillingCode]:
        async with services(ctx) as svc:
            return await svc.mappings().list_mappings()

    rows = run(go())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [
            ("category", "CATEGORY"),
            ("billing_code_id", "BILLING CODE"),
            ("billing_code_name", "NAME"),
            ("updated_by", "BY"),
            ("updated_at", "UPDATED"),
        ],
    )


@mappings_command.command("set")
@click.argument("category", type=CLEAN_TEXT)
@click.argument("billing_code_id", type=RECORD_ID)
@click.option("--yes", is_flag=True, help="Cancel the synced charges it invalidates, no prompt.")
@click.pass_context
def set_command(ctx: click.Context, category: str, billing_code_id: int, yes: bool) -> None:
    """Map CATEGORY to BILLING_CODE_ID, checked live against Autotask first."""

    async def go() -> None:
        async with services(ctx) as svc, _autotask_errors():
            service = svc.mappings()
            plan = await service.plan(category, billing_code_id)
            if not plan.check.ok:
                raise BadInput("; ".join(plan.check.problems))
            cancel = False
            if plan.invalidated:
                click.echo(
                    f"{len(plan.invalidated)} synced charge(s) in {category!r} were sent with "
                    "another billing code:"
                )
                for text in invalidated_lines(plan):
                    click.echo(f"  {text}")
                cancel = yes or click.confirm(
                    "Cancel them (delete in Autotask, then re-order as needed)?", default=False
                )
            outcome = await service.apply(plan, cancel_invalidated=cancel)
        name = plan.check.info.name if plan.check.info else ""
        click.echo(f"{category} -> {billing_code_id} ({name})")
        for text in outcome_lines(outcome):
            click.echo(f"  {text}")

    run(go())


@mappings_command.command("check")
@json_option
@click.pass_context
def check_command(ctx: click.Context, as_json: bool) -> None:
    """Categories of unsent charges with no usable mapping; exit 1 if any."""

    async def go() -> list[dict[str, Any]]:
        async with services(ctx) as svc, _autotask_errors():
            return [c.model_dump() for c in await svc.mappings().check()]

    rows = run(go())
    if as_json:
        emit_json(rows)
    elif rows:
        for row in rows:
            if row["override_charges"]:
                click.echo(
                    f"{row['category']}: billing_code_override {row['billing_code_id']} on "
                    f"{row['override_charges']} quote line(s): {'; '.join(row['problems'])}"
                    " (fix the quote lines and import them again)"
                )
            else:
                click.echo(f"{row['category']}: {'; '.join(row['problems'])}")
        usable = rows[0]["usable"]
        if usable:
            click.echo("Material Cost Codes available (`procdesk mappings set CATEGORY ID`):")
            for code in usable:
                click.echo(f"  {code['id']}  {code['name']}")
        else:
            click.echo("Autotask has no active Material Cost Code to map to: add one first.")
    else:
        click.echo("every category waiting to sync has a usable billing code")
    if rows:
        ctx.exit(1)
