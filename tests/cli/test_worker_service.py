"""What an admin runs a worker with: the systemd unit and container recipe in deploy/, and
the worker's one-line-per-event logs. (The outage test in tests/team/ runs real workers and
`worker --check`, and tests/team/test_deploy_recipes.py runs the recipes' own command
lines and environments; containers cannot be started on the CI machine.)"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from procdesk.cli.log_format import JsonFormatter, TextFormatter
from procdesk.cli.main import cli
from procdesk.secrets.key_file import KEY_FILE_ENV, KEYRING_FILE_ENV, SYSTEMD_CREDENTIAL

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in (DEPLOY / "procdesk-worker.service").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def test_the_systemd_unit_runs_the_worker_as_a_service() -> None:
    unit = unit_settings()
    assert unit["ExecStart"][0].endswith("/procdesk worker")
    assert unit["Restart"] == ["on-failure"]
    assert unit["KillSignal"] == ["SIGTERM"]
    assert unit["LoadCredential"][0].startswith(f"{SYSTEMD_CREDENTIAL}:")
    env = dict(e.split("=", 1) for e in unit["Environment"])
    assert KEYRING_FILE_ENV in env
    assert ":" not in env["PROCDESK_LEDGER"].split("//", 1)[1].split("@")[0]  # no password


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    procdesk = Path(sys.executable).with_name("procdesk")
    text = (DEPLOY / "procdesk-worker.service").read_text()
    unit = tmp_path / "procdesk-worker.service"
    unit.write_text(text.replace("/opt/procdesk/.venv/bin/procdesk", str(procdesk)))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in done.stderr.splitlines() if "procdesk-worker" in line]
    assert problems == [], done.stderr


def test_the_container_recipe_uses_commands_and_settings_that_exist() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    compose = (DEPLOY / "compose.yaml").read_text()
    assert 'CMD ["procdesk", "worker", "--check"]' in dockerfile
    assert 'CMD ["procdesk", "worker"]' in dockerfile
    help_text = CliRunner().invoke(cli, ["worker", "--help"]).stdout
    assert "--check" in help_text
    assert "--log-format" in help_text
    assert KEY_FILE_ENV in compose
    assert KEYRING_FILE_ENV in dockerfile
    assert "'.[headless]'" in dockerfile
    names = set(re.findall(r"PROCDESK_[A-Z_]+", dockerfile + compose))
    assert names <= {
        "PROCDESK_HOME",
        "PROCDESK_LEDGER",
        "PROCDESK_LOG_FORMAT",
        KEY_FILE_ENV,
        KEYRING_FILE_ENV,
    }


def record(message: str, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("procdesk.x", logging.WARNING, __file__, 1, message, (), info)


def failure() -> BaseException:
    try:
        raise ConnectionRefusedError("connect call\nfailed")
    except ConnectionRefusedError as exc:
        return exc


def test_a_log_event_is_one_line_as_text_and_as_json() -> None:
    text = TextFormatter().format(record("ledger\nunreachable", failure()))
    assert "\n" not in text
    assert text.endswith(
        "WARNING procdesk.x: ledger unreachable | ConnectionRefusedError: connect call failed"
    )
    line = JsonFormatter().format(record("ledger unreachable", failure()))
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["message"]) == ("WARNING", "ledger unreachable")
    assert "Traceback" in entry["traceback"]
