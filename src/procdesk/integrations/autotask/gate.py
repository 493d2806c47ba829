"""Request gating: never more than N calls in flight per entity, and an hourly budget.

Autotask allows 3 concurrent requests per integration code per object endpoint (over it:
"Thread Threshold Exceeded") and 10,000 requests per rolling hour per database, shared by
every integration. `LocalRequestGate` enforces both inside one process; team mode can swap
in a gate coordinated through the shared ledger, as long as it offers `slot(entity)`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from aiolimiter import AsyncLimiter

AUTOTASK_THREAD_LIMIT = 3
AUTOTASK_HOURLY_LIMIT = 10_000
DEFAULT_HOURLY_BUDGET = AUTOTASK_HOURLY_LIMIT // 2


class RequestGate(Protocol):
    def slot(self, entity: str) -> AbstractAsyncContextManager[None]:
        """Wait until a request on `entity` may be sent; hold the slot while it runs."""
        ...


class LocalRequestGate:
    """Per-entity semaphores plus one leaky-bucket hourly budget (aiolimiter)."""

    def __init__(
        self,
        max_in_flight: int = AUTOTASK_THREAD_LIMIT,
        hourly_budget: int = DEFAULT_HOURLY_BUDGET,
    ) -> None:
        if not 1 <= max_in_flight <= AUTOTASK_THREAD_LIMIT:
            raise ValueError(
                f"max_in_flight must be between 1 and {AUTOTASK_THREAD_LIMIT} (Autotask's limit)"
            )
        if not 1 <= hourly_budget <= AUTOTASK_HOURLY_LIMIT:
            raise ValueError(f"hourly_budget must be between 1 and {AUTOTASK_HOURLY_LIMIT}")
        self.max_in_flight = max_in_flight
        self.hourly_budget = hourly_budget
        self._budget = AsyncLimiter(hourly_budget, time_period=3600)
        self._semaphores: dict[str, asyncio.Semaphore] = {}

    def _semaphore(self, entity: str) -> asyncio.Semaphore:
        key = entity.lower()  # Autotask paths are case-insensitive
        if key not in self._semaphores:
            self._semaphores[key] = asyncio.Semaphore(self.max_in_flight)
        return self._semaphores[key]

    @asynccontextmanager
    async def _slot(self, entity: str) -> AsyncIterator[None]:
        async with self._semaphore(entity):
            await self._budget.acquire()
            yield

    def slot(self, entity: str) -> AbstractAsyncContextManager[None]:
        return self._slot(entity)
