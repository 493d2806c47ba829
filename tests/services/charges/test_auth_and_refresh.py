"""Rejected credentials pause Autotask work until re-authentication; statuses refresh in
batches of one query each."""

from __future__ import annotations

import pytest

from procdesk.domain.enums import ChargeStatus, CredentialState, IssueAction, IssueKind, Provider
from procdesk.integrations.autotask.credentials import SECRET_FIELD
from procdesk.integrations.errors import AuthenticationError
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.services.auth.autotask import authenticate_autotask
from procdesk.services.charges.refresh import refresh_synced
from procdesk.wiring import autotask_client_for_secret
from tests.support.charges import TICKET, SyncHarness, add_quote, bill, line, sandbox_state
from tests.support.keyring_entries import demo_entry

QUERY_KEY = "POST /autotask/atservicesrest/v1.0/ticketcharges/query"
DEMO = DEMO_CREDENTIALS.autotask


def served(sandbox: SandboxServer) -> int:
    return int(sandbox_state(sandbox)["requests"]["requests_served"])


async def test_rejected_secret_pauses_until_auth_autotask_succeeds(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, "not-the-secret")
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    report = await harness.loop.run_once()
    assert report["paused"] == 1
    credentials = harness.credentials
    assert await credentials.state(Provider.AUTOTASK) is CredentialState.INVALID
    [issue] = await harness.open_issues()
    assert (issue.kind, issue.action) == (
        IssueKind.CREDENTIALS_INVALID,
        IssueAction.REAUTHENTICATE,
    )
    assert "not-the-secret" not in str(issue)
    [row] = await harness.charges([cid])
    assert (row.status, row.lease_owner, row.error_kind) == (
        ChargeStatus.PENDING,
        None,
        None,
    )

    before = served(sandbox)
    assert (await harness.loop.run_once())["paused"] == 1
    assert served(sandbox) == before  # paused: not one request

    with pytest.raises(AuthenticationError):
        await authenticate_autotask(
            harness.settings,
            harness.secrets,
            credentials,
            client_for=autotask_client_for_secret,
            username=DEMO.username,
            integration_code=DEMO.integration_code,
            secret="still-wrong",
        )
    assert (
        harness.secrets.get(demo_entry("autotask"), SECRET_FIELD) == "not-the-secret"
    )  # not stored
    await authenticate_autotask(
        harness.settings,
        harness.secrets,
        credentials,
        client_for=autotask_client_for_secret,
        username=DEMO.username,
        integration_code=DEMO.integration_code,
        secret=DEMO.secret,
    )
    assert await credentials.state(Provider.AUTOTASK) is CredentialState.OK
    assert await harness.open_issues() == []
    harness.clock.advance(minutes=1)  # the refused send has long landed: look, then create
    report = await harness.loop.run_once()
    assert report["synced"] == 1


async def test_status_refresh_is_one_query_per_batch(
    harness: SyncHarness, sandbox: SandboxServer
) -> None:
    ids = await add_quote(
        harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(n) for n in range(1, 26)]
    )
    await harness.loop.run_once()
    rows = await harness.charges(ids)
    bill(sandbox, rows[3].autotask_id)
    client = await harness.client()
    await client.picklist("TicketCharges", "status")  # metadata is read once per client
    before = sandbox_state(sandbox)["requests"]["served_per_endpoint"].get(QUERY_KEY, 0)
    changed = await refresh_synced(
        client, harness.ledger, actor="test", clock=harness.clock, batch=10
    )
    after = sandbox_state(sandbox)["requests"]["served_per_endpoint"][QUERY_KEY]
    assert after - before == 3  # 25 charges in batches of 10
    assert changed == 1
    [billed] = await harness.charges([ids[3]])
    assert billed.is_billed is True


async def test_missing_secret_waits_then_works_once_stored(harness: SyncHarness) -> None:
    harness.secrets.delete(demo_entry("autotask"), SECRET_FIELD)
    [cid] = await add_quote(harness.ledger, "Q-1", ticket_id=TICKET, lines=[line(1)])
    for _ in range(3):
        assert (await harness.loop.run_once())["paused"] == 1
    credentials = harness.credentials
    assert await credentials.state(Provider.AUTOTASK) is CredentialState.MISSING
    [issue] = await harness.open_issues()
    assert (issue.kind, issue.occurrences) == (IssueKind.CREDENTIALS_INVALID, 1)
    harness.secrets.set(demo_entry("autotask"), SECRET_FIELD, DEMO.secret)
    assert (await harness.loop.run_once())["synced"] == 1
    assert await credentials.state(Provider.AUTOTASK) is CredentialState.OK
    assert await harness.open_issues() == []
    [row] = await harness.charges([cid])
    assert row.status == ChargeStatus.SYNCED
