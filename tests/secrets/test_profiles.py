"""Secrets per profile, and only in keyrings that keep them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backends.null
import pytest
from click.testing import Result

from procdesk.secrets import (
    LEGACY_SERVICE,
    DemoProfileError,
    MemoryKeyring,
    NotPersistentError,
    Profile,
    SecretStore,
)
from procdesk.wiring import current_profile, ledger_password, secret_store, store_ledger_password


def in_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> SecretStore:
    monkeypatch.setenv("PROCDESK_HOME", str(home))
    return secret_store()


def test_two_profiles_never_see_each_others_secrets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keyring_backend: MemoryKeyring
) -> None:
    sandbox = in_home(monkeypatch, tmp_path / "sandbox")
    sandbox.set("autotask", "secret", "sandbox-secret")
    store_ledger_password(sandbox, "postgresql://u@db/x", "sandbox-pw")
    production = in_home(monkeypatch, tmp_path / "production")
    production.set("autotask", "secret", "production-secret")

    assert production.get("autotask", "secret") == "production-secret"
    assert production.get("ingram", "client_secret") is None
    assert ledger_password("postgresql://u@db/x", production) is None
    assert sandbox.get("autotask", "secret") == "sandbox-secret"
    assert ledger_password("postgresql://u@db/x", sandbox) == "sandbox-pw"
    brand_new = in_home(monkeypatch, tmp_path / "new")
    assert brand_new.get("autotask", "secret") is None
    assert sandbox.profile.service != production.profile.service


def test_a_new_home_reports_no_credentials_from_another_home(
    procdesk: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    in_home(monkeypatch, tmp_path / "first").set("autotask", "secret", "first-secret")
    monkeypatch.setenv("PROCDESK_HOME", str(tmp_path / "second"))
    result = procdesk("doctor")
    [line] = [x for x in result.stdout.splitlines() if "autotask credentials" in x]
    assert "no secret in the keyring" in line
    [keyring_line] = [x for x in result.stdout.splitlines() if x.startswith("[ok  ] keyring")]
    assert str((tmp_path / "second" / "config.toml").resolve()) in keyring_line
    status = procdesk("auth", "status")
    assert status.stdout.startswith(f"profile {(tmp_path / 'second' / 'config.toml').resolve()}")


def test_entries_from_before_profiles_move_into_the_default_profile_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keyring_backend: MemoryKeyring
) -> None:
    keyring_backend.set_password(LEGACY_SERVICE, "autotask:secret", "old-secret")
    keyring_backend.set_password(LEGACY_SERVICE, "ledger:password", "old-pw")

    other = in_home(monkeypatch, tmp_path / "other")  # an explicit home: not the user's own
    assert other.get("autotask", "secret") is None
    assert ledger_password("postgresql://u@db/x", other) is None

    monkeypatch.delenv("PROCDESK_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # the default profile
    default = secret_store()
    assert default.profile.default
    assert default.get("autotask", "secret") == "old-secret"
    assert ledger_password("postgresql://u@db/x", default) == "old-pw"
    # moved, not copied: nothing is left under the shared service
    assert keyring_backend.get_password(LEGACY_SERVICE, "autotask:secret") is None
    assert keyring_backend.get_password(LEGACY_SERVICE, "ledger:password") is None
    assert default.get("autotask", "secret") == "old-secret"


@pytest.mark.parametrize(
    "backend", [MemoryKeyring(), keyring.backends.null.Keyring()], ids=["memory", "null"]
)
def test_a_backend_that_forgets_is_refused_with_the_fix(
    backend: keyring.backend.KeyringBackend,
) -> None:
    store = SecretStore(backend)
    with pytest.raises(NotPersistentError) as caught:
        store.set("autotask", "secret", "s")
    assert "does not keep secrets after this process ends" in str(caught.value)
    assert "HeadlessKeyring" in str(caught.value)


def test_auth_into_a_forgetful_backend_refuses_and_stores_nothing(
    procdesk: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    forgetful = MemoryKeyring()  # as PYTHON_KEYRING_BACKEND=procdesk.secrets.MemoryKeyring
    keyring.set_keyring(forgetful)
    result = procdesk("auth", "tdsynnex", "--account-id", "1000123", "--stdin", input="rt-value\n")
    assert result.exit_code == 1
    assert "does not keep secrets after this process ends" in result.stderr
    assert forgetful.values() == []


def test_the_memory_keyring_is_never_chosen_by_itself() -> None:
    assert not MemoryKeyring.viable


def test_another_process_pointed_at_a_running_demo_says_it_cannot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo_home = tmp_path / "demo-home"
    demo_home.mkdir()
    (demo_home / "demo.pid").write_text(str(os.getpid() + 1))
    monkeypatch.setenv("PROCDESK_HOME", str(demo_home))
    store = secret_store()
    assert current_profile().demo_pid == os.getpid() + 1
    with pytest.raises(DemoProfileError) as caught:
        store.get("autotask", "secret")
    assert "running `procdesk demo`" in str(caught.value)
    # the demo's own process reads its in-memory keyring as usual
    own = SecretStore(store._backend, profile=Profile(store.profile.name, demo_pid=os.getpid()))
    assert own.get("autotask", "secret") is None
