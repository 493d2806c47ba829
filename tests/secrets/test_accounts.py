"""Secrets per account inside a profile: each provider secret is kept under the account it
unlocks, an entry from before accounts moves to the account the profile names on first
read (once: moved, not copied), and two accounts never read each other's secret."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.secrets import LEGACY_SERVICE, MemoryKeyring, SecretStore
from procdesk.secrets.accounts import ACCOUNT_KEY, account_entry, account_of_entry
from procdesk.wiring import ledger_password, secret_store, store_ledger_password

# (provider, field, the account a profile names, another account)
ENTRIES = [
    ("autotask", "secret", "api@msp.example", "other-api@msp.example"),
    ("ingram", "client_secret", "client-a", "client-b"),
    ("tdsynnex", "refresh_token", "1000123", "1000999"),
    ("tdsynnex_xml", "password", "743210", "743299"),
]


def in_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> SecretStore:
    monkeypatch.setenv("PROCDESK_HOME", str(home))
    return secret_store()


@pytest.mark.parametrize(("provider", "field", "account", "other"), ENTRIES)
def test_two_accounts_in_one_profile_never_read_each_others_secret(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    provider: str,
    field: str,
    account: str,
    other: str,
) -> None:
    store = in_home(monkeypatch, tmp_path / "home")
    store.set(account_entry(provider, account), field, "first-secret")
    assert store.get(account_entry(provider, other), field) is None
    store.set(account_entry(provider, other), field, "second-secret")
    assert store.get(account_entry(provider, account), field) == "first-secret"
    assert store.get(account_entry(provider, other), field) == "second-secret"
    assert store.get(account_entry(provider, ""), field) is None  # no account: nothing


@pytest.mark.parametrize(("provider", "field", "account", "other"), ENTRIES)
def test_an_entry_from_before_accounts_moves_to_the_first_account_read_only(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    keyring_backend: MemoryKeyring,
    provider: str,
    field: str,
    account: str,
    other: str,
) -> None:
    store = in_home(monkeypatch, tmp_path / "home")
    service = store.profile.service
    keyring_backend.set_password(service, f"{provider}:{field}", "kept-before-accounts")
    assert store.get(account_entry(provider, account), field) == "kept-before-accounts"
    # moved, not copied: the old name is gone, and another account does not inherit it
    assert keyring_backend.get_password(service, f"{provider}:{field}") is None
    assert keyring_backend.get_password(service, f"{provider}:{account}:{field}") == (
        "kept-before-accounts"
    )
    assert store.get(account_entry(provider, other), field) is None
    # another profile never adopts it either
    elsewhere = in_home(monkeypatch, tmp_path / "elsewhere")
    assert elsewhere.get(account_entry(provider, account), field) is None


def test_an_entry_from_before_profiles_moves_to_the_account_of_the_default_profile(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keyring_backend: MemoryKeyring
) -> None:
    keyring_backend.set_password(LEGACY_SERVICE, "ingram:client_secret", "very-old")
    monkeypatch.delenv("PROCDESK_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    default = secret_store()
    assert default.profile.default
    assert default.get(account_entry("ingram", "client-a"), "client_secret") == "very-old"
    assert keyring_backend.get_password(LEGACY_SERVICE, "ingram:client_secret") is None
    assert default.get(account_entry("ingram", "client-b"), "client_secret") is None


def test_two_ledgers_in_one_profile_keep_their_own_password(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = in_home(monkeypatch, tmp_path / "home")
    urls = [
        "postgresql://worker@db.example/procdesk",
        "postgresql://reader@db.example/procdesk",
        "postgresql://worker@db.example:5433/procdesk",
        "postgresql://worker@other.example/procdesk",
        "postgresql://worker@db.example/procdesk_test",
    ]
    for n, url in enumerate(urls):
        store_ledger_password(store, url, f"pw-{n}")
    assert [ledger_password(url, store) for url in urls] == [f"pw-{n}" for n in range(5)]


def test_storing_for_no_account_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keyring_backend: MemoryKeyring
) -> None:
    store = in_home(monkeypatch, tmp_path / "home")
    with pytest.raises(ValueError, match="no ingram account is configured"):
        store.set(account_entry("ingram", "  "), "client_secret", "s")
    assert keyring_backend.values() == []


@pytest.mark.parametrize(
    ("namespace", "expected"),
    [
        ("ingram:client-a", ("ingram", "client-a")),
        ("autotask:api@msp.example", ("autotask", "api@msp.example")),
        ("tdsynnex:", ("tdsynnex", "")),
        ("ledger:u@db:5432/x", None),  # a ledger is named by its own rule
        ("ingram", None),
    ],
)
def test_account_of_entry(namespace: str, expected: tuple[str, str] | None) -> None:
    assert account_of_entry(namespace) == expected


def test_every_provider_with_a_secret_names_its_account_key() -> None:
    assert set(ACCOUNT_KEY) == {"autotask", "ingram", "tdsynnex", "tdsynnex_xml"}


def test_doctor_and_auth_status_say_which_profile_and_account_they_read(
    procdesk: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    store = in_home(monkeypatch, home)
    assert procdesk("config", "set", "ingram.client_id", "client-a").exit_code == 0
    assert procdesk("config", "set", "ingram.customer_number", "20-222222").exit_code == 0
    store.set(account_entry("ingram", "client-b"), "client_secret", "b-secret")
    profile = str((home / "config.toml").resolve())

    doctor = procdesk("doctor")
    [line] = [x for x in doctor.stdout.splitlines() if "ingram credentials" in x]
    assert "no client_secret in the keyring for account client-a" in line
    assert f"profile {profile}" in line
    store.set(account_entry("ingram", "client-a"), "client_secret", "a-secret")
    [line] = [x for x in procdesk("doctor").stdout.splitlines() if "ingram credentials" in x]
    assert f"stored in the keyring for account client-a, profile {profile}" in line

    status = procdesk("auth", "status", "--json")
    assert status.exit_code == 0, status.output
    rows = {row["provider"]: row for row in json.loads(status.stdout)}
    assert rows["ingram"]["keyring_account"] == "client-a"
    assert rows["autotask"]["keyring_account"] is None
    text = procdesk("auth", "status")
    assert text.stdout.startswith(f"profile {profile}")
    for secret in ("a-secret", "b-secret"):
        assert secret not in doctor.output + status.output + text.output
