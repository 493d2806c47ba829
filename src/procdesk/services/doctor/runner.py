"""Running the doctor checks in order."""

from __future__ import annotations

from procdesk.services.doctor.autotask import check_autotask
from procdesk.services.doctor.checks import (
    check_config,
    check_keyring,
    check_ledger,
    check_providers,
)
from procdesk.services.doctor.distributors import check_distributors
from procdesk.services.doctor.health import check_health
from procdesk.services.doctor.ledger import check_ledger_integrity, check_private_files
from procdesk.services.doctor.model import Check, CheckResult, DoctorEnv, Level
from procdesk.services.doctor.team import check_team_ledger

CHECKS: list[Check] = [
    check_config,
    check_ledger,
    check_ledger_integrity,
    check_private_files,
    check_team_ledger,
    check_keyring,
    check_providers,
    check_distributors,
    check_autotask,
    check_health,
]


def register(check: Check) -> Check:
    """Append a check (usable as a decorator); live provider checks are added this way."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


async def run_checks(env: DoctorEnv) -> list[CheckResult]:
    """Every check in order; a broken check is a failure line, not a crash."""
    results: list[CheckResult] = []
    for check in list(CHECKS):
        try:
            results += await check(env)
        except Exception as exc:  # a broken check must not hide the others
            name = getattr(check, "__name__", "check")
            results.append(CheckResult(name, Level.FAIL, f"{type(exc).__name__}: {exc}"))
    return results
