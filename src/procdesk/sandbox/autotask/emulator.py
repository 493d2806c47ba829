"""The emulated Autotask instance: its data, limits, clock and demo credentials."""

from __future__ import annotations

from procdesk.sandbox.autotask.limits import HourlyThreshold, ThreadLimiter
from procdesk.sandbox.autotask.store import AutotaskStore
from procdesk.sandbox.clock import SandboxClock
from procdesk.sandbox.credentials import AutotaskDemoCredentials

REQUEST_THRESHOLD_TIMEFRAME_MINUTES = 60


class AutotaskEmulator:
    def __init__(
        self,
        clock: SandboxClock,
        credentials: AutotaskDemoCredentials,
        hourly_request_limit: int = 10_000,
    ) -> None:
        self.clock = clock
        self.credentials = credentials
        self.store = AutotaskStore(hourly_request_limit)
        self.threads = ThreadLimiter()
        self.threshold = HourlyThreshold()
        self.requests_served = 0

    def authenticated(self, code: str | None, username: str | None, secret: str | None) -> bool:
        creds = self.credentials
        return (
            code == creds.integration_code
            and (username or "").lower() == creds.username.lower()
            and secret == creds.secret
        )

    def threshold_information(self) -> dict[str, int]:
        return {
            "externalRequestThreshold": self.store.settings.hourly_request_limit,
            "requestThresholdTimeframe": REQUEST_THRESHOLD_TIMEFRAME_MINUTES,
            "currentTimeframeRequestCount": self.threshold.count(self.clock.now()),
        }

    def reset(self) -> None:
        self.store.reset()
        self.threads.reset()
        self.threshold.reset()
        self.requests_served = 0

    def snapshot(self) -> dict[str, object]:
        return {
            **self.store.snapshot(),
            "requests_served": self.requests_served,
            "threshold": self.threshold_information(),
            "max_concurrent_per_endpoint": dict(self.threads.max_attempted),
            "thread_threshold_rejections": dict(self.threads.rejections),
        }
