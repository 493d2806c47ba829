"""Running the doctor checks in order."""

from __future__ import annotations

from procdesk.config import ConfigError, config_file, load_settings
from procdesk.secrets import SecretStore
from procdesk.services.doctor.autotask import check_autotask
from procdesk.services.doctor.checks import (
    check_config,
    check_keyring,
    check_ledger,
    check_providers,
)
from procdesk.services.doctor.distributors import check_distributors
from procdesk.services.doctor.model import Check, CheckResult, DoctorEnv, Level
from procdesk.services.doctor.team import check_team_ledger
from procdesk.services.team_ledger import open_ledger
from procdesk.store.ledger import LedgerError

CHECKS: list[Check] = [
    check_config,
    check_ledger,
    check_team_ledger,
    check_keyring,
    check_providers,
    check_distributors,
    check_autotask,
]


def register(check: Check) -> Check:
    """Append a check (usable as a decorator); live provider checks are added this way."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


async def run_checks(
    *, ledger_url: str | None = None, secrets: SecretStore | None = None
) -> list[CheckResult]:
    path = config_file()
    try:
        settings, config_error = load_settings(path), None
    except ConfigError as exc:
        settings, config_error = None, str(exc)
    secrets = secrets or SecretStore()
    ledger, ledger_error = None, None
    target = ledger_url or (settings.ledger if settings else None)
    if target is None:
        ledger_error = "not opened: the configuration is invalid"
    else:
        try:
            ledger = await open_ledger(target, secrets)
        except LedgerError as exc:
            ledger_error = str(exc)
    env = DoctorEnv(path, settings, config_error, ledger, ledger_error, secrets)
    results: list[CheckResult] = []
    try:
        for check in list(CHECKS):
            try:
                results += await check(env)
            except Exception as exc:  # a broken check must not hide the others
                name = getattr(check, "__name__", "check")
                results.append(CheckResult(name, Level.FAIL, f"{type(exc).__name__}: {exc}"))
    finally:
        if ledger is not None:
            await ledger.close()
    return results
