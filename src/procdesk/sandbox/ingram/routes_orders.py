"""Ingram Micro orders: create, details (v6.1 and v6 paths), search and cancel."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.ingram.guard import business_call
from procdesk.sandbox.ingram.order_views import (
    created_response,
    detail_response,
    search_item,
    search_status,
)
from procdesk.sandbox.ingram.responses import (
    errors_response,
    json_response,
    mounted_url,
    validation_fields,
)
from procdesk.sandbox.ingram.search import parse_search
from procdesk.sandbox.ingram.state import IngramSandbox
from procdesk.sandbox.ingram.wire_common import ErrorField
from procdesk.sandbox.ingram.wire_orders import OrderCreateRequest, OrderSearchResponse


def _not_found(number: str, correlation_id: str) -> Response:
    return errors_response(
        404,
        f"Order {number} was not found.",
        error_type="NOT_FOUND",
        correlation_id=correlation_id,
    )


@business_call
async def create_order(request: Request, sandbox: IngramSandbox, correlation_id: str) -> Response:
    try:
        payload = OrderCreateRequest.model_validate_json(await request.body())
    except ValidationError as error:
        return errors_response(
            400,
            "The order request is invalid.",
            error_type="VALIDATION",
            correlation_id=correlation_id,
            fields=validation_fields(error),
        )
    now = sandbox.clock.now()
    placement = sandbox.placer.place(payload, now)
    if placement.order is None:
        fields = [
            ErrorField(
                field=f"lines[{r.customer_line_number}].ingramPartNumber",
                value=r.ingram_part_number,
                message=r.reason,
            )
            for r in placement.rejections
        ]
        return errors_response(
            400,
            "No order was created: every line was rejected.",
            error_type="ORDER_REJECTED",
            correlation_id=correlation_id,
            fields=fields,
        )
    order = placement.order
    sandbox.add_order(order)
    href = mounted_url(request, f"/resellers/v6.1/orders/{order.ingram_order_number}")
    body = created_response(placement, order, now, href)
    return json_response(body, 207 if placement.rejections else 201)


@business_call
async def order_details(request: Request, sandbox: IngramSandbox, correlation_id: str) -> Response:
    number = request.path_params["ingramOrderNumber"]
    order = sandbox.order(number)
    if order is None:
        return _not_found(number, correlation_id)
    return json_response(detail_response(order, sandbox.clock.now()))


@business_call
async def search_orders(request: Request, sandbox: IngramSandbox, correlation_id: str) -> Response:
    search = parse_search(request.query_params)
    if isinstance(search, list):
        return errors_response(
            400,
            "The search parameters are invalid.",
            error_type="VALIDATION",
            correlation_id=correlation_id,
            fields=search,
        )
    now = sandbox.clock.now()
    found = [
        search_item(order, now)
        for order in reversed(sandbox.orders())
        if search.matches(
            order.customer_order_number, order.ingram_order_number, search_status(order, now)
        )
    ]
    if not found:
        return Response(status_code=204)
    page_size, page_number = search.page_size, search.page_number
    start = (page_number - 1) * page_size
    has_next = start + page_size < len(found)
    body = OrderSearchResponse(
        recordsFound=len(found),
        pageSize=page_size,
        pageNumber=page_number,
        orders=found[start : start + page_size],
        nextPage=str(request.url.include_query_params(pageNumber=page_number + 1))
        if has_next
        else "",
        previousPage=(
            str(request.url.include_query_params(pageNumber=page_number - 1))
            if page_number > 1
            else ""
        ),
    )
    return json_response(body)


@business_call
async def cancel_order(request: Request, sandbox: IngramSandbox, correlation_id: str) -> Response:
    number = request.path_params["ingramOrderNumber"]
    order = sandbox.order(number)
    if order is None:
        return _not_found(number, correlation_id)
    now = sandbox.clock.now()
    if order.canceled_at is not None:
        message = f"Order {order.ingram_order_number} is already canceled."
    elif order.anything_shipped(now):
        message = (
            f"Order {order.ingram_order_number} has been released to the warehouse "
            "and can no longer be canceled."
        )
    else:
        order.cancel(now)
        return Response(status_code=200)
    return errors_response(
        400, message, error_type="CANCEL_REJECTED", correlation_id=correlation_id
    )


ROUTES = [
    Route("/resellers/v6/orders", create_order, methods=["POST"]),
    Route("/resellers/v6/orders/search", search_orders, methods=["GET"]),
    Route("/resellers/v6.1/orders/{ingramOrderNumber}", order_details, methods=["GET"]),
    Route("/resellers/v6/orders/{ingramOrderNumber}", order_details, methods=["GET"]),
    Route("/resellers/v6/orders/{ingramOrderNumber}", cancel_order, methods=["DELETE"]),
]
