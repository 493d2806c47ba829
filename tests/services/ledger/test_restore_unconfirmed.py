"""A restored backup never sends twice what was sent after the backup was taken."""

from __future__ import annotations

from pathlib import Path

from procdesk.domain.enums import ChargeStatus, EntityType
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.services.ledger.lifecycle import backup_ledger, restore_ledger
from procdesk.store import events
from procdesk.store.ledger import Ledger
from procdesk.store.unconfirmed import ACTION
from tests.support.charges import (
    HARDWARE_CODE,
    TICKET,
    SyncHarness,
    add_quote,
    line,
    remote_charges,
    sandbox_settings,
)
from tests.support.keyring_entries import demo_entry


async def _harness(path: Path, sandbox: SandboxServer, secrets: SecretStore) -> SyncHarness:
    harness = SyncHarness(await Ledger.open(path), sandbox_settings(sandbox), secrets)
    await harness.map("Hardware", HARDWARE_CODE)
    return harness


async def _close(harness: SyncHarness) -> None:
    await harness.close()
    await harness.ledger.close()


async def test_charges_synced_after_the_backup_are_adopted_not_created_again(
    tmp_path: Path, sandbox: SandboxServer, secrets: SecretStore
) -> None:
    secrets.set(demo_entry("autotask"), "secret", DEMO_CREDENTIALS.autotask.secret)
    path = tmp_path / "ledger.db"
    harness = await _harness(path, sandbox, secrets)
    ids = await add_quote(harness.ledger, "Q-RST", ticket_id=TICKET, lines=[line(1), line(2)])
    await _close(harness)
    copy = await backup_ledger(str(path), tmp_path / "before-sync.db")

    harness = await _harness(path, sandbox, secrets)
    assert (await harness.loop.run_once())["synced"] == 2  # sent after the backup
    await _close(harness)

    restored = await restore_ledger(str(path), copy.path)
    assert restored.unconfirmed is not None
    assert restored.unconfirmed.charges == 2

    harness = await _harness(path, sandbox, secrets)
    try:
        harness.clock.advance(minutes=5)  # past the settling time of an interrupted send
        report = await harness.loop.run_once()
        rows = await harness.charges(ids)
        async with harness.ledger.read() as conn:
            history = [e.action for e in await events.history(conn, EntityType.CHARGE, ids[0])]
    finally:
        await _close(harness)
    assert report["adopted"] == 2
    assert len(remote_charges(sandbox)) == 2  # not four
    assert {r.status for r in rows} == {ChargeStatus.SYNCED}
    assert ACTION in history
