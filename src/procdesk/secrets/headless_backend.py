"""procdesk's headless keyring backend over keyrings.cryptfile (see `procdesk.secrets.headless`)."""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from contextlib import contextmanager

from jaraco.classes import properties
from keyrings.cryptfile.cryptfile import CryptFileKeyring

from procdesk.secrets.errors import KeyringFileError
from procdesk.secrets.key_file import (
    KEY_FILE_ENV,
    SYSTEMD_CREDENTIAL,
    HeadlessKeyError,
    key_path,
    keyring_path,
    read_key,
)


class HeadlessKeyring(CryptFileKeyring):  # type: ignore[misc]  # keyrings.cryptfile is untyped
    """keyrings.cryptfile's encrypted file, with its key from a file (never a prompt)."""

    # The key is random (>= 32 characters of a random string), not a password a person chose:
    # a light derivation is enough, and every keyring read stays fast.
    time_cost = 2
    memory_cost = 2**13  # KiB
    parallelism = 1

    @properties.classproperty
    def priority(cls) -> float:
        path = key_path()
        if path is None:
            raise RuntimeError(f"no keyring key configured ({KEY_FILE_ENV})")
        read_key(path)  # a key others can read, or too short: not viable (doctor says why)
        return 6  # above desktop keyrings: an admin who configured a key wants this one

    def __init__(self) -> None:
        path = key_path()
        if path is None:
            raise HeadlessKeyError(
                f"no keyring key: set {KEY_FILE_ENV} to an owner-only file holding a random "
                f"key, or pass systemd credential {SYSTEMD_CREDENTIAL}"
            )
        self._key_path = path
        key = read_key(path)
        target = keyring_path()
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        super().__init__()
        self.file_path = str(target)
        self._key = key
        self._opened = False
        self._in_file = False

    def _open(self) -> None:
        """Create or unlock the file with our key, on first use (so that a wrong key is an
        error of the command that uses it, with its fix, not a silently skipped backend)."""
        if not self._opened:
            self._opened = True  # (unlocking reads an entry itself)
            try:
                self.keyring_key = self._key  # keyrings.cryptfile initialises or unlocks here
            except BaseException:
                self._opened = False
                raise

    @contextmanager
    def _file(self) -> Iterator[None]:
        """The file opened for one read or write. A damaged file (not the INI text
        keyrings.cryptfile writes, an entry that does not decode) is KeyringFileError with
        its fix, not the parser's own error; the message never quotes the file."""
        if self._in_file:  # (unlocking reads an entry: `_unlock` says what its errors mean)
            yield
            return
        self._in_file = True
        try:
            self._open()
            yield
        except (configparser.Error, ValueError):  # (UnicodeDecodeError among them)
            raise KeyringFileError(
                f"the keyring file {self.file_path} is damaged; restore it from a backup, or "
                "move it away and store the secrets again with `procdesk auth ...`"
            ) from None
        finally:
            self._in_file = False

    def get_password(self, service: str, username: str) -> str | None:
        with self._file():
            value: str | None = super().get_password(service, username)
        return value

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._file():
            super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        with self._file():
            super().delete_password(service, username)

    def _get_new_password(self) -> str:  # a new file: its key is ours, never a prompt
        return self._key

    def _unlock(self) -> None:
        try:
            super()._unlock()
        except ValueError:
            raise KeyringFileError(
                f"the key in {self._key_path} does not open {self.file_path} (it was written "
                f"with another key); restore that key, or move the file away and store the "
                "secrets again with `procdesk auth ...`"
            ) from None

    def _lock(self) -> None:
        """Keep the key: keyrings.cryptfile would otherwise ask for it on the terminal."""
