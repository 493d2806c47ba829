"""All secret access goes through here: the OS keyring, one namespace per profile.

Secrets are API secrets, client secrets, access and refresh tokens, database passwords.
They are never written anywhere else: not the ledger, config, logs, events or messages.

A *profile* is one config home (`PROCDESK_HOME`, or the user's config directory): its
secrets live under keyring service ``procdesk:<config file>`` so two homes on one machine
(a sandbox and production, two tenants) never see each other's. Inside it an entry is named
for what it unlocks: ``"<provider>:<account>:<field>"`` (`accounts.py`: the Autotask user,
the Ingram client id, ...) or, for a PostgreSQL ledger,
``"ledger:<user>@<host>:<port>/<database>:password"``. Entries from before accounts
(``"<provider>:<field>"``) move to the account the profile names the first time it reads
them; entries from before profiles (service ``procdesk``) likewise, into the default profile
only, never seen by any other profile.

Only backends that keep secrets across processes are used. In-memory, null and failing
backends are refused with the fix, except a `MemoryKeyring` installed by `memory_keyring()`
(the tests and `procdesk demo`'s own process).
"""

from __future__ import annotations

import logging
import os
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from procdesk.secrets import key_file
from procdesk.secrets.accounts import account_of_entry
from procdesk.secrets.errors import DemoProfileError as DemoProfileError
from procdesk.secrets.errors import KeyringFileError as KeyringFileError
from procdesk.secrets.errors import KeyringUnavailableError as KeyringUnavailableError
from procdesk.secrets.errors import NotPersistentError as NotPersistentError

if TYPE_CHECKING:
    import keyring.backend

    from procdesk.secrets.memory import MemoryKeyring as MemoryKeyring
    from procdesk.secrets.memory import memory_keyring as memory_keyring

# keyring loads on the first secret read or write (finding its backends costs more than the
# dashboard's first frame, which reads none); the in-memory backend of the tests and the
# demo loads with it.
_LAZY = {"MemoryKeyring", "memory_keyring"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from procdesk.secrets import memory

        return getattr(memory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger(__name__)

LEGACY_SERVICE = "procdesk"  # every entry lived here before profiles


@dataclass(frozen=True)
class Profile:
    """Whose secrets: one config home. `name` is its config file's absolute path."""

    name: str
    default: bool = False  # the user's own config dir: entries from before profiles move here
    demo_pid: int | None = None  # the home of a running `procdesk demo` (its secrets are in
    # that process's memory only)

    @property
    def service(self) -> str:
        return f"procdesk:{self.name}"


UNNAMED = Profile("unnamed")


def _is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return False
    # keyring's chainer with no members behaves like the fail backend
    return not (hasattr(backend, "backends") and not backend.backends)


def _forgets(backend: keyring.backend.KeyringBackend) -> bool:
    """Would this backend lose its secrets when the process ends (or never keep them)?"""
    from keyring.backends import null

    from procdesk.secrets.memory import MemoryKeyring

    if isinstance(backend, MemoryKeyring):
        return not backend.sanctioned
    return isinstance(backend, null.Keyring)


def _would_prompt(backend: keyring.backend.KeyringBackend) -> bool:
    """keyrings.cryptfile's own backend asks for its password on the terminal at start,
    which a service cannot answer (procdesk's HeadlessKeyring reads a key file instead)."""
    kind = type(backend)
    if kind.__module__.startswith("procdesk."):
        return False
    return kind.__module__.startswith("keyrings.cryptfile") or (
        (kind.__module__, kind.__name__) == ("keyrings.alt.file", "EncryptedKeyring")
    )


class SecretStore:
    """Reads and writes one profile's secrets in one keyring backend."""

    def __init__(
        self, backend: keyring.backend.KeyringBackend | None = None, *, profile: Profile = UNNAMED
    ) -> None:
        self._backend = backend
        self.profile = profile

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        backend = self._backend or _ambient_backend()
        if not _is_usable(backend):
            raise KeyringUnavailableError(key_file.problem() or "")
        if _forgets(backend):
            raise NotPersistentError(_describe(backend))
        if _would_prompt(backend):
            raise KeyringUnavailableError(_prompting(backend))
        return backend

    def describe_backend(self) -> str:
        return _describe(self.backend)

    @staticmethod
    def key(provider: str, field: str) -> str:
        return f"{provider}:{field}"

    def _demo_guard(self) -> None:
        pid = self.profile.demo_pid
        if pid is not None and pid != os.getpid():
            raise DemoProfileError(pid)

    def get(self, provider: str, field: str) -> str | None:
        """The secret, or None. An entry of an account (or a ledger) missing under its own
        name is adopted from the name it had before accounts, and in the default profile
        from before profiles: moved, never copied, so it stays with one account only."""
        from keyring.errors import KeyringError

        self._demo_guard()
        key = self.key(provider, field)
        try:
            value = self.backend.get_password(self.profile.service, key)
            for service, older in [] if value is not None else self._older_names(provider, field):
                value = self._adopt(service, older, key)
                if value is not None:
                    break
            return value
        except KeyringError as exc:
            raise KeyringUnavailableError(f"{type(exc).__name__}: {exc}") from None

    def _older_names(self, namespace: str, field: str) -> list[tuple[str, str]]:
        """Where an entry may still sit under an earlier naming: (service, key), newest
        first. Only a namespace that names an account (or a ledger) had one."""
        base, _, account = namespace.partition(":")
        if not account:
            return [(LEGACY_SERVICE, self.key(namespace, field))] if self.profile.default else []
        names = [(self.profile.service, self.key(base, field))]
        if self.profile.default:
            names.append((LEGACY_SERVICE, self.key(base, field)))
        return names

    def set(self, provider: str, field: str, value: str) -> None:
        from keyring.errors import KeyringError

        self._demo_guard()
        scoped = account_of_entry(provider)
        if scoped is not None and not scoped[1]:
            raise ValueError(f"no {scoped[0]} account is configured to keep its secret under")
        try:
            self.backend.set_password(self.profile.service, self.key(provider, field), value)
        except KeyringError as exc:
            raise KeyringUnavailableError(f"{type(exc).__name__}: {exc}") from None

    def delete(self, provider: str, field: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        self._demo_guard()
        try:
            self.backend.delete_password(self.profile.service, self.key(provider, field))
        except PasswordDeleteError:
            return
        except KeyringError as exc:
            raise KeyringUnavailableError(f"{type(exc).__name__}: {exc}") from None

    def _adopt(self, service: str, old_key: str, new_key: str) -> str | None:
        from keyring.errors import PasswordDeleteError

        backend = self.backend
        value = backend.get_password(service, old_key)
        if value is None:
            return None
        backend.set_password(self.profile.service, new_key, value)
        with suppress(PasswordDeleteError):
            backend.delete_password(service, old_key)
        log.info(
            "moved keyring entry %s into %s of profile %s", old_key, new_key, self.profile.name
        )
        return value


_headless: dict[tuple[str, str], keyring.backend.KeyringBackend] = {}  # by key and file


def _ambient_backend() -> keyring.backend.KeyringBackend:
    """The backend this process uses: the headless keyring when its key is configured (and no
    PYTHON_KEYRING_BACKEND says otherwise), else keyring's choice. When keyring chains several
    backends, the first that never prompts: a chained keyring that asks for a password on the
    terminal would hang a worker the first time a secret is missing."""
    path = key_file.key_path()
    if not os.environ.get("PYTHON_KEYRING_BACKEND") and path is not None:
        where = (str(path), str(key_file.keyring_path()))
        if where not in _headless:
            try:
                from procdesk.secrets.headless_backend import HeadlessKeyring

                _headless[where] = HeadlessKeyring()
            except ImportError:
                raise KeyringUnavailableError(key_file.problem() or "") from None
            except key_file.HeadlessKeyError as exc:
                raise KeyringUnavailableError(str(exc)) from None
        return _headless[where]
    import keyring

    backend = keyring.get_keyring()
    members = getattr(backend, "backends", None)
    if members:
        quiet = [m for m in members if not _would_prompt(m)]
        if not quiet:
            raise KeyringUnavailableError(_prompting(members[0]))
        chosen: keyring.backend.KeyringBackend = quiet[0]
        return chosen
    return backend


def _prompting(backend: keyring.backend.KeyringBackend) -> str:
    return (
        f"the keyring backend {_describe(backend)} asks for a password on the terminal "
        "whenever it starts, which a worker or service cannot answer"
    )


def _describe(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"
