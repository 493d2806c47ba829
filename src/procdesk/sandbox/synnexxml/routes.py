"""The three SynnexXML endpoints: PriceAvailability, PO (orders and status), POStatus.

Each request goes: body (content type, size) -> defused parse -> root element check ->
strict model -> login and customer number -> the business rules. Anything refused on the
way is answered with the errorDetail shape (see `replies`), never with a traceback.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from procdesk.sandbox.synnexxml.body import UnsupportedMediaType, request_document
from procdesk.sandbox.synnexxml.document import Refused, fields, parse
from procdesk.sandbox.synnexxml.order_reply import (
    order_response,
    status_not_found,
    status_response,
)
from procdesk.sandbox.synnexxml.order_request import (
    OrderRequest,
    OrderStatusRequest,
    SynnexB2B,
)
from procdesk.sandbox.synnexxml.placement import OrderRefused
from procdesk.sandbox.synnexxml.price_reply import price_response
from procdesk.sandbox.synnexxml.price_request import PriceRequest
from procdesk.sandbox.synnexxml.replies import error_response, order_refusal, xml_response
from procdesk.sandbox.synnexxml.state import SynnexXmlSandbox
from procdesk.sandbox.synnexxml.values import describe

M = TypeVar("M", bound=BaseModel)
Handler = Callable[[Request, SynnexXmlSandbox], Awaitable[Response]]

LOGIN_FAILED = "Login failed: the user ID or password is incorrect."


def sandbox_of(request: Request) -> SynnexXmlSandbox:
    sandbox: SynnexXmlSandbox = request.app.state.sandbox
    return sandbox


def xml_endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, sandbox_of(request))
        except UnsupportedMediaType as exc:
            return PlainTextResponse(str(exc), status_code=415)
        except Refused as exc:
            return error_response(str(exc))

    return endpoint


async def _root(request: Request, expected: str) -> ET.Element:
    root = parse(await request_document(request))
    if root.tag != expected:
        raise Refused(
            f"Unexpected root element <{root.tag}>: {request.url.path} takes <{expected}>."
        )
    return root


def _validated(model: type[M], root: ET.Element) -> M:
    try:
        return model.model_validate(fields(root))
    except ValidationError as exc:
        raise Refused(describe(exc, root.tag)) from None


def _check_login(sandbox: SynnexXmlSandbox, user: str, password: str, customer_number: str) -> None:
    account = sandbox.account
    if user != account.username or password != account.password:
        raise Refused(LOGIN_FAILED)
    if customer_number != account.customer_number:
        raise Refused(
            f"Invalid customer number {customer_number}: it is not the account of this login."
        )


@xml_endpoint
async def price_availability(request: Request, sandbox: SynnexXmlSandbox) -> Response:
    price_request = _validated(PriceRequest, await _root(request, "priceRequest"))
    _check_login(
        sandbox, price_request.user_name, price_request.password, price_request.customer_no
    )
    return xml_response(price_response(price_request))


async def _b2b(request: Request, sandbox: SynnexXmlSandbox) -> SynnexB2B:
    envelope = _validated(SynnexB2B, await _root(request, "SynnexB2B"))
    inner = envelope.order or envelope.status
    assert inner is not None  # one of them, by the model's rule
    credential = envelope.credential
    _check_login(sandbox, credential.user_id, credential.password, inner.customer_number)
    return envelope


def _place(sandbox: SynnexXmlSandbox, order_request: OrderRequest) -> Response:
    now = sandbox.clock.now()
    customer, po_number = order_request.customer_number, order_request.po_number
    if sandbox.order(po_number) is not None:
        reason = f"PO number {po_number} already exists for customer {customer} (duplicate PO)."
        return order_refusal(customer, po_number, reason, now)
    try:
        order = sandbox.placer.place(order_request, now)
    except OrderRefused as exc:
        return order_refusal(customer, po_number, str(exc), now)
    sandbox.add_order(order)
    return xml_response(order_response(order, now))


def _status(sandbox: SynnexXmlSandbox, status_request: OrderStatusRequest) -> Response:
    now = sandbox.clock.now()
    order = sandbox.order(status_request.po_number)
    if order is None:
        return xml_response(
            status_not_found(status_request.customer_number, status_request.po_number, now)
        )
    return xml_response(status_response(order, now))


@xml_endpoint
async def purchase_order(request: Request, sandbox: SynnexXmlSandbox) -> Response:
    """Takes a purchase order, or a status request (one public client posts those here)."""
    envelope = await _b2b(request, sandbox)
    if envelope.order is not None:
        return _place(sandbox, envelope.order)
    assert envelope.status is not None
    return _status(sandbox, envelope.status)


@xml_endpoint
async def po_status(request: Request, sandbox: SynnexXmlSandbox) -> Response:
    envelope = await _b2b(request, sandbox)
    if envelope.status is None:
        raise Refused(
            f"{request.url.path} takes an OrderStatusRequest; purchase orders go to /SynnexXML/PO."
        )
    return _status(sandbox, envelope.status)


ROUTES = [
    Route("/PriceAvailability", price_availability, methods=["POST"]),
    Route("/PO", purchase_order, methods=["POST"]),
    Route("/POStatus", po_status, methods=["POST"]),
]
