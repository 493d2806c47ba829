"""The secret every `procdesk auth` command reads is checked before anything is sent: input
that is not UTF-8, a control or bidirectional character, a non-ASCII character in a secret
that travels in an HTTP header (Autotask's `Secret`), or one too short to be real is bad
usage (exit 2) with an `Error:` line saying what is wrong, never the secret, and no
traceback; no request reaches the provider and nothing is stored.

A refusal quotes the provider's words whole: the secret is masked only where it stands as
itself, so one that happens to sit inside a word ("crede" in "credentials") neither
garbles the message nor gives itself away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import Result

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring
from procdesk.services.auth.secret_rule import MIN_SECRET_LENGTH

AUTOTASK = DEMO_CREDENTIALS.autotask
INGRAM = DEMO_CREDENTIALS.ingram
ION = DEMO_CREDENTIALS.tdsynnex
XML = DEMO_CREDENTIALS.tdsynnex_xml

# Each `auth` command with the options that make it reach the sandbox ({url}: its address).
COMMANDS = {
    "autotask": f"autotask --username {AUTOTASK.username} "
    f"--integration-code {AUTOTASK.integration_code}",
    "ingram": f"ingram --client-id {INGRAM.client_id} "
    f"--customer-number {INGRAM.customer_number} --base-url {{url}}/ingram",
    "tdsynnex": f"tdsynnex --account-id {ION.account_id} --base-url {{url}}/tdsynnex",
    "tdsynnex-xml": f"tdsynnex-xml --customer-number {XML.customer_number} "
    f"--username {XML.username} --base-url {{url}}/tdsynnex",
}
NOT_UTF8 = "is not valid UTF-8 text"
CONTROL = "holds a control character (U+{:04X}); expected printable text"
NON_ASCII = "holds a non-ASCII character, but it travels in the HTTP header 'Secret'"
BIDI = "holds a bidirectional control (U+{:04X}); expected printable text"
TOO_SHORT = f"is shorter than {MIN_SECRET_LENGTH} characters, too short to be a real one"

# (command, what is read from standard input, what the error says, a part of the secret
# that must not be shown)
BAD_SECRETS = [
    pytest.param(
        "autotask", "café-secret-Zq7\n".encode(), NON_ASCII, "-Zq7", id="autotask-non-ascii"
    ),
    pytest.param("autotask", b"caf\xc3-secret-Zq7\n", NOT_UTF8, "-Zq7", id="autotask-not-utf8"),
    pytest.param(
        "autotask",
        b"sandbox-\x1b[31m-secret-Zq7\n",
        CONTROL.format(0x1B),
        "-Zq7",
        id="autotask-esc",
    ),
    pytest.param("autotask", b"abcd\n", TOO_SHORT, "abcd", id="autotask-too-short"),
    pytest.param(
        "ingram", b"sandbox-\xff\xfe-secret-Zq7\n", NOT_UTF8, "-Zq7", id="ingram-not-utf8"
    ),
    pytest.param(
        "ingram", b"sandbox-ingram\x00-secret-Zq7\n", CONTROL.format(0), "-Zq7", id="ingram-nul"
    ),
    pytest.param("ingram", b"Zq7\n", TOO_SHORT, "Zq7", id="ingram-too-short"),
    pytest.param(
        "tdsynnex",
        b"\xed\xa0\x80-surrogate-token-Zq7\n",
        NOT_UTF8,
        "-Zq7",
        id="tdsynnex-encoded-surrogate",
    ),
    pytest.param(
        "tdsynnex",
        "rt-\u202e-token-Zq7\n".encode(),
        BIDI.format(0x202E),
        "-Zq7",
        id="tdsynnex-bidi",
    ),
    pytest.param(
        "tdsynnex-xml",
        b"\tsandbox-ec-password-Zq7\n",
        CONTROL.format(9),
        "-Zq7",
        id="tdsynnex-xml-tab",
    ),
    pytest.param(
        "tdsynnex-xml", b"pass\x7fword-Zq7\n", CONTROL.format(0x7F), "-Zq7", id="tdsynnex-xml-del"
    ),
]


def served(sandbox: SandboxServer) -> dict[str, int]:
    state = httpx.get(f"{sandbox.base_url}/_sandbox/state", timeout=10).json()
    counts: dict[str, int] = state["requests"]["served_per_endpoint"]
    return counts


def auth_line(command: str, sandbox: SandboxServer) -> list[str]:
    return ["auth", *COMMANDS[command].format(url=sandbox.base_url).split(), "--stdin"]


@pytest.fixture
def autotask_configured(procdesk: Callable[..., Result], sandbox: SandboxServer) -> None:
    url = sandbox.provider_urls["autotask"]
    assert procdesk("config", "set", "autotask.base_url", url).exit_code == 0


@pytest.mark.usefixtures("autotask_configured")
@pytest.mark.parametrize(("command", "stdin", "says", "hidden"), BAD_SECRETS)
def test_a_bad_secret_is_refused_before_anything_is_sent(
    procdesk: Callable[..., Result],
    sandbox: SandboxServer,
    isolated_home: Path,
    keyring_backend: MemoryKeyring,
    command: str,
    stdin: bytes,
    says: str,
    hidden: str,
) -> None:
    config = isolated_home / "config.toml"
    before = config.read_bytes()

    result = procdesk(*auth_line(command, sandbox), input=stdin)

    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback: a clean exit
    assert f"Error: the secret {says}" in result.stderr
    assert "nothing was sent" in result.stderr
    assert hidden not in result.output
    assert "Traceback" not in result.output
    assert served(sandbox) == {}
    assert keyring_backend.values() == []
    assert config.read_bytes() == before


def test_a_bad_ledger_password_is_refused_before_connecting(
    procdesk: Callable[..., Result], pg_ledger_url: str, keyring_backend: MemoryKeyring
) -> None:
    for stdin, says in ((b"pw-\xff-Zq7\n", NOT_UTF8), (b"pw-\x1b-Zq7\n", CONTROL.format(0x1B))):
        result = procdesk("--ledger", pg_ledger_url, "auth", "ledger", "--stdin", input=stdin)
        assert result.exit_code == 2, result.output
        assert f"Error: the secret {says}" in result.stderr
        assert "-Zq7" not in result.output
    assert keyring_backend.values() == []


def test_a_non_ascii_secret_outside_headers_reaches_the_provider(
    procdesk: Callable[..., Result], sandbox: SandboxServer, keyring_backend: MemoryKeyring
) -> None:
    secret = "sandbox-ingram-sécret-Zq7"
    result = procdesk(*auth_line("ingram", sandbox), input=f"{secret}\n")
    assert result.exit_code == 1, result.output  # Ingram's answer, in a form body: no header
    assert "Error: ingram refused: Invalid client credentials; nothing was stored" in (
        result.stderr
    )
    assert secret not in result.output
    assert keyring_backend.values() == []


# (command, a wrong secret that sits inside a word of the provider's refusal, the refusal)
INSIDE_A_WORD = [
    ("ingram", "crede", "ingram refused: Invalid client credentials; nothing was stored"),
    (
        "tdsynnex-xml",
        "faile",
        "tdsynnex_xml refused: Login failed: the user ID or password is incorrect.; "
        "nothing was stored",
    ),
    (
        "tdsynnex-xml",
        "sswor",
        "tdsynnex_xml refused: Login failed: the user ID or password is incorrect.; "
        "nothing was stored",
    ),
]


@pytest.mark.parametrize(
    ("command", "secret", "refusal"), INSIDE_A_WORD, ids=[f"{c}-{s}" for c, s, _ in INSIDE_A_WORD]
)
def test_a_refusal_is_quoted_whole_when_the_secret_sits_inside_a_word(
    procdesk: Callable[..., Result],
    sandbox: SandboxServer,
    keyring_backend: MemoryKeyring,
    command: str,
    secret: str,
    refusal: str,
) -> None:
    result = procdesk(*auth_line(command, sandbox), input=f"{secret}\n")
    assert result.exit_code == 1, result.output
    assert f"Error: {refusal}" in result.stderr
    assert "***" not in result.output
    assert "[secret]" not in result.output
    assert keyring_backend.values() == []


def test_the_sandbox_secrets_are_long_enough() -> None:
    secrets = [
        AUTOTASK.secret,
        INGRAM.client_secret,
        INGRAM.mismatch_client_secret,
        INGRAM.rotated_client_secret,
        ION.refresh_token,
        ION.portal_refresh_token,
        XML.password,
    ]
    assert min(len(s) for s in secrets) >= MIN_SECRET_LENGTH
