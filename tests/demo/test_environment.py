"""`procdesk demo`: a throwaway world against the sandbox that really syncs, then vanishes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from procdesk.demo.environment import DemoEnvironment, DemoWorld
from procdesk.demo.quotes import DEMO_QUOTES
from procdesk.demo.scenario import DemoScenario
from procdesk.domain.enums import CredentialState, IssueKind, Provider
from procdesk.domain.health import HEALTH_KINDS
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.secrets import MemoryKeyring
from procdesk.store import credentials
from procdesk.store.schema import charges, issues, orders, quotes
from tests.support.demo import demo_workers, past_the_ingram_secret_rotation
from tests.support.purchase_orders import AutotaskReader

DAY = 86_400  # seconds
NAS_PRODUCT = 1008  # Synology DS923+ in the demo's Autotask: Ingram ships it in two parts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "quotes.json"


def test_demo_quotes_are_the_example_file() -> None:
    assert json.loads(EXAMPLES.read_text(encoding="utf-8")) == DEMO_QUOTES


async def test_a_demo_world_is_signed_in_seeded_and_removed_after(
    isolated_home: Path, keyring_backend: MemoryKeyring
) -> None:
    async with DemoEnvironment(rows=300) as world:
        assert os.environ["PROCDESK_HOME"] == str(world.home) != str(isolated_home)
        assert world.settings.autotask.base_url.startswith(world.sandbox.base_url)
        async with world.ledger.read() as conn:
            states = {r.provider: r.state for r in await credentials.list_all(conn)}
            statuses = set((await conn.execute(sa.select(charges.c.status).distinct())).scalars())
            n_orders = (await conn.execute(sa.select(sa.func.count()).select_from(orders))).scalar()
            kinds = set((await conn.execute(sa.select(issues.c.kind).distinct())).scalars())
            imported = set(
                (
                    await conn.execute(sa.select(quotes.c.id).where(quotes.c.id.like("Q-10%")))
                ).scalars()
            )
        assert states == {p.value: CredentialState.OK.value for p in Provider}
        assert statuses == {"pending", "synced", "error", "cancelled"}
        # seeded history + the imported quotes' (the demo's five, and Q-1007 of the stuck story)
        assert n_orders == world.seeded.orders + 7
        # every kind about a record is seeded (a missing billing code is the demo's own
        # story, met by the workers); provider health comes only from the providers'
        # answers, so the signed-in demo opens with no login or outage issue
        assert kinds == {k.value for k in IssueKind} - {k.value for k in HEALTH_KINDS} - {
            IssueKind.MISSING_BILLING_CODE.value
        }
        assert imported == {"Q-1001", "Q-1002", "Q-1003", "Q-1004", "Q-1006", "Q-1007"}
        secret_values = set(world.secrets.backend.values())  # type: ignore[attr-defined]
        assert DEMO_CREDENTIALS.autotask.secret in secret_values
        assert world.home.exists()
        home = world.home
    assert not home.exists()
    assert os.environ["PROCDESK_HOME"] == str(isolated_home)
    assert keyring_backend.values() == []  # the user's keyring (here: the test's) untouched


async def test_the_scenario_runs_the_clock_time_lapse_times_faster() -> None:
    async with DemoEnvironment(rows=0) as world:
        scenario = DemoScenario(world.sandbox, time_lapse=60, tick_s=5)
        before = world.now()
        async with httpx.AsyncClient(base_url=world.sandbox.base_url) as http:
            await scenario.tick(http)
        assert (world.now() - before).total_seconds() >= 5 * 59
        assert DemoScenario(world.sandbox).advance_s == 0  # real time: the clock is left alone


def test_a_time_lapse_below_real_time_is_refused() -> None:
    with pytest.raises(ValueError, match="1 \\(real time\\) or more"):
        DemoScenario(None, time_lapse=0.5)  # type: ignore[arg-type]


async def distributor_number(world: DemoWorld, quote_id: str, distributor: str) -> str:
    """The distributor's order number of the quote's order there."""
    async with world.ledger.read() as conn:
        number = (
            await conn.execute(
                sa.select(orders.c.distributor_order_id).where(
                    orders.c.quote_id == quote_id, orders.c.distributor == distributor
                )
            )
        ).scalar_one()
    assert number, f"{quote_id} is not placed at {distributor}"
    return str(number)


async def test_the_demo_nas_ships_in_two_parts_and_ends_fully_received_in_autotask() -> None:
    async with DemoEnvironment(rows=50) as world:
        reader = AutotaskReader(world.sandbox)
        # the demo starts with a mistyped customer number, and the app's secret is replaced
        # twenty minutes in: this test moves the clock by days
        await past_the_ingram_secret_rotation(world)
        async with demo_workers(world) as cycle:
            await cycle(0)
            await cycle(0)
            number = await distributor_number(world, "Q-1006", "ingram")
            statuses = reader.labels("PurchaseOrders")
            [po] = reader.purchase_orders_for(number)
            assert statuses[po["status"]] == "Submitted"
            [nas] = [i for i in reader.items_of(po["id"]) if i["productID"] == NAS_PRODUCT]
            await cycle(DAY)  # the two in stock ship: received once delivered
            assert reader.receipts_of(nas["id"]) == []
            await cycle(3 * DAY)
            first = reader.receipts_of(nas["id"])
            assert len(first) == 2
            assert all(r["serialNumber"] for r in first)
            [po] = reader.purchase_orders_for(number)
            assert statuses[po["status"]] == "Received Partial"
            await cycle(14 * DAY)  # the backorder ships
            receipts = reader.receipts_of(nas["id"])
            assert len({r["serialNumber"] for r in receipts}) == 3
            [po] = reader.purchase_orders_for(number)
            assert statuses[po["status"]] == "Received Full"


async def test_the_demo_cloud_subscription_is_provisioned_and_received_in_full() -> None:
    """Q-1002's Microsoft 365 seats go through TD SYNNEX ION: once the TD SYNNEX session is
    renewed (the guide's portal token), the order is placed; ION completes it five minutes
    later, and its PO in Autotask ends Received Full with no shipment and no serial."""
    async with DemoEnvironment(rows=50) as world:
        context = world.context
        ion = DEMO_CREDENTIALS.tdsynnex
        done = await context.reauthenticator().reauthenticate(
            context.settings,
            provider=Provider.TDSYNNEX,
            fields={"account_id": ion.account_id},
            secret=ion.portal_refresh_token,
        )
        context.settings = done.settings
        reader = AutotaskReader(world.sandbox)
        async with demo_workers(world) as cycle:
            await cycle(0)
            await cycle(0)
            number = await distributor_number(world, "Q-1002", "tdsynnex")
            statuses = reader.labels("PurchaseOrders")
            [po] = reader.purchase_orders_for(number)
            assert statuses[po["status"]] == "Submitted"
            await cycle(10 * 60)  # ION completes the order
            [po] = reader.purchase_orders_for(number)
            assert statuses[po["status"]] == "Received Full"
            [item] = reader.items_of(po["id"])
            receipts = reader.receipts_of(item["id"])
            assert [(r["quantityNowReceiving"], r["serialNumber"]) for r in receipts] == [
                (item["quantity"], None)
            ]
