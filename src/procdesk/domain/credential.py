"""What the ledger knows about a provider's credential; the secret is in the keyring."""

from __future__ import annotations

from datetime import datetime, timedelta

from procdesk.domain.enums import CredentialState, Provider
from procdesk.domain.records import Record, UTCDateTime, aware_utc


class CredentialRecord(Record):
    """What the ledger knows about a provider's credential. The secret is in the keyring."""

    provider: Provider
    account: str | None = None  # non-secret identity: user name, client id
    state: CredentialState
    token_expires_at: UTCDateTime | None = None
    refresh_expires_at: UTCDateTime | None = None
    last_verified_at: UTCDateTime | None = None
    last_error: str | None = None
    updated_at: UTCDateTime

    @property
    def expires_at(self) -> UTCDateTime | None:
        """When the user has to act: the refresh token's end; None when nothing runs out.

        An access token alone (Ingram's client-credentials token, ION's access token) renews
        itself from what is stored, so its end asks nothing of a person and is no warning; a
        refresh token that runs out needs the user to authenticate again.
        """
        return self.refresh_expires_at

    def time_left(self, now: datetime) -> timedelta | None:
        """Time until `expires_at` (negative once past); None when no expiry is known."""
        expires = self.expires_at
        return None if expires is None else expires - aware_utc(now)

    def needs_warning(self, now: datetime, within: timedelta) -> bool:
        """True when the credential runs out within `within` of `now`, or already has."""
        left = self.time_left(now)
        return left is not None and left <= within
