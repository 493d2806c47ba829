"""ION products: list (filter.name, filter.skuId, filter.skuDisplayName, paging) and get."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.tdsynnex.catalog import DEMO_PRODUCTS, IonProduct, product_by_id
from procdesk.sandbox.tdsynnex.guard import account_call
from procdesk.sandbox.tdsynnex.responses import error_response, json_response, page
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox
from procdesk.sandbox.tdsynnex.views import product_view
from procdesk.sandbox.tdsynnex.wire import ProductList


def _matches(product: IonProduct, request: Request) -> bool:
    params = request.query_params
    name = params.get("filter.name", "").lower()
    sku_id = params.get("filter.skuId", "")
    sku_name = params.get("filter.skuDisplayName", "").lower()
    return (
        (not name or name in product.display_name.lower() or name == product.product_id)
        and (not sku_id or any(sku.sku_id == sku_id for sku in product.skus))
        and (not sku_name or any(sku_name in sku.display_name.lower() for sku in product.skus))
    )


@account_call
async def list_products(request: Request, sandbox: TdSynnexSandbox) -> Response:
    found = [p for p in DEMO_PRODUCTS if _matches(p, request)]
    if not found:
        return error_response(404, "No products found.")
    items, next_token = page(request, found)
    body = ProductList(
        products=[product_view(p, sandbox.account_id) for p in items], nextPageToken=next_token
    )
    return json_response(body)


@account_call
async def get_product(request: Request, sandbox: TdSynnexSandbox) -> Response:
    product_id = request.path_params["productId"]
    product = product_by_id(product_id)
    if product is None:
        return error_response(404, f"Product {product_id} not found.")
    return json_response(product_view(product, sandbox.account_id))


ROUTES = [
    Route("/api/v3/accounts/{accountId}/products", list_products, methods=["GET"]),
    Route("/api/v3/accounts/{accountId}/products/{productId}", get_product, methods=["GET"]),
]
