"""A test-only keyring backend over a JSON file, for worker subprocesses.

Select it with PYTHON_KEYRING_BACKEND=tests.support.file_keyring.JsonFileKeyring
and PROCDESK_TEST_KEYRING=<file in the test's tmp dir>; the secret never leaves tmp.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

ENV = "PROCDESK_TEST_KEYRING"


class JsonFileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        value = os.environ.get(ENV)
        if not value:
            raise keyring.errors.KeyringError(f"{ENV} is not set")
        return Path(value)

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        if items.pop(f"{service}/{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self.path.write_text(json.dumps(items))


def seed(keyring_file: Path, home: Path, entries: dict[str, str]) -> None:
    """Write `entries` ("provider:field" -> secret) into the keyring file, under the profile
    of a process whose PROCDESK_HOME is `home` (keyring service ``procdesk:<config file>``)."""
    service = f"procdesk:{(home / 'config.toml').resolve()}"
    items = json.loads(keyring_file.read_text()) if keyring_file.exists() else {}
    items.update({f"{service}/{key}": value for key, value in entries.items()})
    keyring_file.write_text(json.dumps(items))
