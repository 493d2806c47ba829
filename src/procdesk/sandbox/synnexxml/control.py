"""`/_sandbox/tdsynnex_xml/...`: the XML orders TD SYNNEX holds, for tests and the demo.

- `GET /_sandbox/tdsynnex_xml/orders` -> `{"count": n, "orders": [summary, ...]}`
- `GET /_sandbox/tdsynnex_xml/orders/{po_number}` -> one summary, or 404 `{"error": ...}`
A summary is `XmlOrder.summary`: PO and customer number, creation time, TD SYNNEX order
numbers, and each line's SKU, OrderType, Code and quantities as of the sandbox clock.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from procdesk.sandbox.synnexxml.state import SynnexXmlSandbox


def order_routes(sandbox: SynnexXmlSandbox) -> list[Route]:
    async def orders(request: Request) -> Response:
        now = sandbox.clock.now()
        found = sandbox.orders()
        return JSONResponse({"count": len(found), "orders": [o.summary(now) for o in found]})

    async def order(request: Request) -> Response:
        po_number = request.path_params["po_number"]
        found = sandbox.order(po_number)
        if found is None:
            return JSONResponse({"error": f"no order with PO number {po_number}"}, 404)
        return JSONResponse(found.summary(sandbox.clock.now()))

    return [
        Route("/orders", orders, methods=["GET"]),
        Route("/orders/{po_number:path}", order, methods=["GET"]),
    ]
