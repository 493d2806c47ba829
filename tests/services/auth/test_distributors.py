"""Credential failures: invalid customer number, expired tokens, re-authentication, and a
crash between a TD SYNNEX token exchange and storing the rotated token."""

from __future__ import annotations

from datetime import timedelta

import keyring.errors
import pytest

from procdesk.config.distributors import distributor_settings
from procdesk.domain.enums import (
    CredentialState,
    Distributor,
    IssueAction,
    IssueKind,
    OrderStatus,
    Provider,
)
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.secrets import MemoryKeyring, SecretStore
from procdesk.secrets.accounts import account_entry
from procdesk.services.auth.distributors import DistributorReauth, ReauthFailedError
from procdesk.store import credentials
from procdesk.wiring import distributor_client_for_secret
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import (
    LineSpec,
    Procurement,
    portal_refresh_token,
    sandbox_client_factory,
    sandbox_settings,
)

LAPTOP = LineSpec("HP-PROBOOK", "ingram", "1", "899.00", part_number="8YR471")
M365 = LineSpec("M365-BP", "tdsynnex", "5", "22.00", part_number="ms365-bp-p1m")
ION_CUSTOMER = "Northwind Dental Group"


async def credential_state(env: Procurement, provider: Provider) -> str | None:
    async with env.ledger.read() as conn:
        row = await credentials.get(conn, provider)
    return None if row is None else str(row.state)


def reauth(env: Procurement) -> DistributorReauth:
    return DistributorReauth(
        env.ledger,
        env.secrets,
        actor="ana",
        clock=env.time.now,
        client_for=distributor_client_for_secret,
    )


async def test_invalid_customer_number_pauses_ingram_only_and_points_to_credentials(
    procurement: Procurement,
) -> None:
    mismatch = DEMO_CREDENTIALS.ingram
    procurement.secrets.set(
        account_entry("ingram", mismatch.mismatch_client_id),
        "client_secret",
        mismatch.mismatch_client_secret,
    )
    procurement.new_worker(
        sandbox_client_factory(
            procurement.sandbox, procurement.secrets, client_id=mismatch.mismatch_client_id
        )
    )
    [im_order] = await procurement.queue("Q-4001", [LAPTOP])
    [td_order] = await procurement.queue("Q-4002", [M365], company=ION_CUSTOMER)
    report = await procurement.cycle()
    assert report.paused == [Distributor.INGRAM]
    assert (await procurement.order(td_order)).status == OrderStatus.ORDERED
    im = await procurement.order(im_order)
    assert im.status == OrderStatus.PROCESSING  # waits, nothing placed
    assert im.error_kind == IssueKind.INVALID_CUSTOMER_NUMBER
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.INVALID_CUSTOMER_NUMBER
    assert issue.action == IssueAction.EDIT_DISTRIBUTOR_CREDENTIALS
    assert "Invalid customer number" in issue.message
    assert await credential_state(procurement, Provider.INGRAM) == CredentialState.INVALID
    await procurement.cycle()  # still paused: nothing is sent, no second issue
    assert len(await procurement.open_issues()) == 1
    assert procurement.distributor_orders("ingram") == []

    fixed = sandbox_settings(
        procurement.sandbox,
        client_id=mismatch.mismatch_client_id,
        customer_number=mismatch.mismatch_registered_customer_number,
    )
    result = await reauth(procurement).reauthenticate(
        Distributor.INGRAM,
        distributor_settings(fixed, Distributor.INGRAM),
        mismatch.mismatch_client_secret,
    )
    assert result.resumed_orders == 1
    assert await procurement.open_issues() == []
    procurement.new_worker(
        sandbox_client_factory(
            procurement.sandbox,
            procurement.secrets,
            client_id=mismatch.mismatch_client_id,
            customer_number=mismatch.mismatch_registered_customer_number,
        )
    )
    await procurement.cycle()
    assert (await procurement.order(im_order)).status == OrderStatus.ORDERED
    assert len(procurement.distributor_orders("ingram")) == 1


async def test_ingram_token_expiring_mid_run_is_renewed_without_pausing(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-4003", [LAPTOP])
    await procurement.cycle()
    procurement.time.advance(timedelta(hours=25))  # the day-long token has lapsed at Ingram
    report = await procurement.cycle()
    assert report.paused == []
    order = await procurement.order(order_id)
    assert order.status == OrderStatus.SHIPPED
    assert await procurement.open_issues() == []
    tokens = procurement.sandbox_state()["ingram"]["tokens"]
    assert tokens["issued"] == 2


async def test_expired_tdsynnex_refresh_token_pauses_it_until_reauth_then_resumes_once(
    procurement: Procurement,
) -> None:
    [td_order] = await procurement.queue("Q-4004", [M365], company=ION_CUSTOMER)
    [im_order] = await procurement.queue("Q-4005", [LAPTOP])
    await procurement.cycle()  # tokens in hand; nothing due yet at TD SYNNEX beyond this
    assert (await procurement.order(td_order)).status == OrderStatus.ORDERED
    [late_td] = await procurement.queue("Q-4006", [M365], company=ION_CUSTOMER)

    procurement.time.advance(timedelta(days=33))  # access and refresh tokens both lapsed
    report = await procurement.cycle()
    assert report.paused == [Distributor.TDSYNNEX]
    assert (await procurement.order(im_order)).status == OrderStatus.DELIVERED  # others go on
    assert (await procurement.order(late_td)).status == OrderStatus.PROCESSING
    [issue] = await procurement.open_issues()
    assert issue.kind == IssueKind.CREDENTIALS_EXPIRED
    assert issue.action == IssueAction.REAUTHENTICATE
    assert await credential_state(procurement, Provider.TDSYNNEX) == CredentialState.EXPIRED

    with pytest.raises(ReauthFailedError) as refused:
        await reauth(procurement).reauthenticate(
            Distributor.TDSYNNEX,
            distributor_settings(sandbox_settings(procurement.sandbox), Distributor.TDSYNNEX),
            "not-a-valid-token-Q1",
        )
    assert "not-a-valid-token-Q1" not in str(refused.value)
    assert await credential_state(procurement, Provider.TDSYNNEX) == CredentialState.EXPIRED

    fresh = portal_refresh_token(procurement.sandbox)
    result = await reauth(procurement).reauthenticate(
        Distributor.TDSYNNEX,
        distributor_settings(sandbox_settings(procurement.sandbox), Distributor.TDSYNNEX),
        fresh,
    )
    assert result.refresh_expires_at is not None
    stored = procurement.secrets.get(demo_entry("tdsynnex"), "refresh_token")
    assert stored
    assert stored != fresh
    assert await procurement.open_issues() == []

    await procurement.cycle()
    assert (await procurement.order(late_td)).status == OrderStatus.ORDERED
    references = [o["referenceId"] for o in procurement.distributor_orders("tdsynnex")]
    assert sorted(references) == sorted(
        [
            (await procurement.order(td_order)).reference,
            (await procurement.order(late_td)).reference,
        ]
    )


class CrashingKeyring(MemoryKeyring):
    """Dies (once armed) when asked to store a secret: a crash before the write lands."""

    armed = False

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.armed:
            raise keyring.errors.PasswordSetError("process died before the write")
        super().set_password(service, username, password)


async def test_crash_between_token_exchange_and_storage_places_nothing_and_reauth_recovers(
    procurement: Procurement,
) -> None:
    crashing = CrashingKeyring()
    crashing.sanctioned = True  # a test's own in-memory keyring
    secrets = SecretStore(crashing)
    secrets.set(demo_entry("ingram"), "client_secret", DEMO_CREDENTIALS.ingram.client_secret)
    secrets.set(demo_entry("tdsynnex"), "refresh_token", DEMO_CREDENTIALS.tdsynnex.refresh_token)
    procurement.secrets = secrets
    procurement.new_worker(sandbox_client_factory(procurement.sandbox, secrets))
    [order_id] = await procurement.queue("Q-4007", [M365], company=ION_CUSTOMER)

    crashing.armed = True
    await procurement.cycle()
    # the token was exchanged but the rotated one never stored: nothing was placed with it
    assert procurement.distributor_orders("tdsynnex") == []
    assert (await procurement.order(order_id)).status == OrderStatus.PROCESSING
    crashing.armed = False

    await procurement.worker.aclose()  # "restart": a new process with what the keyring holds
    procurement.new_worker(sandbox_client_factory(procurement.sandbox, secrets))
    procurement.time.advance(timedelta(minutes=1))  # past the retry pause
    report = await procurement.cycle()
    assert report.paused == [Distributor.TDSYNNEX]  # the stored token was spent: re-auth
    kinds = {issue.kind for issue in await procurement.open_issues()}
    assert IssueKind.CREDENTIALS_EXPIRED in kinds

    fresh = portal_refresh_token(procurement.sandbox)
    await DistributorReauth(
        procurement.ledger,
        secrets,
        actor="ana",
        clock=procurement.time.now,
        client_for=distributor_client_for_secret,
    ).reauthenticate(
        Distributor.TDSYNNEX,
        distributor_settings(sandbox_settings(procurement.sandbox), Distributor.TDSYNNEX),
        fresh,
    )
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED
    assert len(procurement.distributor_orders("tdsynnex")) == 1
    assert fresh not in str(await procurement.open_issues())


async def test_orders_claimed_behind_the_one_that_paused_ingram_are_not_left_leased(
    procurement: Procurement,
) -> None:
    """A pause mid-batch frees the rest of the batch: once the credential is fixed they go at
    the next cycle, not when their lease runs out (they would look stuck in processing)."""
    mismatch = DEMO_CREDENTIALS.ingram
    procurement.secrets.set(
        account_entry("ingram", mismatch.mismatch_client_id),
        "client_secret",
        mismatch.mismatch_client_secret,
    )
    procurement.new_worker(
        sandbox_client_factory(
            procurement.sandbox, procurement.secrets, client_id=mismatch.mismatch_client_id
        )
    )
    first = await procurement.queue("Q-4101", [LAPTOP])
    second = await procurement.queue("Q-4102", [LAPTOP])
    report = await procurement.cycle()
    assert report.paused == [Distributor.INGRAM]
    for order_id in (*first, *second):
        order = await procurement.order(order_id)
        assert order.status == OrderStatus.PROCESSING
        assert order.lease_owner is None
        assert order.lease_until is None
