"""Ingram Micro client registrations and the access tokens issued to them."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from pydantic import BaseModel, ConfigDict, SecretStr

from procdesk.sandbox.credentials import DEMO_CREDENTIALS

DEFAULT_TOKEN_LIFETIME = timedelta(seconds=86399)  # what Ingram answers: about 24 hours


class ClientRegistration(BaseModel):
    """An API client and the customer number it is registered to order for."""

    model_config = ConfigDict(frozen=True)

    client_id: str
    client_secret: SecretStr
    registered_customer_number: str


def demo_registrations() -> tuple[ClientRegistration, ...]:
    """The normal demo client and the "mismatch account" whose registered number differs."""
    creds = DEMO_CREDENTIALS.ingram
    return (
        ClientRegistration(
            client_id=creds.client_id,
            client_secret=SecretStr(creds.client_secret),
            registered_customer_number=creds.customer_number,
        ),
        ClientRegistration(
            client_id=creds.mismatch_client_id,
            client_secret=SecretStr(creds.mismatch_client_secret),
            registered_customer_number=creds.mismatch_registered_customer_number,
        ),
    )


@dataclass(frozen=True)
class IssuedToken:
    client: ClientRegistration
    expires_at: datetime


class TokenCheck(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class TokenBook:
    """Issues opaque bearer tokens and answers whether one is valid at a given instant."""

    def __init__(self, registrations: tuple[ClientRegistration, ...]) -> None:
        self._registrations = {reg.client_id: reg for reg in registrations}
        self._tokens: dict[str, IssuedToken] = {}
        # client id -> (when, new secret): the developer portal replaces the app's secret
        self._rotations: dict[str, tuple[datetime, str]] = {}

    def rotate_secret(self, client_id: str, new_secret: str, at: datetime) -> None:
        """From `at` (sandbox time) the client's secret is `new_secret`: the old one is
        refused and every token issued to the client is revoked, as when a secret is
        regenerated at Ingram's developer portal."""
        if client_id not in self._registrations:
            raise KeyError(client_id)
        self._rotations[client_id] = (at, new_secret)

    def _apply_rotations(self, now: datetime) -> None:
        for client_id, (at, new_secret) in list(self._rotations.items()):
            if now < at:
                continue
            del self._rotations[client_id]
            old = self._registrations[client_id]
            self._registrations[client_id] = old.model_copy(
                update={"client_secret": SecretStr(new_secret)}
            )
            self._tokens = {
                token: issued
                for token, issued in self._tokens.items()
                if issued.client.client_id != client_id
            }

    def __repr__(self) -> str:
        return f"TokenBook(clients={len(self._registrations)}, tokens={len(self._tokens)})"

    def authenticate(
        self, client_id: str, client_secret: str, now: datetime
    ) -> ClientRegistration | None:
        self._apply_rotations(now)
        registration = self._registrations.get(client_id)
        if registration is None:
            return None
        expected = registration.client_secret.get_secret_value().encode()
        return registration if hmac.compare_digest(expected, client_secret.encode()) else None

    def issue(self, client: ClientRegistration, now: datetime, lifetime: timedelta) -> str:
        token = secrets.token_urlsafe(32)
        self._tokens[token] = IssuedToken(client=client, expires_at=now + lifetime)
        return token

    def check(self, token: str, now: datetime) -> tuple[TokenCheck, ClientRegistration | None]:
        self._apply_rotations(now)
        issued = self._tokens.get(token)
        if issued is None:
            return TokenCheck.UNKNOWN, None
        if now >= issued.expires_at:
            return TokenCheck.EXPIRED, issued.client
        return TokenCheck.VALID, issued.client

    def counts(self, now: datetime) -> dict[str, int]:
        valid = sum(1 for issued in self._tokens.values() if now < issued.expires_at)
        return {"issued": len(self._tokens), "valid": valid}
