"""Verify a connection now, with the credentials procdesk holds, and record what it found.

The Connections screen's Verify: one live call per provider (Autotask: the zone and the
hourly budget; a distributor: its own credential check). What the provider says becomes
ledger facts through the same writes the workers use (`CredentialService`, the
distributor's pause), so the header, the issues pane, `auth status` and `doctor` agree
with what the screen shows. A provider that does not answer changes nothing (the workers
own outages and retry by themselves), and so does a distributor that is not set up (the
workers pause it only once an order needs it); the result says so. No secret is read here beyond
building the client, and none appears in a result.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel

from procdesk.config import Settings
from procdesk.config.distributors import distributor_settings
from procdesk.domain.clock import Clock
from procdesk.domain.enums import CredentialState, Distributor, IssueKind, Provider
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    ProviderError,
)
from procdesk.secrets import KeyringUnavailableError
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.auth.distributors import DistributorReauth, account_of
from procdesk.services.procurement.outcomes import pause
from procdesk.store import issues
from procdesk.store.ledger import Ledger

_OUTAGE = {
    Provider.AUTOTASK: IssueKind.AUTOTASK_UNAVAILABLE,
    Provider.INGRAM: IssueKind.DISTRIBUTOR_UNAVAILABLE,
    Provider.TDSYNNEX: IssueKind.DISTRIBUTOR_UNAVAILABLE,
    Provider.TDSYNNEX_XML: IssueKind.DISTRIBUTOR_UNAVAILABLE,
}


class VerifyResult(BaseModel):
    """What one live check found. `accepted`: the provider took the credentials;
    `reauth_helps`: entering credentials again is the fix (not so for an outage)."""

    provider: Provider
    accepted: bool
    reauth_helps: bool
    text: str
    checked_at: datetime


class ConnectionVerifier:
    def __init__(
        self,
        ledger: Ledger,
        credentials: CredentialService,
        distributors: DistributorReauth,
        *,
        settings: Callable[[], Settings],
        autotask: Callable[[], AutotaskClient],
        distributor: Callable[[Distributor], DistributorClient],
        actor: str,
        clock: Clock,
    ) -> None:
        self._ledger = ledger
        self._credentials = credentials
        self._distributors = distributors
        self._settings = settings
        self._autotask = autotask
        self._distributor = distributor
        self._actor = actor
        self._clock = clock

    async def verify(self, provider: Provider) -> VerifyResult:
        if provider is Provider.AUTOTASK:
            return await self._verify_autotask()
        return await self._verify_distributor(Distributor(provider.value))

    def _result(
        self, provider: Provider, *, accepted: bool, reauth_helps: bool, text: str
    ) -> VerifyResult:
        return VerifyResult(
            provider=provider,
            accepted=accepted,
            reauth_helps=reauth_helps,
            text=text,
            checked_at=self._clock(),
        )

    async def _answered(self, provider: Provider) -> None:
        """It answered: an open outage issue about it is over."""
        async with self._ledger.write() as conn:
            await issues.resolve_kind(
                conn, _OUTAGE[provider], actor=self._actor, provider=provider, now=self._clock()
            )

    async def _verify_autotask(self) -> VerifyResult:
        provider = Provider.AUTOTASK
        try:
            client = self._autotask()
        except CredentialsMissingError as exc:
            await self._credentials.mark_failed(provider, CredentialState.MISSING, exc.message)
            return self._result(provider, accepted=False, reauth_helps=True, text=exc.message)
        except KeyringUnavailableError as exc:
            return self._result(provider, accepted=False, reauth_helps=False, text=str(exc))
        try:
            async with client:
                zone = await client.zone()
                usage = await client.threshold_information()
        except AuthenticationError as exc:
            await self._credentials.mark_failed(provider, CredentialState.INVALID, exc.message)
            return self._result(
                provider, accepted=False, reauth_helps=True, text=f"login rejected: {exc.message}"
            )
        except ProviderError as exc:
            return self._not_answering(provider, exc)
        await self._credentials.mark_ok(provider, account=self._settings().autotask.username)
        await self._answered(provider)
        return self._result(
            provider,
            accepted=True,
            reauth_helps=False,
            text=(
                f"credentials accepted by {zone.zone_name or 'Autotask'}; API usage "
                f"{usage.current_timeframe_request_count}/{usage.external_request_threshold} "
                "this hour"
            ),
        )

    def _not_answering(self, provider: Provider, exc: ProviderError) -> VerifyResult:
        return self._result(
            provider,
            accepted=False,
            reauth_helps=False,
            text=f"no answer ({exc}); nothing changed, the workers retry by themselves",
        )

    async def _verify_distributor(self, distributor: Distributor) -> VerifyResult:
        provider = distributor.provider
        if provider is None:
            raise ValueError(f"procdesk does not sign in to {distributor.value}")
        try:
            client = self._distributor(distributor)
        except CredentialsMissingError as exc:  # not set up: nothing to pause until it is used
            text = f"not set up: {exc.message}"
            return self._result(provider, accepted=False, reauth_helps=True, text=text)
        except KeyringUnavailableError as exc:
            return self._result(provider, accepted=False, reauth_helps=False, text=str(exc))
        try:
            status = await client.verify()
        except ProviderError as exc:
            return self._not_answering(provider, exc)
        finally:
            await client.aclose()
        if status.state is not CredentialState.OK:
            await self._paused(distributor, status.state, status.message, status.kind)
            return self._result(provider, accepted=False, reauth_helps=True, text=status.message)
        config = distributor_settings(self._settings(), distributor)
        done = await self._distributors.resume(distributor, account_of(distributor, config), status)
        await self._answered(provider)
        text = "credentials accepted"
        if done.resumed_orders:
            text += f"; {done.resumed_orders} waiting order(s) resume on the next worker cycle"
        return self._result(provider, accepted=True, reauth_helps=False, text=text)

    async def _paused(
        self,
        distributor: Distributor,
        state: CredentialState,
        message: str,
        kind: IssueKind | None,
    ) -> None:
        async with self._ledger.write() as conn:
            await pause(
                conn,
                distributor,
                state=state,
                message=message,
                actor=self._actor,
                now=self._clock(),
                kind=kind,
            )
