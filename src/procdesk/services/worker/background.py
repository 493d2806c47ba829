"""The workers inside another process (the dashboard, the demo): one long-running coroutine
(`run`) that cycles the runner, and `sync_now` to wake it early."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from procdesk.services.worker.runner import WorkerRunner


class BackgroundWorker:
    def __init__(self, runner: WorkerRunner) -> None:
        self.runner = runner
        self._wake = asyncio.Event()
        self._started = 0  # cycles begun
        self._finished = 0  # cycles completed
        self._cycle_done = asyncio.Condition()
        self._last_report: dict[str, Mapping[str, int]] = {}
        self._running = False

    async def run(self) -> None:
        """Register, then cycle every `interval_s` (or at once when woken) until cancelled,
        riding out ledger outages as a headless worker does."""
        self._running = True
        try:
            await self.runner.run(asyncio.Event(), wake=self._wake, cycle=self._counted_cycle)
        finally:
            self._running = False
            async with self._cycle_done:
                self._cycle_done.notify_all()  # nobody waits for a cycle that never comes
            await self.runner.close()

    async def _counted_cycle(self) -> dict[str, Mapping[str, int]]:
        self._started += 1
        report = await self.runner.run_once()
        async with self._cycle_done:
            self._finished += 1
            self._last_report = report
            self._cycle_done.notify_all()
        return report

    async def sync_now(self) -> dict[str, Mapping[str, int]]:
        """Start a cycle now (or right after the running one) and return its report once
        it has completed, so "last sync" and the panes show its result."""
        if not self._running:
            raise RuntimeError("the workers are not running")
        target = self._started + 1
        self._wake.set()
        async with self._cycle_done:
            await self._cycle_done.wait_for(lambda: self._finished >= target or not self._running)
            if self._finished < target:
                raise RuntimeError("the workers stopped before the sync finished")
            return self._last_report
