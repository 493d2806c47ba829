"""Autotask endpoint handlers: one function per call, each returning the documented JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from procdesk.sandbox.autotask import charges
from procdesk.sandbox.autotask.emulator import AutotaskEmulator
from procdesk.sandbox.autotask.entities import TICKET_CHARGES, EntitySpec, find_entity
from procdesk.sandbox.autotask.paging import build_page, parse_paging
from procdesk.sandbox.autotask.query import Query, parse_query, parse_search
from procdesk.sandbox.autotask.values import AutotaskError, record_to_wire
from procdesk.sandbox.autotask.writers import root_writer

API_ROOT = "/autotask/atservicesrest/v1.0"


@dataclass
class Call:
    request: Request
    emulator: AutotaskEmulator
    params: dict[str, str]

    @property
    def base(self) -> str:
        url = self.request.url
        return f"{url.scheme}://{url.netloc}{API_ROOT}"

    def entity(self) -> EntitySpec:
        spec = find_entity(self.params["entity"])
        if spec is None:
            raise AutotaskError(f"Entity {self.params['entity']} was not found.", status=404)
        return spec

    def int_param(self, name: str) -> int:
        return int(self.params[name])

    async def body(self) -> object:
        raw = await self.request.body()
        try:
            return json.loads(raw or b"null")
        except json.JSONDecodeError as exc:
            raise AutotaskError(f"The request body is not valid JSON: {exc.msg}.") from exc


def method_not_allowed(method: str) -> JSONResponse:
    return JSONResponse(
        {"Message": f"The requested resource does not support http method '{method}'."},
        status_code=405,
    )


async def threshold_information(call: Call) -> Response:
    return JSONResponse(call.emulator.threshold_information())


async def entity_information(call: Call) -> Response:
    return JSONResponse({"info": call.entity().info()})


async def entity_fields(call: Call) -> Response:
    fields = [f.model_dump(mode="json") for f in call.entity().fields]
    return JSONResponse({"fields": fields})


async def user_defined_fields(call: Call) -> Response:
    call.entity()
    return JSONResponse({"fields": []})


async def _query_from(call: Call, spec: EntitySpec) -> tuple[Query, str | None]:
    """The query and, for a GET query, its search text (carried in next-page URLs)."""
    if call.request.method == "POST":
        return parse_query(await call.body(), spec), None
    search = call.request.query_params.get("search")
    if search is None:
        raise AutotaskError("The search parameter is required.")
    return parse_search(search, spec), search


async def query(call: Call) -> Response:
    spec = call.entity()
    parsed, search = await _query_from(call, spec)
    rows = call.emulator.store.table(spec.name).values()
    return JSONResponse(
        build_page(rows, parsed, None, base=call.base, entity=spec.name, search=search)
    )


async def query_next(call: Call) -> Response:
    spec = call.entity()
    if call.request.method == "GET" and "search" not in call.request.query_params:
        return method_not_allowed("GET")
    after_id = parse_paging(call.request.query_params.get("paging"))
    parsed, search = await _query_from(call, spec)
    rows = call.emulator.store.table(spec.name).values()
    return JSONResponse(
        build_page(rows, parsed, after_id, base=call.base, entity=spec.name, search=search)
    )


async def query_count(call: Call) -> Response:
    spec = call.entity()
    parsed, _ = await _query_from(call, spec)
    rows = call.emulator.store.table(spec.name).values()
    return JSONResponse({"queryCount": sum(1 for r in rows if parsed.matches(r))})


async def get_item(call: Call) -> Response:
    spec = call.entity()
    record = call.emulator.store.get(spec.name, call.int_param("id"))
    return JSONResponse({"item": None if record is None else record_to_wire(record)})


async def write_entity(call: Call) -> Response:
    """POST/PATCH/PUT on an entity root: only for entities written there (Products,
    PurchaseOrders, InventoryLocations); children are written under their parent."""
    spec = call.entity()
    method = call.request.method
    allowed = spec.can_create if method == "POST" else spec.can_update
    if spec.parent is not None or not allowed:
        return method_not_allowed(method)
    writer = root_writer(spec)
    store, now = call.emulator.store, call.emulator.clock.now()
    body = await call.body()
    if method == "POST":
        return JSONResponse({"itemId": writer.create(store, body, now)})
    return JSONResponse({"itemId": writer.update(store, body, now, method == "PUT")})


def child_page(call: Call, spec: EntitySpec, parent_field: str, parent_id: int) -> Response:
    """A parent's children (`GET Tickets/{id}/Charges`, ...), paged like a GET query whose
    next URL carries the parent filter."""
    search = json.dumps({"filter": [{"op": "eq", "field": parent_field, "value": parent_id}]})
    rows = call.emulator.store.table(spec.name).values()
    parsed = parse_search(search, spec)
    return JSONResponse(
        build_page(rows, parsed, None, base=call.base, entity=spec.name, search=search)
    )


async def ticket_charges(call: Call) -> Response:
    ticket_id = call.int_param("ticket")
    store = call.emulator.store
    method = call.request.method
    if method == "POST":
        now = call.emulator.clock.now()
        item_id = charges.create_charge(store, ticket_id, await call.body(), now)
        return JSONResponse({"itemId": item_id})
    if method == "PATCH":
        return JSONResponse({"itemId": charges.update_charge(store, ticket_id, await call.body())})
    if store.get("tickets", ticket_id) is None:
        raise AutotaskError(f"Tickets with id {ticket_id} does not exist.", status=404)
    return child_page(call, TICKET_CHARGES, "ticketID", ticket_id)


async def ticket_charge(call: Call) -> Response:
    ticket_id, charge_id = call.int_param("ticket"), call.int_param("id")
    store = call.emulator.store
    if call.request.method == "DELETE":
        return JSONResponse({"itemId": charges.delete_charge(store, ticket_id, charge_id)})
    record = store.get(TICKET_CHARGES.name, charge_id)
    if record is not None and record["ticketID"] != ticket_id:
        record = None
    return JSONResponse({"item": None if record is None else record_to_wire(record)})
