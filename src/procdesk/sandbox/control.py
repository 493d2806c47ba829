"""`/_sandbox/...`: state, reset, clock, faults, Autotask test levers and TD SYNNEX XML orders.

`PUT /_sandbox/autotask/charges/{id}/status` with `{"status": "<label>"}` sets a ticket
charge's procurement status by its picklist label (e.g. "Ready to Ship", "Delivered"), the way
a person fulfilling it by hand in Autotask would; an unknown label is 422, an unknown charge 404.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from procdesk.sandbox.autotask.charge_procurement import set_by_label
from procdesk.sandbox.autotask.charges import bill_charge
from procdesk.sandbox.autotask.values import AutotaskError, record_to_wire
from procdesk.sandbox.faults import FaultRule, FaultSpecError, parse_fault_spec
from procdesk.sandbox.runtime import SandboxRuntime
from procdesk.sandbox.synnexxml.control import order_routes


class ClockChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    advance_seconds: float | None = Field(default=None, ge=0)
    set: datetime | None = None

    @model_validator(mode="after")
    def _one_change(self) -> ClockChange:
        if (self.advance_seconds is None) == (self.set is None):
            raise ValueError("give exactly one of advance_seconds or set")
        if self.set is not None and self.set.tzinfo is None:
            raise ValueError("set must carry a time zone")
        return self


class FaultsChange(BaseModel):
    """PUT body: the new rules as objects or as a spec string; optionally the global latency."""

    model_config = ConfigDict(extra="forbid")

    rules: list[FaultRule] | None = None
    spec: str | None = None
    latency_ms: int | None = Field(default=None, ge=0)

    def parsed_rules(self) -> list[FaultRule]:
        if self.rules is not None and self.spec is not None:
            raise ValueError("give rules or spec, not both")
        return self.rules if self.rules is not None else parse_fault_spec(self.spec or "")


class AutotaskSettingsChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    procurement_enabled: bool | None = None
    approval_threshold: Decimal | None = Field(default=None, ge=0)
    hourly_request_limit: int | None = Field(default=None, ge=1)
    usage_latency: bool | None = None


class ChargeStatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(min_length=1)


def _bad_request(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=422)


async def _json(request: Request) -> object:
    raw = await request.body()
    return json.loads(raw) if raw else {}


Endpoint = Callable[[Request], Awaitable[Response]]


def control_routes(runtime: SandboxRuntime) -> list[BaseRoute]:
    def guarded(handler: Endpoint) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except (ValidationError, FaultSpecError, ValueError) as exc:
                return _bad_request(str(exc))

        return endpoint

    async def state(request: Request) -> Response:
        return JSONResponse(runtime.snapshot())

    async def reset(request: Request) -> Response:
        runtime.reset()
        return JSONResponse({"reset": True, "clock": runtime.clock.now().isoformat()})

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            change = ClockChange.model_validate(await _json(request))
            if change.set is not None:
                runtime.clock.set(change.set)
            else:
                runtime.clock.advance(change.advance_seconds or 0.0)
        return JSONResponse({"now": runtime.clock.now().isoformat()})

    async def faults(request: Request) -> Response:
        if request.method == "PUT":
            change = FaultsChange.model_validate(await _json(request))
            runtime.set_faults(change.parsed_rules(), change.latency_ms)
        elif request.method == "DELETE":
            runtime.set_faults([])
        return JSONResponse(runtime.faults.describe())

    async def autotask_settings(request: Request) -> Response:
        store = runtime.autotask.store
        if request.method == "PUT":
            change = AutotaskSettingsChange.model_validate(await _json(request))
            updates = change.model_dump(exclude_none=True)
            store.settings = store.settings.model_copy(update=updates)
        return JSONResponse(store.settings.model_dump(mode="json"))

    async def bill(request: Request) -> Response:
        try:
            charge = bill_charge(runtime.autotask.store, int(request.path_params["charge_id"]))
        except AutotaskError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return JSONResponse({"item": record_to_wire(charge)})

    async def charge_status(request: Request) -> Response:
        change = ChargeStatusChange.model_validate(await _json(request))
        charge_id = int(request.path_params["charge_id"])
        try:
            charge = set_by_label(
                runtime.autotask.store, charge_id, change.status, runtime.clock.now()
            )
        except AutotaskError as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return JSONResponse({"item": record_to_wire(charge)})

    xml_app = runtime.distributor_apps.get("tdsynnex_xml")
    xml_routes = (
        [Mount("/tdsynnex_xml", routes=order_routes(xml_app.state.sandbox))] if xml_app else []
    )
    return [
        *xml_routes,
        Route("/state", guarded(state), methods=["GET"]),
        Route("/reset", guarded(reset), methods=["POST"]),
        Route("/clock", guarded(clock), methods=["GET", "POST"]),
        Route("/faults", guarded(faults), methods=["GET", "PUT", "DELETE"]),
        Route("/autotask/settings", guarded(autotask_settings), methods=["GET", "PUT"]),
        Route("/autotask/charges/{charge_id:int}/bill", guarded(bill), methods=["POST"]),
        Route("/autotask/charges/{charge_id:int}/status", guarded(charge_status), methods=["PUT"]),
    ]
