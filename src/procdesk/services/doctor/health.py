"""Doctor: each provider's health as the ledger records it, in the words the header uses.

The live checks ask the providers now; this one reads the same facts as the dashboard's
header, the issues pane and `procdesk auth status` (services.auth.health), so the doctor
never reports a provider as healthy while the dashboard shows it failing.
"""

from __future__ import annotations

from procdesk.domain.health import Condition
from procdesk.domain.health import Level as HealthLevel
from procdesk.services.auth.health import PROVIDER_TITLE, HealthService, state_text
from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level

_LEVEL = {HealthLevel.OK: Level.OK, HealthLevel.WARN: Level.WARN, HealthLevel.FAIL: Level.FAIL}


async def check_health(env: DoctorEnv) -> list[CheckResult]:
    if env.ledger is None:
        return []
    service = HealthService(env.ledger)
    now = service.now()
    results = []
    for health in await service.all():
        if health.condition is Condition.UNCHECKED:
            continue
        detail = state_text(health, now)
        if health.reason:
            detail += f" — {health.reason}"
        if health.needs_reauth:
            detail += f" (`procdesk auth {health.provider.value}`)"
        results.append(
            CheckResult(
                f"{health.provider.value} health",
                _LEVEL[health.level],
                f"{PROVIDER_TITLE[health.provider]}: {detail}",
            )
        )
    return results
