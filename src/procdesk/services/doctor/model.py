"""What a doctor check receives and returns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from procdesk.config import Settings
from procdesk.domain.enums import Distributor
from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.distributor.protocol import DistributorClient
from procdesk.secrets import SecretStore
from procdesk.store.ledger import Ledger


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but something should be set up
    FAIL = "fail"  # broken: doctor exits 1


@dataclass(frozen=True)
class CheckResult:
    name: str  # e.g. "config file", "ledger", "autotask credentials"
    level: Level
    detail: str


@dataclass
class DoctorEnv:
    """What checks look at. `settings`/`ledger` are None when they could not be loaded
    (the config and ledger checks report why); checks that need them skip themselves.

    Unlike every other part of procdesk, the doctor must work on a half-broken setup, so
    it gets what could be loaded rather than a `wiring.Context`; the composition root
    passes the client builders (they raise CredentialsMissingError when they cannot)."""

    config_path: Path
    settings: Settings | None
    config_error: str | None
    ledger: Ledger | None
    ledger_error: str | None
    secrets: SecretStore
    autotask_client: Callable[[Settings], AutotaskClient]
    distributor_client: Callable[[Settings, Distributor], DistributorClient]
    ledger_target: str | None = None  # the ledger's path or URL, even when it did not open
    logs_dir: Path | None = None


Check = Callable[[DoctorEnv], Awaitable[list[CheckResult]]]
