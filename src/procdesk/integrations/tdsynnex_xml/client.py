"""`SynnexXmlClient`: price and availability, purchase orders and order status over XML.

The caller owns the `httpx.AsyncClient` (its base URL is TD SYNNEX's XML host, e.g.
https://ec.us.tdsynnex.com, or the sandbox's `tdsynnex_xml` URL; timeouts are its own).
Every method raises only the typed errors of `procdesk.integrations.errors`:
- `AuthenticationError` (login refused; `InvalidCustomerNumberError` for the customer
  number), `ValidationError` (refusal, TD SYNNEX's words verbatim), `DuplicatePoError`
  (a ValidationError: the PO number is already at TD SYNNEX),
- `TransientError` (connection, timeout, 5xx, unreadable reply; `maybe_applied` only for a
  purchase order that may have reached TD SYNNEX), `RateLimitedError`, and for HTTP-level
  refusals `PermissionDeniedError` / `NotFoundError`,
- `UnshippableOrderError` (a ProductUnavailableError) from `submit_po` when TD SYNNEX took
  the PO but none of its lines will ship.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TypeVar

import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from procdesk.integrations.errors import ValidationError
from procdesk.integrations.tdsynnex_xml.credentials import SynnexXmlCredentials
from procdesk.integrations.tdsynnex_xml.document import UnreadableReply, error_detail, fields
from procdesk.integrations.tdsynnex_xml.errors import PROVIDER, refusal_error, unshippable
from procdesk.integrations.tdsynnex_xml.order_status import OrderStatus, status_document
from procdesk.integrations.tdsynnex_xml.price_availability import (
    PartQuery,
    PriceAvailabilityLine,
    PriceResponse,
    price_document,
)
from procdesk.integrations.tdsynnex_xml.purchase_order import (
    ACCEPTED,
    MAX_PO_NUMBER,
    OrderResponse,
    PurchaseOrder,
    order_document,
)
from procdesk.integrations.tdsynnex_xml.transport import Call, post_document, unreadable
from procdesk.integrations.tdsynnex_xml.values import xml_safe
from procdesk.secrets.redaction import redacted

M = TypeVar("M", bound=BaseModel)

PRICE_PATH = "/SynnexXML/PriceAvailability"
ORDER_PATH = "/SynnexXML/PO"
STATUS_PATH = "/SynnexXML/POStatus"
MAX_PARTS_PER_REQUEST = 50  # the sandbox's limit; TD SYNNEX's is UNVERIFIED


class SynnexXmlClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        credentials: SynnexXmlCredentials,
        *,
        form_encoded: bool = False,
    ) -> None:
        """`form_encoded`: send `xmldata=<document>` forms instead of raw XML bodies."""
        self._http = http
        self._credentials = credentials
        self._form = form_encoded

    def __repr__(self) -> str:
        return f"SynnexXmlClient(customer_number={self._credentials.customer_number!r})"

    def _call(self, path: str, *, effectful: bool = False) -> Call:
        return Call(path, effectful, self._credentials.password.get_secret_value())

    async def _reply(
        self,
        call: Call,
        document: bytes,
        model: type[M],
        *,
        root: str,
        inner: str | None = None,
        po_number: str | None = None,
    ) -> M:
        """POST; refuse on errorDetail; read `<root>` (or its `<inner>` child) into `model`."""
        reply = await post_document(self._http, call, document, form=self._form)
        detail = error_detail(reply)
        if detail is not None:
            text = redacted(detail, call.secret)
            raise refusal_error(text, call.operation, po_number=po_number)
        node = reply.find(inner) if inner is not None else reply
        if reply.tag != root or node is None:
            raise unreadable(f"expected <{root}>{f'/<{inner}>' if inner else ''}", call)
        return _read(model, node, call)

    async def price_availability(self, parts: Sequence[PartQuery]) -> list[PriceAvailabilityLine]:
        """One line per part, in the order given (several requests beyond 50 parts).
        Not found and discontinued parts come back as lines, not as errors."""
        lines: list[PriceAvailabilityLine] = []
        for start in range(0, len(parts), MAX_PARTS_PER_REQUEST):
            chunk = parts[start : start + MAX_PARTS_PER_REQUEST]
            call = self._call(PRICE_PATH)
            document = price_document(self._credentials, chunk)
            reply = await self._reply(call, document, PriceResponse, root="priceResponse")
            by_number = {line.line_number: line for line in reply.lines}
            missing = [n for n in range(1, len(chunk) + 1) if n not in by_number]
            if missing:
                raise unreadable(f"no PriceAvailabilityList for line {missing[0]}", call)
            lines.extend(by_number[n] for n in range(1, len(chunk) + 1))
        return lines

    async def submit_po(self, order: PurchaseOrder) -> OrderResponse:
        """The accepted order. Lines that will not ship (rejected, or taken as non-stock
        quote lines) are in `rejected_lines`; if no line will ship, UnshippableOrderError."""
        call = self._call(ORDER_PATH, effectful=True)
        document = order_document(self._credentials, order)
        reply = await self._reply(
            call,
            document,
            OrderResponse,
            root="SynnexB2B",
            inner="OrderResponse",
            po_number=order.po_number,
        )
        if reply.po_number.strip().upper() != order.po_number.strip().upper():
            raise unreadable(f"the reply is for PO {reply.po_number}", call)
        if reply.code.strip().lower() != ACCEPTED:
            message = redacted(reply.reason or f"Code {reply.code}", call.secret)
            raise ValidationError(PROVIDER, message, operation=call.operation)
        if not reply.accepted_lines:
            raise unshippable(reply, call.operation)
        return reply

    async def po_status(self, po_number: str) -> OrderStatus | None:
        """The order TD SYNNEX holds under our PO number, or None when it has none."""
        call = self._call(STATUS_PATH)
        document = status_document(self._credentials, _checked_po_number(po_number))
        reply = await self._reply(
            call, document, OrderStatus, root="SynnexB2B", inner="OrderStatusResponse"
        )
        return reply if reply.found else None


def _checked_po_number(po_number: str) -> str:
    if not po_number.strip() or len(po_number) > MAX_PO_NUMBER:
        raise ValueError(f"a PO number has 1 to {MAX_PO_NUMBER} characters")
    return xml_safe(po_number)


def _read(model: type[M], node: ET.Element, call: Call) -> M:
    try:
        return model.model_validate(fields(node))
    except UnreadableReply as exc:
        raise unreadable(str(exc), call) from None
    except PydanticValidationError as exc:
        problems = "; ".join(
            f"{'/'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in exc.errors(include_url=False, include_input=False)[:3]
        )
        raise unreadable(f"<{node.tag}> {problems}", call) from None
