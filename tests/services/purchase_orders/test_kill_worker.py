"""Exactly once under SIGKILL: a worker process killed at random points while Autotask
answers purchase-order, item and receipt creates with "timeout after effect" still leaves
one PO per order, one item per line and one receipt per serial number or shipment
quantity, as the sandbox's own query endpoints show."""

from __future__ import annotations

import asyncio
import random
import signal
from datetime import timedelta
from pathlib import Path

import pytest

from procdesk.domain.enums import Distributor
from procdesk.domain.purchase_order import PoState
from procdesk.sandbox.autotask.demo_procurement import INGRAM_VENDOR_ID
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.store import purchase_orders as po_store
from procdesk.store.ledger import Ledger
from tests.support.charges import set_faults
from tests.support.purchase_orders import LAPTOP, MONITOR, NAS, AutotaskReader, PoWorld
from tests.support.workers import kill_env, spawn_worker, until_running

ORDERS = 4
SEED = 20261206
KILLS = 12
MAX_FINISHING_RUNS = 40


async def seed(sandbox: SandboxServer, path: Path, secrets: SecretStore) -> list[str]:
    """Orders placed at Ingram, shipped and delivered (the ledger knows the shipments), no
    Autotask PO yet; their Ingram order numbers."""
    ledger = await Ledger.open(path)
    world = PoWorld.build(ledger, sandbox, secrets)
    try:
        await world.actions.set_vendor(Distributor.INGRAM, INGRAM_VENDOR_ID)
        for n in range(ORDERS):
            await world.quote(f"Q-KILL-{n}", [(NAS, 3), (MONITOR, 2), (LAPTOP, 1)])
        await world.procure()
        world.time.advance(timedelta(days=30))
        await world.procure()  # every line shipped in full and delivered
        async with ledger.read() as conn:
            numbers = await world.placed_numbers(conn)
    finally:
        await world.close()
        await ledger.close()
    assert len(numbers) == ORDERS
    return numbers


async def all_received(path: Path) -> bool:
    ledger = await Ledger.open(path)
    try:
        async with ledger.read() as conn:
            links = await po_store.get_many(conn, list(range(1, ORDERS + 1)))
    finally:
        await ledger.close()
    return len(links) == ORDERS and all(link.state is PoState.RECEIVED for link in links.values())


async def test_sigkilled_worker_never_duplicates_a_po_an_item_or_a_receipt(
    sandbox: SandboxServer, tmp_path: Path, secrets: SecretStore
) -> None:
    numbers = await seed(sandbox, tmp_path / "ledger.db", secrets)
    set_faults(
        sandbox,
        "autotask:POST:*/purchaseorders=timeout_after_effect:0.3:5,"
        "autotask:POST:*/items=timeout_after_effect:0.3:5,"
        "autotask:POST:*/receiving=timeout_after_effect:0.3:5",
    )
    # Autotask only: with no Ingram credentials the worker leaves the distributor alone and
    # works on what the ledger already knows of the shipments
    env = kill_env(sandbox, tmp_path, PROCDESK_SYNC__LEASE_S="10")
    rng = random.Random(SEED)
    for _ in range(KILLS):
        proc = await spawn_worker(env, tmp_path)
        await asyncio.wait_for(until_running(proc), timeout=30)
        await asyncio.sleep(rng.uniform(0.05, 1.5))  # somewhere in the middle of its work
        proc.send_signal(signal.SIGKILL)
        assert await proc.wait() == -signal.SIGKILL
    # Then workers that are left to finish (faults still on), until all is received; a
    # killed worker's lease has to run out first.
    for _ in range(MAX_FINISHING_RUNS):
        if await all_received(tmp_path / "ledger.db"):
            break
        proc = await spawn_worker(env, tmp_path, "--once")
        assert await proc.wait() == 0
    else:
        pytest.fail("not every order fully received in Autotask")
    set_faults(sandbox, "")

    world = AutotaskReader(sandbox)
    for number in numbers:
        [po] = world.purchase_orders_for(number)
        assert world.labels("PurchaseOrders")[po["status"]] == "Received Full"
        items = world.items_of(po["id"])
        assert sorted(item["quantity"] for item in items) == [1, 2, 3]
        for item in items:
            receipts = world.receipts_of(item["id"])
            assert sum(r["quantityNowReceiving"] for r in receipts) == item["quantity"]
            serials = [r["serialNumber"] for r in receipts if r["serialNumber"]]
            assert len(serials) == len(set(serials))
