"""`procdesk auth ingram|tdsynnex|tdsynnex-xml`: every option is checked as `procdesk config
set` checks it before anything is sent or stored. A wrong one (plain http to another host,
a malformed country code) is bad usage (exit 2) in the validator's words, no request reaches
the provider, and the config file and the keyring stay byte for byte as they were. When the
config file cannot be written after the provider accepted the secret, the keyring is put
back too: the two change together or not at all.

A second sandbox listens on 127.0.0.2: a loopback address the machine answers on, but not
one the URL rule allows plain http to, so a request sent there in clear is seen arriving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import Result

from procdesk.domain.enums import Distributor
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring, SecretStore
from procdesk.services.auth.distributors import SECRET_FIELD
from procdesk.wiring import secret_store
from tests.support.keyring_entries import demo_entry

INGRAM = DEMO_CREDENTIALS.ingram
ION = DEMO_CREDENTIALS.tdsynnex
XML = DEMO_CREDENTIALS.tdsynnex_xml
PLAIN_HTTP = "expected https:// (plain http is allowed only for 127.0.0.1/localhost)"
OLD_SECRET = "the-secret-stored-before-Q1w2"


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[SandboxServer]:
    """A sandbox on 127.0.0.2, which plain http may not be sent to."""
    try:
        server = SandboxServer(SandboxConfig(host="127.0.0.2", port=0)).start()
    except OSError as exc:  # pragma: no cover - a system without 127.0.0.0/8 on loopback
        pytest.skip(f"cannot listen on 127.0.0.2: {exc}")
    try:
        yield server
    finally:
        server.stop()


def requests_served(server: SandboxServer) -> dict[str, int]:
    state = httpx.get(f"{server.base_url}/_sandbox/state", timeout=10).json()
    served: dict[str, int] = state["requests"]["served_per_endpoint"]
    return served


def reset(server: SandboxServer) -> None:
    httpx.post(f"{server.base_url}/_sandbox/reset", timeout=10).raise_for_status()


# (command line after `auth`, {far}/{near} standing for a sandbox's address; the key and
# the validator's words the error holds)
WRONG_OPTIONS = [
    pytest.param(
        f"ingram --client-id {INGRAM.client_id} --customer-number {INGRAM.customer_number} "
        "--base-url {far}/ingram",
        "ingram.base_url",
        PLAIN_HTTP,
        id="ingram-plain-http-elsewhere",
    ),
    pytest.param(
        f"tdsynnex --account-id {ION.account_id} --base-url {{far}}/tdsynnex",
        "tdsynnex.base_url",
        PLAIN_HTTP,
        id="tdsynnex-plain-http-elsewhere",
    ),
    pytest.param(
        f"tdsynnex-xml --customer-number {XML.customer_number} --username {XML.username} "
        "--base-url {far}/tdsynnex",
        "tdsynnex_xml.base_url",
        PLAIN_HTTP,
        id="tdsynnex-xml-plain-http-elsewhere",
    ),
    pytest.param(
        f"ingram --client-id {INGRAM.client_id} --customer-number 20-333333 "
        "--country-code usa --base-url {near}/ingram",
        "ingram.country_code",
        "String should match pattern",
        id="ingram-country-code",
    ),
    pytest.param(
        f"ingram --client-id {INGRAM.client_id} --base-url {{near}}/ingram?debug=1",
        "ingram.base_url",
        "expected a base URL without ?query or #fragment",
        id="ingram-url-with-query",
    ),
]


@pytest.mark.parametrize(("line", "key", "says"), WRONG_OPTIONS)
def test_a_wrong_option_sends_nothing_and_changes_nothing(
    procdesk: Callable[..., Result],
    sandbox: SandboxServer,
    elsewhere: SandboxServer,
    isolated_home: Path,
    keyring_backend: MemoryKeyring,
    secrets: SecretStore,
    line: str,
    key: str,
    says: str,
) -> None:
    config = isolated_home / "config.toml"
    assert procdesk("config", "set", "ingram.customer_number", "20-111111").exit_code == 0
    before = config.read_bytes()
    for distributor, field in SECRET_FIELD.items():
        secrets.set(demo_entry(distributor.value), field, OLD_SECRET)
    keyring_before = sorted(keyring_backend.values())
    reset(elsewhere)
    args = line.format(far=elsewhere.base_url, near=sandbox.base_url).split()
    secret = {"ingram": INGRAM.client_secret, "tdsynnex": ION.refresh_token}.get(
        args[0], XML.password
    )

    result = procdesk("auth", *args, "--stdin", input=f"{secret}\n")

    assert result.exit_code == 2, result.output
    assert f"Error: {key}: " in result.stderr
    assert says in result.stderr
    assert secret not in result.output
    assert requests_served(elsewhere) == {}
    assert requests_served(sandbox) == {}
    assert config.read_bytes() == before
    assert sorted(keyring_backend.values()) == keyring_before


def auth_ingram(procdesk: Callable[..., Result], url: str, *options: str) -> Result:
    """`procdesk auth ingram` with the sandbox's account at `url`, the secret on stdin."""
    account = ("--client-id", INGRAM.client_id, "--customer-number", INGRAM.customer_number)
    return procdesk(
        "auth",
        "ingram",
        *account,
        *options,
        "--base-url",
        url,
        "--stdin",
        input=f"{INGRAM.client_secret}\n",
    )


def test_all_options_are_written_once_the_secret_is_accepted(
    procdesk: Callable[..., Result], sandbox: SandboxServer, keyring_backend: MemoryKeyring
) -> None:
    url = sandbox.provider_urls["ingram"]
    result = auth_ingram(procdesk, url, "--sender-id", INGRAM.sender_id)
    assert result.exit_code == 0, result.output
    shown = procdesk("config", "show").stdout
    for value in (INGRAM.client_id, INGRAM.customer_number, INGRAM.sender_id, url):
        assert f'"{value}"  # file' in shown
    assert keyring_backend.values() == [INGRAM.client_secret]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("stored_before", [None, OLD_SECRET])
def test_a_config_file_that_cannot_be_written_puts_the_keyring_back(
    procdesk: Callable[..., Result],
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    keyring_backend: MemoryKeyring,
    stored_before: str | None,
) -> None:
    # /proc takes no new files, not even from root: the config file's folder is unwritable
    monkeypatch.setenv("PROCDESK_CONFIG", "/proc/procdesk-test-unwritable/config.toml")
    if stored_before is not None:  # (the profile is the config file's: made after setenv)
        secrets = secret_store(keyring_backend)
        secrets.set(demo_entry("ingram"), SECRET_FIELD[Distributor.INGRAM], stored_before)

    result = auth_ingram(procdesk, sandbox.provider_urls["ingram"])

    assert result.exit_code == 1, result.output
    assert "ingram accepted the credentials, but the config file could not be written" in (
        result.stderr
    )
    assert "the keyring was put back as it was" in result.stderr
    assert INGRAM.client_secret not in result.output
    assert "POST /ingram/oauth/{id}/token" in requests_served(sandbox)  # it was verified
    assert keyring_backend.values() == ([] if stored_before is None else [stored_before])


def test_a_linked_config_file_stays_a_link(
    procdesk: Callable[..., Result], sandbox: SandboxServer, isolated_home: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "dotfiles" / "procdesk.toml"
    shared.parent.mkdir()
    shared.write_text("# from the dotfiles\n", encoding="utf-8")
    isolated_home.mkdir(parents=True, exist_ok=True)
    link = isolated_home / "config.toml"
    link.symlink_to(shared)

    result = auth_ingram(procdesk, sandbox.provider_urls["ingram"])

    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert link.resolve() == shared
    assert f'client_id = "{INGRAM.client_id}"' in shared.read_text(encoding="utf-8")
