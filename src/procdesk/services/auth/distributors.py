"""Re-authenticating a distributor: verify the new secret live, then store it and resume.

Nothing is stored until the distributor accepted the secret. TD SYNNEX refresh tokens are
single-use: verifying spends the one the user pasted, so the rotated token ION returns is
written to the keyring before its access token is used (the client's token store does
that), and the pasted one is never stored. Messages carry the distributor's words, never
the secret.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.clock import Clock
from procdesk.domain.enums import CredentialState, Distributor, IssueKind, OrderStatus
from procdesk.integrations.distributor.models import CredentialStatus
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import ProviderError
from procdesk.integrations.tdsynnex.tokens import REFRESH_TOKEN_FIELD, RefreshTokenStore
from procdesk.secrets import SecretStore
from procdesk.secrets.accounts import section_entry
from procdesk.services.auth.credentials import CredentialService
from procdesk.store import credentials, issues, order_work
from procdesk.store.ledger import Ledger

SECRET_FIELD = {
    Distributor.INGRAM: "client_secret",
    Distributor.TDSYNNEX: REFRESH_TOKEN_FIELD,
    Distributor.TDSYNNEX_XML: "password",
}
# Secrets stored as entered once verified (ION's refresh token rotates: its store saves it).
STORED_AS_ENTERED = (Distributor.INGRAM, Distributor.TDSYNNEX_XML)


class ReauthFailedError(Exception):
    """The distributor refused the new credentials; the message says why (no secret)."""


class ReauthResult(BaseModel):
    distributor: Distributor
    account: str
    access_expires_at: datetime | None
    refresh_expires_at: datetime | None
    resumed_orders: int


# Builds a client for a secret someone entered (`wiring.distributor_client_for_secret`):
# (distributor, its config keys, the secret, where TD SYNNEX's rotated tokens are saved).
DistributorClientFor = Callable[
    [Distributor, Mapping[str, str], str, RefreshTokenStore], DistributorClient
]


class PastedRefreshTokenStore:
    """Loads the refresh token the user pasted; saves each rotated one to the keyring."""

    def __init__(self, pasted: str, secrets: SecretStore, entry: str) -> None:
        self._current = pasted
        self._secrets = secrets
        self._entry = entry  # the account's keyring namespace

    async def load(self) -> str | None:
        return self._current

    async def save(self, refresh_token: str) -> None:
        self._secrets.set(self._entry, REFRESH_TOKEN_FIELD, refresh_token)
        self._current = refresh_token


def account_of(distributor: Distributor, config: Mapping[str, str]) -> str:
    if distributor is Distributor.INGRAM:
        return f"{config.get('client_id', '')} / customer {config.get('customer_number', '')}"
    if distributor is Distributor.TDSYNNEX_XML:
        return f"{config.get('username', '')} / customer {config.get('customer_number', '')}"
    return f"account {config.get('account_id', '')}"


class DistributorReauth:
    def __init__(
        self,
        ledger: Ledger,
        secrets: SecretStore,
        *,
        actor: str,
        clock: Clock,
        client_for: DistributorClientFor,
    ) -> None:
        self._ledger = ledger
        self._secrets = secrets
        self._actor = actor
        self._clock = clock
        self._client_for = client_for

    async def reauthenticate(
        self, distributor: Distributor, config: Mapping[str, str], secret: str
    ) -> ReauthResult:
        """Verify `secret` with the distributor; on success store it and resume its work.

        Raises ReauthFailedError with the distributor's reason when it is refused.
        """
        if not secret.strip():
            raise ReauthFailedError("nothing was entered")
        client = self._client(distributor, config, secret.strip())
        try:
            status = await client.verify()
        except ProviderError as exc:
            raise ReauthFailedError(f"could not verify with {distributor.value}: {exc}") from None
        finally:
            await client.aclose()
        if status.state is not CredentialState.OK:
            raise ReauthFailedError(
                status.message or f"{distributor.value} refused the credentials"
            )
        if distributor in STORED_AS_ENTERED:
            entry = section_entry(distributor.value, config)
            self._secrets.set(entry, SECRET_FIELD[distributor], secret.strip())
        return await self.resume(distributor, account_of(distributor, config), status)

    def _client(
        self, distributor: Distributor, config: Mapping[str, str], secret: str
    ) -> DistributorClient:
        if distributor.provider is None:
            raise ReauthFailedError(f"procdesk cannot order from {distributor.value}")
        try:
            return self._client_for(
                distributor,
                config,
                secret,
                PastedRefreshTokenStore(
                    secret, self._secrets, section_entry(distributor.value, config)
                ),
            )
        except PydanticValidationError as exc:
            names = ", ".join(
                f"{distributor.value}.{e['loc'][0]}" for e in exc.errors() if e["loc"]
            )
            raise ReauthFailedError(f"missing or invalid settings: {names}") from None

    async def resume(
        self, distributor: Distributor, account: str, status: CredentialStatus
    ) -> ReauthResult:
        """The distributor accepted the credentials (`status`): record it, close the
        credential and customer-number issues, and make its waiting orders due now."""
        provider = distributor.provider
        if provider is None:
            raise ReauthFailedError(f"procdesk cannot order from {distributor.value}")
        await CredentialService(self._ledger, actor=self._actor, clock=self._clock).mark_ok(
            provider, account=account
        )
        now = self._clock()
        async with self._ledger.write() as conn:
            await credentials.put(
                conn,
                provider,
                state=CredentialState.OK,
                now=now,
                token_expires_at=status.access_expires_at,
                refresh_expires_at=status.refresh_expires_at,
            )
            await issues.resolve_kind(
                conn,
                IssueKind.INVALID_CUSTOMER_NUMBER,
                actor=self._actor,
                provider=provider,
                now=now,
            )
            waiting = await order_work.ids_in_status(
                conn, [OrderStatus.PROCESSING], distributor=distributor
            )
            for order_id in waiting:
                await order_work.set_fields(conn, order_id, next_attempt_at=now)
        return ReauthResult(
            distributor=distributor,
            account=account,
            access_expires_at=status.access_expires_at,
            refresh_expires_at=status.refresh_expires_at,
            resumed_orders=len(waiting),
        )
