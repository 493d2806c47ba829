"""The procurement work loop as the worker runner builds it (see services/worker.py)."""

from __future__ import annotations

from procdesk.services.distributor_factory import client_factory
from procdesk.services.procurement_settings import ProcurementSettings
from procdesk.services.procurement_worker import ProcurementWorker
from procdesk.services.worker import WorkerContext


def build_procurement_loop(ctx: WorkerContext) -> ProcurementWorker:
    return ProcurementWorker(
        ctx.ledger,
        ProcurementSettings.from_config(ctx.settings.procurement, ctx.settings.sync),
        client_factory(ctx.provider_settings, ctx.secrets),
        owner=ctx.worker_id,
        actor=ctx.actor,
        clock=ctx.clock,
    )
