"""What `procdesk doctor` checks with: an environment that may be only half set up."""

from __future__ import annotations

from pathlib import Path

from procdesk.config import (
    ConfigError,
    Settings,
    config_file,
    load_settings,
    logs_dir,
)
from procdesk.secrets import SecretStore
from procdesk.services.doctor import CheckResult, DoctorEnv, run_checks
from procdesk.store.ledger import Ledger, LedgerError
from procdesk.wiring.clients import autotask_client, autotask_credentials, distributor_client
from procdesk.wiring.profile import open_ledger, secret_store


def doctor_env(
    config_path: Path,
    settings: Settings | None,
    ledger: Ledger | None,
    secrets: SecretStore,
    *,
    config_error: str | None = None,
    ledger_error: str | None = None,
    ledger_target: str | None = None,
) -> DoctorEnv:
    """What the doctor's checks look at, with the client builders of this root."""
    return DoctorEnv(
        config_path,
        settings,
        config_error,
        ledger,
        ledger_error,
        secrets,
        autotask_client=lambda s: autotask_client(s, autotask_credentials(s, secrets)),
        distributor_client=lambda s, d: distributor_client(s, secrets, d),
        ledger_target=ledger_target,
        logs_dir=logs_dir(),
    )


async def diagnose(
    *, ledger_url: str | None = None, secrets: SecretStore | None = None
) -> list[CheckResult]:
    """`procdesk doctor`: load what can be loaded (config, ledger, keyring), then run every
    check on it; what could not be loaded is itself a finding."""
    path = config_file()
    try:
        settings, config_error = load_settings(path), None
    except ConfigError as exc:
        settings, config_error = None, str(exc)
    store = secrets or secret_store()
    ledger, ledger_error = None, None
    target = ledger_url or (settings.ledger if settings else None)
    if target is None:
        ledger_error = "not opened: the configuration is invalid"
    else:
        try:
            ledger = await open_ledger(target, store, migrate="create")  # diagnose, not migrate
        except LedgerError as exc:
            ledger_error = str(exc)
    env = doctor_env(
        path,
        settings,
        ledger,
        store,
        config_error=config_error,
        ledger_error=ledger_error,
        ledger_target=target,
    )
    try:
        return await run_checks(env)
    finally:
        if ledger is not None:
            await ledger.close()
