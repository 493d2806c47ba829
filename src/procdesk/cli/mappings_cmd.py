"""`procdesk mappings list|set|check`: product category -> Autotask billing code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import click

from procdesk.cli.runtime import (
    BadInput,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.errors import CredentialsMissingError, ProviderError
from procdesk.services.autotask_factory import configured_autotask_client
from procdesk.services.context import ServiceContext
from procdesk.services.mappings.billing_codes import MappingService


@asynccontextmanager
async def _autotask(svc: ServiceContext) -> AsyncIterator[AutotaskClient]:
    try:
        client = configured_autotask_client(svc.settings, svc.secrets)
    except CredentialsMissingError as exc:
        raise Failed(exc.message) from None
    try:
        async with client:
            yield client
    except ProviderError as exc:
        raise Failed(f"Autotask: {exc}") from None


def _service(svc: ServiceContext) -> MappingService:
    return MappingService(svc.ledger, actor=svc.actor, clock=svc.now)


@click.group("mappings")
def mappings_command() -> None:
    """Which Autotask billing code (Material Cost Code) each product category uses."""


@mappings_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every category mapping."""

    async def go() -> list[dict[str, Any]]:
        async with services(ctx) as svc:
            return await _service(svc).list_mappings()

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
@click.argument("category")
@click.argument("billing_code_id", type=int)
@click.option("--yes", is_flag=True, help="Cancel the synced charges it invalidates, no prompt.")
@click.pass_context
def set_command(ctx: click.Context, category: str, billing_code_id: int, yes: bool) -> None:
    """Map CATEGORY to BILLING_CODE_ID, checked live against Autotask first."""

    async def go() -> None:
        async with services(ctx) as svc, _autotask(svc) as client:
            service = _service(svc)
            plan = await service.plan(client, category, billing_code_id)
            if not plan.check.ok:
                raise BadInput("; ".join(plan.check.problems))
            cancel = False
            if plan.invalidated:
                click.echo(
                    f"{len(plan.invalidated)} synced charge(s) in {category!r} were sent with "
                    "another billing code:"
                )
                for c in plan.invalidated:
                    click.echo(
                        f"  charge {c['id']}  quote {c['quote_id']}  {c['sku']}  "
                        f"code {c['billing_code_id']}  Autotask id {c['autotask_id']}"
                    )
                cancel = yes or click.confirm(
                    "Cancel them (delete in Autotask, then re-order as needed)?", default=False
                )
            outcome = await service.apply(plan, cancel_invalidated=cancel)
        name = plan.check.info.name if plan.check.info else ""
        click.echo(f"{category} -> {billing_code_id} ({name})")
        for key, label in (
            ("retried", "charges in error sent again"),
            ("cancelled", "charges cancelled"),
            ("requested", "charges to be deleted in Autotask, then cancelled"),
            ("billed", "charges left alone: billed in Autotask"),
            ("flagged", "charges kept, each with a wrong-billing-code issue"),
        ):
            if outcome.get(key):
                click.echo(f"  {label}: {', '.join(map(str, outcome[key]))}")

    run(go())


@mappings_command.command("check")
@json_option
@click.pass_context
def check_command(ctx: click.Context, as_json: bool) -> None:
    """Categories of unsent charges with no usable mapping; exit 1 if any."""

    async def go() -> list[dict[str, Any]]:
        async with services(ctx) as svc, _autotask(svc) as client:
            return [c.model_dump() for c in await _service(svc).check(client)]

    rows = run(go())
    if as_json:
        emit_json(rows)
    elif rows:
        for row in rows:
            click.echo(f"{row['category']}: {'; '.join(row['problems'])}")
    else:
        click.echo("every category waiting to sync has a usable billing code")
    if rows:
        ctx.exit(1)
