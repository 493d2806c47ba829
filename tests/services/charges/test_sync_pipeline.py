"""A cycle keeps Autotask's three request slots busy across its batches: the next batch is
claimed while the last charges of the current one are still on their way."""

from __future__ import annotations

from procdesk.domain.enums import ChargeStatus
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import account_entry
from procdesk.store.ledger import Ledger
from tests.support.charges import (
    HARDWARE_CODE,
    TICKET,
    SyncHarness,
    add_quote,
    line,
    remote_charges,
    sandbox_settings,
    sandbox_state,
    set_faults,
)


async def test_batches_of_two_still_fill_three_request_slots(
    ledger: Ledger, sandbox: SandboxServer, secrets: SecretStore
) -> None:
    creds = DEMO_CREDENTIALS.autotask
    secrets.set(account_entry("autotask", creds.username), "secret", creds.secret)
    harness = SyncHarness(ledger, sandbox_settings(sandbox, batch_size=2), secrets)
    await harness.map("Hardware", HARDWARE_CODE)
    ids = await add_quote(ledger, "Q-1", ticket_id=TICKET, lines=[line(n) for n in range(1, 9)])
    # slow answers: a batch's two requests are still out when the next batch is claimed
    set_faults(sandbox, "autotask:POST:*/Charges=latency:300")
    try:
        report = await harness.loop.run_once()
    finally:
        await harness.close()
    assert report["synced"] == 8
    assert {c.status for c in await harness.charges(ids)} == {ChargeStatus.SYNCED}
    assert len(remote_charges(sandbox)) == 8  # each once
    peaks = sandbox_state(sandbox)["requests"]["max_concurrent_per_endpoint"]
    assert peaks["POST /autotask/atservicesrest/v1.0/tickets/{id}/charges"] == 3, peaks
