"""Everything one running sandbox holds: clock, emulators, faults, statistics, connections."""

from __future__ import annotations

from starlette.applications import Starlette

from procdesk.sandbox.autotask.emulator import AutotaskEmulator
from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.config import SandboxConfig
from procdesk.sandbox.connections import ConnectionRegistry
from procdesk.sandbox.faults import FaultPlan, FaultRule, parse_fault_spec
from procdesk.sandbox.providers import ProviderSandbox, distributor_apps
from procdesk.sandbox.stats import RequestStats


class SandboxRuntime:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.clock = SandboxClock()
        self.autotask = AutotaskEmulator(
            self.clock, config.credentials.autotask, config.autotask_hourly_request_limit
        )
        self.distributor_apps: dict[str, Starlette] = distributor_apps(self.clock, config.seed)
        self.stats = RequestStats()
        self.connections = ConnectionRegistry()
        self.faults = self._initial_faults()

    def _initial_faults(self) -> FaultPlan:
        config = self.config
        return FaultPlan(parse_fault_spec(config.faults), config.seed, config.latency_ms)

    @property
    def distributors(self) -> dict[str, ProviderSandbox]:
        return {name: app.state.sandbox for name, app in self.distributor_apps.items()}

    def set_faults(self, rules: list[FaultRule], latency_ms: int | None = None) -> None:
        latency = self.faults.latency_ms if latency_ms is None else latency_ms
        self.faults = FaultPlan(rules, self.config.seed, latency)

    def reset(self) -> None:
        """Back to the demo data, the real time and the faults the sandbox started with."""
        self.clock.reset()
        self.autotask.reset()
        for sandbox in self.distributors.values():
            sandbox.reset()
        self.stats.reset()
        self.faults = self._initial_faults()

    def snapshot(self) -> dict[str, object]:
        return {
            "clock": self.clock.now().isoformat(),
            "requests": self.stats.snapshot(),
            "faults": self.faults.describe(),
            "autotask": self.autotask.snapshot(),
            **{name: sandbox.snapshot() for name, sandbox in self.distributors.items()},
        }
