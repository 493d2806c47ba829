"""`procdesk doctor`, `--version`, and what `--help` must not import."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from procdesk import __version__
from procdesk.secrets import MemoryKeyring
from procdesk.services.doctor import CHECKS, CheckResult, DoctorEnv, Level, register
from tests.fixtures.cli import json_rows

REPO = Path(__file__).resolve().parents[2]


def _levels(result: Result) -> dict[str, str]:
    return {row["check"]: row["level"] for row in json_rows(result)}


def test_doctor_on_a_fresh_home(procdesk: Callable[..., Result]) -> None:
    result = procdesk("doctor", "--json")
    assert result.exit_code == 0, result.stdout
    levels = _levels(result)
    assert levels["config"] == "ok"
    assert levels["ledger"] == "ok"
    assert levels["keyring"] == "ok"
    assert levels["autotask config"] == "warn"
    assert levels["tdsynnex credentials"] == "warn"
    human = procdesk("doctor").stdout
    assert "[warn] ingram config" in human
    assert "ingram.client_id, ingram.customer_number unset" in human


def test_doctor_sees_configured_and_stored_credentials(
    procdesk: Callable[..., Result], keyring_backend: MemoryKeyring
) -> None:
    procdesk("config", "set", "tdsynnex.account_id", "ACC-1")
    keyring_backend.set_password("procdesk", "tdsynnex:refresh_token", "rt-secret-value")
    result = procdesk("doctor", "--json")
    levels = _levels(result)
    assert levels["tdsynnex config"] == "ok"
    assert levels["tdsynnex credentials"] == "ok"
    assert "rt-secret-value" not in result.stdout


def test_doctor_fails_on_broken_config_and_ledger(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text("[autotask\n", encoding="utf-8")
    result = procdesk("doctor", "--json")
    assert result.exit_code == 1
    rows = {r["check"]: r for r in json_rows(result)}
    assert rows["config"]["level"] == "fail"
    assert "cannot parse config file" in rows["config"]["detail"]
    assert rows["ledger"]["level"] == "fail"


def test_doctor_runs_registered_checks(procdesk: Callable[..., Result]) -> None:
    async def extra(env: DoctorEnv) -> list[CheckResult]:
        assert env.settings is not None
        assert env.ledger is not None
        return [CheckResult("extra", Level.FAIL, "extra check ran")]

    register(extra)
    try:
        result = procdesk("doctor")
    finally:
        CHECKS.remove(extra)
    assert result.exit_code == 1
    assert "[FAIL] extra" in result.stdout


def test_version(procdesk: Callable[..., Result]) -> None:
    result = procdesk("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"procdesk, version {__version__}"


def test_top_level_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from procdesk.cli.main import cli\n"
        "try:\n    cli.main(['--help'], prog_name='procdesk')\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'textual', 'httpx', 'pydantic', 'alembic')\n"
        "               if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert "Usage: procdesk" in done.stdout
    for command in ("quotes", "charges", "orders", "issues", "config", "doctor"):
        assert f"  {command} " in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "HEAVY="


def test_group_help_lists_lazy_subcommands(procdesk: Callable[..., Result]) -> None:
    result = procdesk("quotes", "--help")
    assert result.exit_code == 0
    for sub in ("import", "list", "show"):
        assert f"  {sub} " in result.stdout


def test_json_output_is_only_an_array(procdesk: Callable[..., Result]) -> None:
    result = procdesk("charges", "list", "--json")
    assert json.loads(result.stdout) == []
    assert result.stdout.strip() == "[]"
