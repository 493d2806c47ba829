"""Requests served and concurrency per endpoint, over every provider."""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from procdesk.sandbox.providers import provider_of

_VERSION = re.compile(r"^v\d+(\.\d+)?$", re.IGNORECASE)


def endpoint_key(method: str, path: str) -> str:
    """`METHOD /path` with ids (segments holding digits, except versions) as `{id}`."""
    segments = [
        "{id}" if any(c.isdigit() for c in s) and not _VERSION.match(s) else s.lower()
        for s in path.strip("/").split("/")
    ]
    return f"{method.upper()} /{'/'.join(segments)}"


class RequestStats:
    def __init__(self) -> None:
        self.served: dict[str, int] = {}
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}

    def begin(self, key: str) -> None:
        self.served[key] = self.served.get(key, 0) + 1
        self.in_flight[key] = self.in_flight.get(key, 0) + 1
        self.max_in_flight[key] = max(self.max_in_flight.get(key, 0), self.in_flight[key])

    def end(self, key: str) -> None:
        self.in_flight[key] -= 1

    def reset(self) -> None:
        self.served.clear()
        self.max_in_flight.clear()
        self.max_in_flight.update({k: v for k, v in self.in_flight.items() if v})

    def snapshot(self) -> dict[str, object]:
        return {
            "requests_served": sum(self.served.values()),
            "served_per_endpoint": dict(sorted(self.served.items())),
            "max_concurrent_per_endpoint": dict(sorted(self.max_in_flight.items())),
        }


class StatsMiddleware:
    """Counts every provider request, including those a fault answers."""

    def __init__(self, app: ASGIApp, stats: RequestStats) -> None:
        self.app = app
        self.stats = stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or provider_of(scope["path"]) is None:
            await self.app(scope, receive, send)
            return
        key = endpoint_key(scope["method"], scope["path"])
        self.stats.begin(key)
        try:
            await self.app(scope, receive, send)
        finally:
            self.stats.end(key)
