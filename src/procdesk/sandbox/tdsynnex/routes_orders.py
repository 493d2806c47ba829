"""ION orders: create and get per customer; list per account or per customer (status filter,
paging). An unknown product or SKU is refused with 400 and creates nothing; an empty filtered
list answers 404 ("nothing there", as ION does)."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.tdsynnex.catalog import product_by_id, sku_of
from procdesk.sandbox.tdsynnex.customers import customer_by_id
from procdesk.sandbox.tdsynnex.guard import account_call
from procdesk.sandbox.tdsynnex.orders import IonOrder, IonOrderItem
from procdesk.sandbox.tdsynnex.responses import BadRequest, error_response, json_response, page
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox
from procdesk.sandbox.tdsynnex.views import order_view
from procdesk.sandbox.tdsynnex.wire import OrderCreateRequest, OrderItemRequest, OrderList

SUPPORTED_ACTIONS = ("NEW",)


def _item(requested: OrderItemRequest) -> IonOrderItem:
    product = product_by_id(requested.productId)
    if product is None:
        raise BadRequest(f"Unknown productId {requested.productId}.")
    sku = sku_of(product, requested.skuId)
    if sku is None:
        raise BadRequest(f"Unknown skuId {requested.skuId} for product {requested.productId}.")
    if requested.action.upper() not in SUPPORTED_ACTIONS:
        raise BadRequest(f"Unsupported action {requested.action}; the sandbox supports NEW.")
    return IonOrderItem(
        product_id=product.product_id,
        sku_id=sku.sku_id,
        quantity=requested.quantity,
        action=requested.action.upper(),
        discontinued=sku.discontinued,
    )


def _parse(body: bytes) -> OrderCreateRequest:
    try:
        return OrderCreateRequest.model_validate_json(body)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise BadRequest(f"Invalid order: {problems}") from error


@account_call
async def create_order(request: Request, sandbox: TdSynnexSandbox) -> Response:
    customer_id = request.path_params["customerId"]
    if customer_by_id(customer_id) is None:
        return error_response(404, f"Customer {customer_id} not found.")
    payload = _parse(await request.body())
    items = tuple(_item(item) for item in payload.orderItems)
    now = sandbox.clock.now()
    order = IonOrder(
        order_id=sandbox.new_order_id(),
        account_id=sandbox.account_id,
        customer_id=customer_id,
        reference_id=payload.referenceId,
        items=items,
        notes=payload.notes,
        created_at=now,
    )
    sandbox.add_order(order)
    return json_response(order_view(order, now))


@account_call
async def get_order(request: Request, sandbox: TdSynnexSandbox) -> Response:
    order_id = request.path_params["orderId"]
    order = sandbox.order(request.path_params["customerId"], order_id)
    if order is None:
        return error_response(404, f"Order {order_id} not found.")
    return json_response(order_view(order, sandbox.clock.now()))


def _listed(request: Request, sandbox: TdSynnexSandbox, customer_id: str | None) -> Response:
    now = sandbox.clock.now()
    status = request.query_params.get("status") or request.query_params.get("filter.status")
    found = [
        order
        for order in sandbox.orders()
        if (customer_id is None or order.customer_id == customer_id)
        and (not status or order.status(now) == status.upper())
    ]
    if not found:
        return error_response(404, "No orders found.")
    items, next_token = page(request, found)
    return json_response(
        OrderList(orders=[order_view(o, now) for o in items], nextPageToken=next_token)
    )


@account_call
async def list_account_orders(request: Request, sandbox: TdSynnexSandbox) -> Response:
    return _listed(request, sandbox, None)


@account_call
async def list_customer_orders(request: Request, sandbox: TdSynnexSandbox) -> Response:
    customer_id = request.path_params["customerId"]
    if customer_by_id(customer_id) is None:
        return error_response(404, f"Customer {customer_id} not found.")
    return _listed(request, sandbox, customer_id)


_CUSTOMER_ORDERS = "/api/v3/accounts/{accountId}/customers/{customerId}/orders"
ROUTES = [
    Route("/api/v3/accounts/{accountId}/orders", list_account_orders, methods=["GET"]),
    Route(_CUSTOMER_ORDERS, list_customer_orders, methods=["GET"]),
    Route(_CUSTOMER_ORDERS, create_order, methods=["POST"]),
    Route(_CUSTOMER_ORDERS + "/{orderId}", get_order, methods=["GET"]),
]
