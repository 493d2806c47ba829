"""No warning ever reaches a user's terminal: the commands that touch OAuth run as a user
runs them (a separate process, Python's default warning filters) and print none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from tests.support.file_keyring import ENV as KEYRING_ENV
from tests.support.procurement import portal_refresh_token

REPO = Path(__file__).resolve().parents[2]


def _env(sandbox: SandboxServer, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROCDESK_", "PYTHONWARNINGS"))}
    return env | {
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.JsonFileKeyring",
        KEYRING_ENV: str(tmp_path / "keyring.json"),
        "PROCDESK_HOME": str(tmp_path / "home"),
        "PROCDESK_INGRAM__BASE_URL": sandbox.provider_urls["ingram"],
        "PROCDESK_TDSYNNEX__BASE_URL": sandbox.provider_urls["tdsynnex"],
    }


def _run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "procdesk", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_oauth_commands_print_no_warning(sandbox: SandboxServer, tmp_path: Path) -> None:
    env = _env(sandbox, tmp_path)
    ingram = DEMO_CREDENTIALS.ingram
    runs = [
        _run(
            env,
            "auth",
            "ingram",
            "--client-id",
            ingram.client_id,
            "--customer-number",
            ingram.customer_number,
            "--country-code",
            ingram.country_code,
            "--stdin",
            stdin=f"{ingram.client_secret}\n",
        ),
        _run(
            env,
            "auth",
            "tdsynnex",
            "--account-id",
            DEMO_CREDENTIALS.tdsynnex.account_id,
            "--stdin",
            stdin=f"{portal_refresh_token(sandbox)}\n",
        ),
        _run(env, "doctor"),
    ]
    for done in runs:
        assert "verified and stored" in done.stdout or "[" in done.stdout, done.stderr
        assert "Warning" not in done.stderr, done.stderr
        assert "deprecated" not in (done.stdout + done.stderr).lower()
    assert "ingram live" in runs[2].stdout  # doctor did talk OAuth to both distributors
    assert "tdsynnex live" in runs[2].stdout
