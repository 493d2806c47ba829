"""StreamOne ION tokens: single-use rotating refresh tokens and short-lived access tokens."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

DEFAULT_ACCESS_LIFETIME = timedelta(hours=2)
DEFAULT_REFRESH_LIFETIME = timedelta(days=32)


@dataclass
class RefreshGrant:
    expires_at: datetime
    used: bool = False


@dataclass(frozen=True)
class AccessGrant:
    expires_at: datetime
    refresh_token: str  # the refresh token issued alongside, for validateAccess


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


class RefreshFailure(Enum):
    UNKNOWN = "The refresh token is invalid."
    USED = "The refresh token has already been used; refresh tokens are single-use."
    EXPIRED = "The refresh token has expired."


class IonTokenBook:
    """Every token issued for the one demo account, timed on the sandbox clock."""

    def __init__(self, initial_refresh_token: str, now: datetime, refresh_lifetime: timedelta):
        self._refresh: dict[str, RefreshGrant] = {
            initial_refresh_token: RefreshGrant(expires_at=now + refresh_lifetime)
        }
        self._access: dict[str, AccessGrant] = {}

    def __repr__(self) -> str:
        return f"IonTokenBook(refresh={len(self._refresh)}, access={len(self._access)})"

    def refresh(
        self,
        refresh_token: str,
        now: datetime,
        access_lifetime: timedelta,
        refresh_lifetime: timedelta,
    ) -> TokenPair | RefreshFailure:
        grant = self._refresh.get(refresh_token)
        if grant is None:
            return RefreshFailure.UNKNOWN
        if grant.used:
            return RefreshFailure.USED
        if now >= grant.expires_at:
            return RefreshFailure.EXPIRED
        grant.used = True
        new_refresh = secrets.token_urlsafe(32)
        self._refresh[new_refresh] = RefreshGrant(expires_at=now + refresh_lifetime)
        access = secrets.token_urlsafe(32)
        self._access[access] = AccessGrant(
            expires_at=now + access_lifetime, refresh_token=new_refresh
        )
        return TokenPair(
            access_token=access,
            refresh_token=new_refresh,
            expires_in=int(access_lifetime.total_seconds()),
        )

    def expire_all(self, now: datetime) -> None:
        """Every token issued so far ends now (a session left unused past its lifetime)."""
        for grant in self._refresh.values():
            grant.expires_at = min(grant.expires_at, now)
        self._access = {
            token: AccessGrant(expires_at=min(g.expires_at, now), refresh_token=g.refresh_token)
            for token, g in self._access.items()
        }

    def add_refresh(self, refresh_token: str, now: datetime, lifetime: timedelta) -> None:
        """A refresh token issued outside the API (the ION portal), valid from `now`."""
        self._refresh[refresh_token] = RefreshGrant(expires_at=now + lifetime)

    def access_valid(self, access_token: str, now: datetime) -> bool:
        grant = self._access.get(access_token)
        return grant is not None and now < grant.expires_at

    def remaining(self, access_token: str, now: datetime) -> tuple[int, int] | None:
        """(access seconds left, paired refresh token seconds left) while the token is valid."""
        grant = self._access.get(access_token)
        if grant is None or now >= grant.expires_at:
            return None
        refresh = self._refresh[grant.refresh_token]
        refresh_left = (
            0 if refresh.used else max(int((refresh.expires_at - now).total_seconds()), 0)
        )
        return int((grant.expires_at - now).total_seconds()), refresh_left

    def counts(self, now: datetime) -> dict[str, int]:
        return {
            "access_issued": len(self._access),
            "access_valid": sum(1 for g in self._access.values() if now < g.expires_at),
            "refresh_issued": len(self._refresh),
            "refresh_used": sum(1 for g in self._refresh.values() if g.used),
            "refresh_valid": sum(
                1 for g in self._refresh.values() if not g.used and now < g.expires_at
            ),
        }
