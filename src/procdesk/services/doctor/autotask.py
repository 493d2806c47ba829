"""Doctor: Autotask's zone, whether it accepts the credentials, the hourly API budget in
use (ThresholdInformation), and whether charge sync is paused."""

from __future__ import annotations

from procdesk.domain.enums import ChargeStatus, Provider
from procdesk.integrations.errors import AuthenticationError, ProviderError
from procdesk.secrets import KeyringUnavailableError
from procdesk.services.auth.credentials import CredentialService
from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.store import charges as charge_store

SLOWDOWN_FRACTION = 0.5  # Autotask adds latency to every call from half the hourly limit


async def _live(env: DoctorEnv) -> list[CheckResult]:
    settings = env.settings
    if settings is None or not settings.autotask.username or not settings.autotask.integration_code:
        return []  # the provider setup check already says what is missing
    try:
        client = env.autotask_client(settings)
    except (ProviderError, KeyringUnavailableError):
        return []  # no secret stored: reported by the credentials check
    results: list[CheckResult] = []
    try:
        zone = await client.zone()
        results.append(
            CheckResult("autotask zone", Level.OK, f"{zone.zone_name or 'zone'} at {zone.url}")
        )
        usage = await client.threshold_information()
    except AuthenticationError as exc:
        results.append(
            CheckResult("autotask live", Level.FAIL, f"{exc.message} (`procdesk auth autotask`)")
        )
        return results
    except ProviderError as exc:
        results.append(CheckResult("autotask live", Level.FAIL, f"not reachable: {exc}"))
        return results
    finally:
        await client.aclose()
    results.append(CheckResult("autotask live", Level.OK, "reachable, credentials accepted"))
    share = usage.used_fraction
    results.append(
        CheckResult(
            "autotask API usage",
            Level.WARN if share >= SLOWDOWN_FRACTION else Level.OK,
            f"{usage.current_timeframe_request_count} of {usage.external_request_threshold} "
            f"requests this hour ({share:.0%})"
            + ("; Autotask slows calls down above 50%" if share >= SLOWDOWN_FRACTION else ""),
        )
    )
    return results


async def _paused(env: DoctorEnv) -> list[CheckResult]:
    if env.ledger is None:
        return []
    credentials = CredentialService(env.ledger, actor="doctor")
    if not await credentials.is_paused(Provider.AUTOTASK):
        return []
    async with env.ledger.read() as conn:
        waiting = await charge_store.ids_with_status(conn, ChargeStatus.PENDING)
    return [
        CheckResult(
            "autotask charges",
            Level.WARN,
            f"sync paused: {len(waiting)} pending charge(s) wait for `procdesk auth autotask`",
        )
    ]


async def check_autotask(env: DoctorEnv) -> list[CheckResult]:
    return [*await _live(env), *await _paused(env)]
