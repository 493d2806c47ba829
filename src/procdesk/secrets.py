"""All secret access goes through here: the OS keyring, service name ``procdesk``.

Secrets are API secrets, client secrets, access and refresh tokens, database passwords.
They are stored under keys ``"<provider>:<field>"`` (e.g. ``"tdsynnex:refresh_token"``)
and never written anywhere else: not the ledger, config, logs, events or messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors

SERVICE = "procdesk"

NO_BACKEND_HELP = (
    "No usable OS keyring backend was found, and procdesk keeps secrets only in the keyring. "
    "Fix it by one of: installing and unlocking a Secret Service provider (GNOME Keyring or "
    "KWallet) in a desktop session; `pip install keyrings.alt` and setting "
    "PYTHON_KEYRING_BACKEND=keyrings.alt.file.EncryptedKeyring for a headless server; "
    "or pointing PYTHON_KEYRING_BACKEND at another keyring backend class."
)


class KeyringUnavailableError(RuntimeError):
    """No usable keyring backend (e.g. headless Linux with no Secret Service)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_BACKEND_HELP + (f" (keyring said: {detail})" if detail else ""))


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-process keyring for tests and `procdesk demo`; forgets everything on exit."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring ships no annotations
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._items[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None

    def values(self) -> list[str]:
        """Every stored secret (tests use this to prove secrets leak nowhere)."""
        return list(self._items.values())


def _is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return False
    # keyring's chainer with no members behaves like the fail backend
    return not (hasattr(backend, "backends") and not backend.backends)


class SecretStore:
    """Reads and writes procdesk's secrets in one keyring backend."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not _is_usable(backend):
            raise KeyringUnavailableError()
        return backend

    def describe_backend(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__name__}"

    @staticmethod
    def key(provider: str, field: str) -> str:
        return f"{provider}:{field}"

    def get(self, provider: str, field: str) -> str | None:
        try:
            return self.backend.get_password(SERVICE, self.key(provider, field))
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from None

    def set(self, provider: str, field: str, value: str) -> None:
        try:
            self.backend.set_password(SERVICE, self.key(provider, field), value)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from None

    def delete(self, provider: str, field: str) -> None:
        try:
            self.backend.delete_password(SERVICE, self.key(provider, field))
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from None


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install a fresh in-memory backend process-wide for the duration (tests, demo)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
