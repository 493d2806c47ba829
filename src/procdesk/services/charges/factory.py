"""Building the charge sync loop for the worker from its context."""

from __future__ import annotations

from datetime import timedelta

from procdesk.integrations.autotask import AutotaskClient
from procdesk.services.autotask_factory import configured_autotask_client
from procdesk.services.charges.loop import ChargeSyncLoop
from procdesk.services.worker.runner import WorkerContext


def build_charge_loop(ctx: WorkerContext) -> ChargeSyncLoop:
    async def client() -> AutotaskClient:
        return configured_autotask_client(
            ctx.provider_settings(), ctx.secrets, gate=ctx.request_gate
        )

    return ChargeSyncLoop(
        ctx.ledger,
        client_factory=client,
        credentials=ctx.credentials,
        actor=ctx.actor,
        owner=ctx.worker_id,
        sync=ctx.settings.sync,
        clock=ctx.clock,
        concurrency=4 * ctx.settings.autotask.max_concurrent,
        settle=timedelta(seconds=ctx.settings.autotask.timeout_s + 1),
    )
