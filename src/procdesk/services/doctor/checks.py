"""The foundation's checks: config, ledger, keyring, and per-provider setup."""

from __future__ import annotations

from procdesk.config import Settings
from procdesk.secrets import KeyringUnavailableError
from procdesk.secrets.accounts import ACCOUNT_KEY, account_entry
from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.store.migrate import current_revision, head_revision

# Per provider: the config keys it needs and the keyring fields holding its secret.
PROVIDER_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "autotask": (("username", "integration_code"), ("secret",)),
    "ingram": (("client_id", "customer_number"), ("client_secret",)),
    "tdsynnex": (("account_id",), ("refresh_token",)),
    "tdsynnex_xml": (("customer_number", "username"), ("password",)),
}


async def check_config(env: DoctorEnv) -> list[CheckResult]:
    if env.config_error:
        return [CheckResult("config", Level.FAIL, env.config_error)]
    where = (
        f"{env.config_path} parsed"
        if env.config_path.exists()
        else f"{env.config_path} does not exist (defaults in use; `procdesk config set` creates it)"
    )
    return [CheckResult("config", Level.OK, where)]


async def check_ledger(env: DoctorEnv) -> list[CheckResult]:
    if env.ledger is None:
        return [CheckResult("ledger", Level.FAIL, env.ledger_error or "not opened")]
    async with env.ledger.read() as conn:
        revision = await current_revision(conn)
    head = head_revision()
    level = Level.OK if revision == head else Level.FAIL
    fix = "" if revision == head else "; run `procdesk ledger migrate`"
    return [
        CheckResult(
            "ledger",
            level,
            f"{env.ledger.url} ({env.ledger.dialect}) reachable, migration {revision} "
            f"(newest {head}){fix}",
        )
    ]


async def check_keyring(env: DoctorEnv) -> list[CheckResult]:
    try:
        backend = env.secrets.describe_backend()
    except KeyringUnavailableError as exc:
        return [CheckResult("keyring", Level.FAIL, str(exc))]
    return [
        CheckResult(
            "keyring",
            Level.OK,
            f"backend {backend}, profile {env.secrets.profile.name} "
            f"(service {env.secrets.profile.service!r})",
        )
    ]


def _provider_result(provider: str, settings: Settings, env: DoctorEnv) -> list[CheckResult]:
    keys, secret_fields = PROVIDER_KEYS[provider]
    section = getattr(settings, provider)
    missing = [f"{provider}.{k}" for k in keys if not getattr(section, k)]
    results = [
        CheckResult(
            f"{provider} config",
            Level.WARN if missing else Level.OK,
            f"not configured: {', '.join(missing)} unset "
            f"(`procdesk auth {provider.replace('_', '-')}`)"
            if missing
            else "configured",
        )
    ]
    account = section.model_dump().get(ACCOUNT_KEY[provider]) or ""
    entry = account_entry(provider, account)
    named = f"account {account}" if account else "no account set"
    whose = f"{named}, profile {env.secrets.profile.name}"
    try:
        stored = [f for f in secret_fields if account and env.secrets.get(entry, f) is not None]
    except KeyringUnavailableError as exc:
        results.append(CheckResult(f"{provider} credentials", Level.FAIL, str(exc)))
        return results
    absent = [f for f in secret_fields if f not in stored]
    results.append(
        CheckResult(
            f"{provider} credentials",
            Level.WARN if absent else Level.OK,
            f"no {', '.join(absent)} in the keyring for {whose} "
            f"(`procdesk auth {provider.replace('_', '-')}`)"
            if absent
            else f"stored in the keyring for {whose}",
        )
    )
    return results


async def check_providers(env: DoctorEnv) -> list[CheckResult]:
    if env.settings is None:
        return []
    results: list[CheckResult] = []
    for provider in PROVIDER_KEYS:
        results += _provider_result(provider, env.settings, env)
    return results
