"""ION customers: list (filters, paging) and get. An empty filtered list answers 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.tdsynnex.customers import DEMO_CUSTOMERS, IonCustomer, customer_by_id
from procdesk.sandbox.tdsynnex.guard import account_call
from procdesk.sandbox.tdsynnex.responses import error_response, json_response, page
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox
from procdesk.sandbox.tdsynnex.views import customer_view
from procdesk.sandbox.tdsynnex.wire import CustomerList


def _matches(customer: IonCustomer, request: Request) -> bool:
    params = request.query_params
    name = params.get("filter.customerName", "").lower()
    email = params.get("filter.customerEmail", "").lower()
    status = params.get("filter.customerStatus", "").upper()
    return (
        (not name or name in customer.name.lower())
        and (not email or email == customer.email.lower())
        and (not status or status == customer.status)
    )


@account_call
async def list_customers(request: Request, sandbox: TdSynnexSandbox) -> Response:
    found = [c for c in DEMO_CUSTOMERS if _matches(c, request)]
    if not found:
        return error_response(404, "No customers found.")
    items, next_token = page(request, found)
    body = CustomerList(
        customers=[customer_view(c, sandbox.account_id) for c in items], nextPageToken=next_token
    )
    return json_response(body)


@account_call
async def get_customer(request: Request, sandbox: TdSynnexSandbox) -> Response:
    customer_id = request.path_params["customerId"]
    customer = customer_by_id(customer_id)
    if customer is None:
        return error_response(404, f"Customer {customer_id} not found.")
    return json_response(customer_view(customer, sandbox.account_id))


ROUTES = [
    Route("/api/v3/accounts/{accountId}/customers", list_customers, methods=["GET"]),
    Route("/api/v3/accounts/{accountId}/customers/{customerId}", get_customer, methods=["GET"]),
]
