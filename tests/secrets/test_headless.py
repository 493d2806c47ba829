"""The headless keyring: an encrypted file unlocked by an owner-only key file, no prompt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from procdesk.secrets import KeyringUnavailableError, SecretStore
from procdesk.secrets.accounts import account_entry
from procdesk.secrets.headless_backend import HeadlessKeyring
from procdesk.secrets.key_file import HeadlessKeyError
from procdesk.wiring import secret_store

REPO = Path(__file__).resolve().parents[2]
ACCOUNT = "api@msp.example"
ENTRY = account_entry("autotask", ACCOUNT)
KEY = "k" * 8 + "Zq3vN0pXw1Lr7sTb9yUe4HcMfGa2DjK5"


def write_key(path: Path, key: str = KEY, mode: int = 0o600) -> Path:
    path.write_text(key + "\n")
    path.chmod(mode)
    return path


@pytest.fixture
def headless_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {
        "PROCDESK_KEYRING_KEY_FILE": str(write_key(tmp_path / "keyring.key")),
        "PROCDESK_KEYRING_FILE": str(tmp_path / "keyring" / "keyring.cfg"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_round_trip_across_processes_without_a_prompt(
    headless_env: dict[str, str], tmp_path: Path, isolated_home: Path
) -> None:
    store = secret_store(HeadlessKeyring())
    store.set(ENTRY, "secret", "headless-secret")
    keyring_file = Path(headless_env["PROCDESK_KEYRING_FILE"])
    assert oct(keyring_file.stat().st_mode & 0o777) == "0o600"
    assert oct(keyring_file.parent.stat().st_mode & 0o777) == "0o700"
    assert "headless-secret" not in keyring_file.read_text()
    assert secret_store(HeadlessKeyring()).get(ENTRY, "secret") == "headless-secret"

    # another process, with nothing but the key file configured: keyring picks the backend
    # by itself and reads the secret; stdin is closed, so any prompt would fail the run
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env |= {"PYTHONPATH": str(REPO / "src"), "PROCDESK_HOME": str(isolated_home)}
    env["PROCDESK_AUTOTASK__USERNAME"] = ACCOUNT
    done = subprocess.run(
        [sys.executable, "-m", "procdesk", "doctor"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "backend procdesk.secrets.headless_backend.HeadlessKeyring" in done.stdout
    [autotask] = [line for line in done.stdout.splitlines() if "autotask credentials" in line]
    assert "stored in the keyring" in autotask


def test_a_key_others_can_read_is_refused(headless_env: dict[str, str]) -> None:
    Path(headless_env["PROCDESK_KEYRING_KEY_FILE"]).chmod(0o644)
    with pytest.raises(HeadlessKeyError, match="chmod 600"):
        HeadlessKeyring()
    assert not HeadlessKeyring.viable


def test_a_short_key_is_refused(headless_env: dict[str, str]) -> None:
    write_key(Path(headless_env["PROCDESK_KEYRING_KEY_FILE"]), "short")
    with pytest.raises(HeadlessKeyError, match="openssl rand"):
        HeadlessKeyring()


def test_no_key_means_not_viable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROCDESK_KEYRING_KEY_FILE", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    assert not HeadlessKeyring.viable


def test_a_systemd_credential_is_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    write_key(credentials / "procdesk-keyring-key", mode=0o400)
    monkeypatch.delenv("PROCDESK_KEYRING_KEY_FILE", raising=False)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    monkeypatch.setenv("PROCDESK_KEYRING_FILE", str(tmp_path / "k.cfg"))
    store = SecretStore(HeadlessKeyring())
    store.set("ingram", "client_secret", "from-systemd")
    assert SecretStore(HeadlessKeyring()).get("ingram", "client_secret") == "from-systemd"


def test_another_key_does_not_open_the_file_and_never_prompts(
    headless_env: dict[str, str],
) -> None:
    SecretStore(HeadlessKeyring()).set("autotask", "secret", "s")
    write_key(Path(headless_env["PROCDESK_KEYRING_KEY_FILE"]), "x" * 40)
    with pytest.raises(KeyringUnavailableError, match="does not open"):
        SecretStore(HeadlessKeyring()).get("autotask", "secret")


DAMAGE = ["not-ini", "not-utf8", "cut-short", "entry-garbled"]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_is_one_error_with_its_fix(
    headless_env: dict[str, str], damage: str
) -> None:
    """A keyring file damaged on disk (a bad restore, a disk error, an editor) is the
    keyring error commands report as one line, naming the file: never the parser's own
    exception, and never the file's contents."""
    SecretStore(HeadlessKeyring()).set("autotask", "secret", "stored-before")
    path = Path(headless_env["PROCDESK_KEYRING_FILE"])
    text = path.read_text()
    entry = text.rsplit("[procdesk", 1)[1]
    written = {
        "not-ini": b"this is not ini\n",
        "not-utf8": b"\xff\xfe\x00garbage",
        "cut-short": text[: len(text) // 2].encode(),
        "entry-garbled": text.replace(entry, entry.replace("eyJ", "!!!", 1)).encode(),
    }[damage]
    path.write_bytes(written)

    with pytest.raises(KeyringUnavailableError) as raised:
        SecretStore(HeadlessKeyring()).get("autotask", "secret")

    message = str(raised.value)
    assert message.startswith(f"the keyring file {path} is damaged")
    assert message.endswith("store the secrets again with `procdesk auth ...`")
    assert "this is not ini" not in message
