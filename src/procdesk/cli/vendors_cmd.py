"""`procdesk mappings vendors list|set|check`: which Autotask vendor company each
distributor is, for its purchase orders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from procdesk.cli.runtime import (
    RECORD_ID,
    BadInput,
    Failed,
    emit_json,
    emit_table,
    json_option,
    run,
    services,
)
from procdesk.domain.enums import Distributor
from procdesk.services.purchase_orders.actions import PurchaseOrderActions
from procdesk.services.purchase_orders.errors import AutotaskUnavailableError, PoActionError

T = TypeVar("T")
ORDERING = [d.value for d in Distributor if d.supports_ordering]


def _act(ctx: click.Context, action: Callable[[PurchaseOrderActions], Awaitable[T]]) -> T:
    async def go() -> T:
        async with services(ctx) as svc:
            return await action(svc.purchase_order_actions())

    try:
        return run(go())
    except AutotaskUnavailableError as exc:
        raise Failed(str(exc)) from None
    except PoActionError as exc:
        raise BadInput(str(exc)) from None


@click.group("vendors")
def vendors_command() -> None:
    """Distributor -> Autotask vendor company (the vendor of its purchase orders)."""


@vendors_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every distributor's vendor mapping."""
    rows = _act(ctx, lambda actions: actions.vendor_mappings())
    if as_json:
        emit_json(rows)
        return
    emit_table(
        rows,
        [
            ("distributor", "DISTRIBUTOR"),
            ("company_id", "COMPANY"),
            ("company_name", "NAME"),
            ("updated_by", "BY"),
            ("updated_at", "UPDATED"),
        ],
    )


@vendors_command.command("set")
@click.argument("distributor", type=click.Choice(ORDERING))
@click.argument("company_id", type=RECORD_ID)
@click.pass_context
def set_command(ctx: click.Context, distributor: str, company_id: int) -> None:
    """Map DISTRIBUTOR to Autotask company COMPANY_ID (checked live: exists, vendor, active)."""
    found = _act(ctx, lambda actions: actions.set_vendor(Distributor(distributor), company_id))
    click.echo(f"{distributor} -> {found.company_id} ({found.company_name or ''})")


@vendors_command.command("check")
@json_option
@click.pass_context
def check_command(ctx: click.Context, as_json: bool) -> None:
    """Check each mapping live in Autotask; exit 1 if any distributor has no usable one."""
    rows = _act(ctx, lambda actions: actions.check_vendors())
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            mark = "ok" if row.ok else "PROBLEM"
            company = "" if row.company_id is None else f" {row.company_name} ({row.company_id})"
            click.echo(f"{row.distributor.value}:{company}: {mark}: {row.message}")
    if not all(row.ok for row in rows):
        ctx.exit(1)
