"""`procdesk doctor`: the checks on a fresh home, configured and stored credentials, a broken
config and ledger, and checks registered by others."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from procdesk.secrets import MemoryKeyring
from procdesk.services.doctor import CHECKS, CheckResult, DoctorEnv, Level, register
from procdesk.wiring import secret_store
from tests.support.cli import json_rows


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
    secret_store(keyring_backend).set("tdsynnex", "refresh_token", "rt-secret-value")
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
