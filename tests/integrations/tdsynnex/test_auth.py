"""TD SYNNEX ION refresh-token rotation against the sandbox, crashes included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from procdesk.domain.enums import CredentialState
from procdesk.integrations.errors import AuthenticationError, CredentialsMissingError
from procdesk.integrations.tdsynnex import KeyringRefreshTokenStore, TdSynnexClient
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring, SecretStore
from tests.support.distributors import TDSYNNEX, SandboxControl, tdsynnex_settings
from tests.support.keyring_entries import DEMO_ACCOUNTS, demo_entry

SKU = "ms365-bb-p1m"
DAYS = 86400


class CrashingStore:
    """A real keyring store that "crashes" on its next save: before or after writing."""

    def __init__(self, inner: KeyringRefreshTokenStore, *, after_write: bool) -> None:
        self.inner = inner
        self.after_write = after_write
        self.crash_next_save = True

    async def load(self) -> str | None:
        return await self.inner.load()

    async def save(self, refresh_token: str) -> None:
        if self.crash_next_save and not self.after_write:
            self.crash_next_save = False
            raise OSError("simulated crash before the keyring write")
        await self.inner.save(refresh_token)
        if self.crash_next_save:
            self.crash_next_save = False
            raise OSError("simulated crash after the keyring write")


def stored(secrets: SecretStore) -> str | None:
    return secrets.get(demo_entry("tdsynnex"), "refresh_token")


async def business_requests(control: SandboxControl) -> int:
    served = (await control.state())["requests"]["served_per_endpoint"]
    return sum(count for endpoint, count in served.items() if "/tdsynnex/api/" in endpoint)


async def old_token_works(sandbox: SandboxServer, refresh_token: str) -> bool:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            f"{sandbox.base_url}/tdsynnex/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
        )
    return response.status_code == 200


async def test_rotated_refresh_token_is_stored_and_the_old_one_is_spent(
    sandbox: SandboxServer, tdsynnex_client: TdSynnexClient, secrets: SecretStore
) -> None:
    await tdsynnex_client.availability([SKU])
    rotated = stored(secrets)
    assert rotated
    assert rotated != TDSYNNEX.refresh_token
    assert not await old_token_works(sandbox, TDSYNNEX.refresh_token)
    # a second client (a restarted process) carries on from the stored token
    async with TdSynnexClient(
        tdsynnex_settings(sandbox),
        KeyringRefreshTokenStore(secrets, DEMO_ACCOUNTS["tdsynnex"]),
        timeout=5,
    ) as restarted:
        [result] = await restarted.availability([SKU])
    assert result.part_number == SKU
    assert stored(secrets) not in (None, rotated)


async def test_crash_before_the_write_never_uses_the_new_access_token(
    sandbox: SandboxServer,
    tdsynnex_store: KeyringRefreshTokenStore,
    secrets: SecretStore,
    sandbox_control: SandboxControl,
) -> None:
    store = CrashingStore(tdsynnex_store, after_write=False)
    async with TdSynnexClient(tdsynnex_settings(sandbox), store, timeout=5) as client:
        with pytest.raises(OSError, match="before the keyring write"):
            await client.availability([SKU])
        assert await business_requests(sandbox_control) == 0  # the access token was held back
        assert stored(secrets) == TDSYNNEX.refresh_token
        # the store works again: the held-back token is written first, then used
        [result] = await client.availability([SKU])
        assert client.token_refreshes == 1
        assert await business_requests(sandbox_control) > 0  # the count does see them
    assert result.part_number == SKU
    rotated = stored(secrets)
    assert rotated != TDSYNNEX.refresh_token
    assert rotated is not None
    assert await old_token_works(sandbox, rotated)


async def test_crash_after_the_write_leaves_the_right_token_stored(
    sandbox: SandboxServer,
    tdsynnex_store: KeyringRefreshTokenStore,
    secrets: SecretStore,
    sandbox_control: SandboxControl,
) -> None:
    store = CrashingStore(tdsynnex_store, after_write=True)
    async with TdSynnexClient(tdsynnex_settings(sandbox), store, timeout=5) as crashed:
        with pytest.raises(OSError, match="after the keyring write"):
            await crashed.availability([SKU])
    assert await business_requests(sandbox_control) == 0
    async with TdSynnexClient(
        tdsynnex_settings(sandbox),
        KeyringRefreshTokenStore(secrets, DEMO_ACCOUNTS["tdsynnex"]),
        timeout=5,
    ) as restarted:
        status = await restarted.verify()
    assert status.state is CredentialState.OK


async def test_expired_access_token_is_refreshed_once_and_the_call_retried(
    tdsynnex_client: TdSynnexClient, secrets: SecretStore, sandbox_control: SandboxControl
) -> None:
    await tdsynnex_client.availability([SKU])
    first = stored(secrets)
    assert tdsynnex_client.credential_status().refresh_expires_at is not None  # asked ION
    await sandbox_control.advance(3 * 3600)  # past the 2-hour access lifetime
    await tdsynnex_client.find_order("PD-NONE")
    assert tdsynnex_client.token_refreshes == 2
    assert stored(secrets) not in (None, first)


async def test_verify_reports_access_and_refresh_lifetimes(
    tdsynnex_client: TdSynnexClient,
) -> None:
    status = await tdsynnex_client.verify()
    now = datetime.now(UTC)
    assert status.state is CredentialState.OK
    assert status.access_expires_at is not None
    assert status.refresh_expires_at is not None
    assert timedelta(hours=1) < status.access_expires_at - now <= timedelta(hours=2)
    assert timedelta(days=31) < status.refresh_expires_at - now <= timedelta(days=32)
    assert tdsynnex_client.credential_status().refresh_expires_at == status.refresh_expires_at


async def test_lapsed_refresh_token_asks_for_reauthentication(
    tdsynnex_client: TdSynnexClient,
    sandbox_control: SandboxControl,
    keyring_backend: MemoryKeyring,
) -> None:
    await tdsynnex_client.verify()
    await sandbox_control.advance(33 * DAYS)
    status = await tdsynnex_client.verify()
    with pytest.raises(AuthenticationError) as caught:
        await tdsynnex_client.availability([SKU])
    assert status.state is CredentialState.EXPIRED
    assert status.message
    for secret in keyring_backend.values():
        assert secret not in str(caught.value)
        assert secret not in status.message


async def test_no_stored_refresh_token(sandbox: SandboxServer, secrets: SecretStore) -> None:
    async with TdSynnexClient(
        tdsynnex_settings(sandbox),
        KeyringRefreshTokenStore(secrets, DEMO_ACCOUNTS["tdsynnex"]),
        timeout=5,
    ) as client:
        with pytest.raises(CredentialsMissingError):
            await client.availability([SKU])
        status = await client.verify()
    assert status.state is CredentialState.MISSING
