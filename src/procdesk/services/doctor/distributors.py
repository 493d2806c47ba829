"""Doctor: is each configured distributor reachable, are its credentials accepted, how long
do its tokens last, and is its work paused?"""

from __future__ import annotations

from datetime import UTC, datetime

from procdesk.config.distributors import missing_distributor_keys
from procdesk.domain.enums import ORDERING_DISTRIBUTORS, CredentialState, Distributor, OrderStatus
from procdesk.integrations.errors import ProviderError
from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.services.procurement.outcomes import is_paused
from procdesk.store import order_work


def _left(until: datetime | None, now: datetime) -> str:
    if until is None:
        return ""
    hours = (until - now).total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} h"


async def _one(env: DoctorEnv, distributor: Distributor) -> CheckResult | None:
    settings = env.settings
    if settings is None or missing_distributor_keys(settings, distributor):
        return None  # the provider setup check already says what is missing
    name = f"{distributor.value} live"
    try:
        client = env.distributor_client(settings, distributor)
    except ProviderError as exc:
        return CheckResult(name, Level.WARN, exc.message)
    try:
        status = await client.verify()
    except ProviderError as exc:
        return CheckResult(name, Level.FAIL, f"not reachable: {exc}")
    finally:
        await client.aclose()
    if status.state is not CredentialState.OK:
        return CheckResult(
            name,
            Level.FAIL,
            f"{status.message} (`procdesk auth {distributor.value.replace('_', '-')}`)",
        )
    now = datetime.now(UTC)
    lifetimes = [
        f"access token {_left(status.access_expires_at, now)}" if status.access_expires_at else "",
        f"refresh token {_left(status.refresh_expires_at, now)}"
        if status.refresh_expires_at
        else "",
    ]
    detail = "reachable, credentials accepted" + "".join(f"; {x}" for x in lifetimes if x)
    return CheckResult(name, Level.OK, detail)


async def _paused(env: DoctorEnv, distributor: Distributor) -> CheckResult | None:
    if env.ledger is None:
        return None
    async with env.ledger.read() as conn:
        if not await is_paused(conn, distributor):
            return None
        waiting = await order_work.ids_in_status(
            conn, [OrderStatus.PROCESSING], distributor=distributor
        )
    return CheckResult(
        f"{distributor.value} orders",
        Level.WARN,
        f"paused: {len(waiting)} order(s) wait for "
        f"`procdesk auth {distributor.value.replace('_', '-')}`",
    )


async def check_distributors(env: DoctorEnv) -> list[CheckResult]:
    results: list[CheckResult] = []
    for distributor in ORDERING_DISTRIBUTORS:
        for result in (await _one(env, distributor), await _paused(env, distributor)):
            if result is not None:
                results.append(result)
    return results
