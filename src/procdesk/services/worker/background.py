"""The workers inside another process (the dashboard, the demo): one long-running coroutine
(`run`) that cycles the runner, and `sync_now` to wake it early."""

from __future__ import annotations

import asyncio

from procdesk.services.worker.runner import WorkerRunner


class BackgroundWorker:
    def __init__(self, runner: WorkerRunner) -> None:
        self.runner = runner
        self._wake = asyncio.Event()

    async def run(self) -> None:
        """Register, then cycle every `interval_s` (or at once when woken) until cancelled,
        riding out ledger outages as a headless worker does."""
        try:
            await self.runner.run(asyncio.Event(), wake=self._wake)
        finally:
            await self.runner.close()

    async def sync_now(self) -> None:
        self._wake.set()
