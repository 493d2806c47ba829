"""The in-memory keyring of the tests and `procdesk demo`'s own process.

Loaded on first use (`procdesk.secrets` names it lazily): it is a keyring backend, and
importing keyring is what the dashboard's start leaves for later.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors
from jaraco.classes import properties


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-process keyring for tests and `procdesk demo`; forgets everything on exit.

    Never chosen by keyring on its own (not viable); `memory_keyring()` installs one."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("installed explicitly only (tests, demo)")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring ships no annotations
        self._items: dict[tuple[str, str], str] = {}
        self.sanctioned = False  # set by memory_keyring(): the tests' or the demo's own

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


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install a fresh in-memory backend process-wide for the duration (tests, demo)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    backend.sanctioned = True
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
