"""Credential health per provider, kept in the ledger, for every provider alike.

When a provider rejects procdesk's credentials its work pauses (other providers go on),
one issue says so, and the work resumes by itself once `procdesk auth PROVIDER` verifies
new credentials and calls `mark_ok`. Secrets never pass through here.
"""

from __future__ import annotations

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import CredentialState, EntityType, IssueKind, Provider
from procdesk.domain.remediation import remedy_for
from procdesk.store import credentials as credential_store
from procdesk.store import events, issues
from procdesk.store.ledger import Ledger

PAUSING_STATES = frozenset({CredentialState.EXPIRED, CredentialState.INVALID})
_KIND = {
    CredentialState.EXPIRED: IssueKind.CREDENTIALS_EXPIRED,
    CredentialState.INVALID: IssueKind.CREDENTIALS_INVALID,
    CredentialState.MISSING: IssueKind.CREDENTIALS_INVALID,
}
_CREDENTIAL_KINDS = (IssueKind.CREDENTIALS_EXPIRED, IssueKind.CREDENTIALS_INVALID)


class CredentialService:
    def __init__(self, ledger: Ledger, *, actor: str, clock: Clock = utc_now) -> None:
        self._ledger = ledger
        self._actor = actor
        self._clock = clock

    async def state(self, provider: Provider) -> CredentialState | None:
        """The recorded state, or None when procdesk has never checked this provider."""
        async with self._ledger.read() as conn:
            row = await credential_store.get(conn, provider)
        return None if row is None else row.state

    async def is_paused(self, provider: Provider) -> bool:
        """True while the provider rejected the credentials and nobody re-authenticated."""
        return await self.state(provider) in PAUSING_STATES

    async def mark_ok(self, provider: Provider, *, account: str | None = None) -> None:
        """The credentials work (verified live): resume the provider's work, close issues."""
        now = self._clock()
        async with self._ledger.write() as conn:
            before = await credential_store.get(conn, provider)
            await credential_store.put(
                conn,
                provider,
                state=CredentialState.OK,
                now=now,
                account=account,
                verified=True,
            )
            await issues.resolve_for_subject(
                conn,
                EntityType.CREDENTIAL,
                provider.value,
                actor=self._actor,
                kinds=_CREDENTIAL_KINDS,
                now=now,
            )
            if before is None or before.state is not CredentialState.OK or account:
                await events.append(
                    conn,
                    actor=self._actor,
                    entity_type=EntityType.CREDENTIAL,
                    entity_id=provider.value,
                    action="verified",
                    detail={"account": account} if account else {},
                    at=now,
                )

    async def mark_failed(self, provider: Provider, state: CredentialState, message: str) -> None:
        """Record that the provider refused (or lacks) credentials; one open issue says so.

        `message` must not contain a secret (typed provider errors never do).
        """
        if state is CredentialState.OK:
            raise ValueError("mark_failed needs a failed state")
        now = self._clock()
        kind = _KIND[state]
        remedy = remedy_for(kind)
        async with self._ledger.write() as conn:
            before = await credential_store.get(conn, provider)
            await credential_store.put(conn, provider, state=state, now=now, last_error=message)
            await issues.open_issue(
                conn,
                kind=kind,
                subject_type=EntityType.CREDENTIAL,
                subject_id=provider.value,
                title=f"{provider.value}: {remedy.title}",
                message=message,
                hint=remedy.hint,
                action=remedy.action,
                actor=self._actor,
                provider=provider,
                detail={"state": state.value},
                now=now,
            )
            if before is None or before.state is not state:
                await events.append(
                    conn,
                    actor=self._actor,
                    entity_type=EntityType.CREDENTIAL,
                    entity_id=provider.value,
                    action=state.value,
                    detail={"message": message},
                    at=now,
                )
