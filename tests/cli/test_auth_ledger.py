"""The PostgreSQL ledger's password goes to the keyring only, never to the config file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.secrets import MemoryKeyring, SecretStore
from procdesk.wiring import ledger_password


def test_config_refuses_a_password_in_the_ledger_url(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    result = procdesk("config", "set", "ledger", "postgresql://team:hunter2@db.example/procdesk")
    assert result.exit_code == 2
    assert "procdesk auth ledger" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    config = isolated_home / "config" / "config.toml"
    assert not config.exists() or "hunter2" not in config.read_text()


def test_sqlite_ledger_has_no_password(procdesk: Callable[..., Result]) -> None:
    result = procdesk("auth", "ledger", "--stdin", input="whatever\n")
    assert result.exit_code == 2
    assert "not PostgreSQL" in result.stderr


@pytest.mark.postgres
def test_password_verified_then_stored_in_the_keyring(
    procdesk: Callable[..., Result], pg_ledger_url: str, secrets: SecretStore
) -> None:
    result = procdesk("--ledger", pg_ledger_url, "auth", "ledger", "--stdin", input="s3cret-pw\n")
    assert result.exit_code == 0, result.stderr
    assert ledger_password(pg_ledger_url, secrets) == "s3cret-pw"
    assert "s3cret-pw" not in result.stdout + result.stderr


def test_unreachable_server_stores_nothing(
    procdesk: Callable[..., Result], keyring_backend: MemoryKeyring
) -> None:
    url = "postgresql://team@127.0.0.1:9/procdesk"  # port 9: nothing listens
    result = procdesk("--ledger", url, "auth", "ledger", "--stdin", input="s3cret-pw\n")
    assert result.exit_code == 1
    assert "nothing stored: cannot open ledger" in result.stderr
    assert "s3cret-pw" not in result.stderr
    assert keyring_backend.values() == []
