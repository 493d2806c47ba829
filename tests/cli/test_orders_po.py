"""`procdesk orders show|receive` and `procdesk mappings vendors` against the sandbox."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from click.testing import Result

from procdesk.domain.enums import Distributor
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from tests.support.cli import json_rows
from tests.support.purchase_orders import NAS, PoWorld

Cli = Callable[..., Awaitable[Result]]


def in_thread(procdesk: Callable[..., Result]) -> Cli:
    """The command line runs its own event loop: run it beside the test's."""

    async def call(*args: str) -> Result:
        return await asyncio.to_thread(procdesk, *args)

    return call


async def configure(procdesk: Cli, world: PoWorld) -> None:
    autotask = world.ctx.settings.autotask
    for key, value in {
        "ledger": world.ledger.engine.url.render_as_string(hide_password=False),
        "autotask.base_url": autotask.base_url,
        "autotask.username": autotask.username,
        "autotask.integration_code": autotask.integration_code,
    }.items():
        assert (await procdesk("config", "set", key, str(value))).exit_code == 0


async def test_vendor_mappings_are_set_checked_and_listed(
    world: PoWorld, procdesk: Callable[..., Result]
) -> None:
    procdesk = in_thread(procdesk)
    await configure(procdesk, world)
    refused = await procdesk("mappings", "vendors", "set", "ingram", "182")
    assert refused.exit_code == 2
    assert "182 is missing, inactive or not a vendor" in refused.stderr
    assert (await procdesk("mappings", "vendors", "check")).exit_code == 1

    done = await procdesk("mappings", "vendors", "set", "ingram", str(INGRAM_VENDOR_ID))
    assert done.exit_code == 0, done.stderr
    assert "Ingram Micro" in done.stdout
    [row] = json_rows(await procdesk("mappings", "vendors", "list", "--json"))
    assert (row["distributor"], row["company_id"]) == ("ingram", INGRAM_VENDOR_ID)
    checked = {
        r["distributor"]: r["ok"]
        for r in json_rows(await procdesk("mappings", "vendors", "check", "--json"))
    }
    assert checked["ingram"] is True
    assert checked["tdsynnex"] is False  # not mapped yet: exit 1 says so


async def test_orders_show_and_receive_by_hand(
    world: PoWorld, procdesk: Callable[..., Result]
) -> None:
    await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
    [order_id] = await world.quote("Q-CLI", [(NAS, 3)])
    await world.procure()
    await world.po_cycle()
    procdesk = in_thread(procdesk)
    await configure(procdesk, world)

    shown = await procdesk("orders", "show", str(order_id))
    assert shown.exit_code == 0, shown.stderr
    assert "Submitted" in shown.stdout
    assert "0/3 shipped, 0/3 received" in shown.stdout

    bad = await procdesk(
        "orders", "receive", str(order_id), "--line", "1", "--qty", "2", "--serial", "A", "--yes"
    )
    assert bad.exit_code == 2
    assert "one per unit" in bad.stderr

    got = await procdesk(
        "orders",
        "receive",
        str(order_id),
        "--line",
        "1",
        "--qty",
        "1",
        "--serial",
        "SN-HAND-1",
        "--yes",
        "--json",
    )
    assert got.exit_code == 0, got.stderr
    view = json.loads(got.stdout)
    assert [r["serial_number"] for r in view["receipts"]] == ["SN-HAND-1"]
    assert view["receipts"][0]["autotask_receipt_id"]
    again = await procdesk("orders", "show", str(order_id))
    assert "1/3 received" in again.stdout
    assert "SN-HAND-1" in again.stdout
