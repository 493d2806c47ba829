"""What a doctor check receives and returns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from procdesk.config import Settings
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
    (the config and ledger checks report why); checks that need them skip themselves."""

    config_path: Path
    settings: Settings | None
    config_error: str | None
    ledger: Ledger | None
    ledger_error: str | None
    secrets: SecretStore


Check = Callable[[DoctorEnv], Awaitable[list[CheckResult]]]
