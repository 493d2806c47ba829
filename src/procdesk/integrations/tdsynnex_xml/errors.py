"""TD SYNNEX XML refusals classified once into procdesk's typed errors.

A refusal is a reply holding an `errorDetail` element (HTTP 200). TD SYNNEX's error codes
are UNVERIFIED, so the refusal is classified by words in its text, in this order:
- "already exist" / "duplicat" -> `DuplicatePoError` (a ValidationError carrying the PO
  number: the PO is at TD SYNNEX already; look it up with `po_status`, do not resend);
- "customer number" / "customer no" -> `InvalidCustomerNumberError` (credential problem);
- password, user ID / name, login, credential, authenticat-, not authori[sz]ed, IP address
  -> `AuthenticationError`;
- anything else -> `ValidationError` with the text verbatim.
Refusals come in HTTP 200 replies, so their errors carry no status code. The provider's
text is kept verbatim except that the password, should a reply ever echo it,
is replaced by '***' (`procdesk.secrets.redaction`: where it stands as itself, so a short
password never turns the words around it into a guessing game).
"""

from __future__ import annotations

import re
from typing import Literal

from procdesk.domain.enums import Provider
from procdesk.integrations.errors import (
    AuthenticationError,
    InvalidCustomerNumberError,
    ProductUnavailableError,
    ProviderError,
    ValidationError,
)
from procdesk.integrations.tdsynnex_xml.purchase_order import OrderResponse

PROVIDER = Provider.TDSYNNEX_XML
_DUPLICATE = re.compile(r"already exist|duplicat", re.IGNORECASE)
_CUSTOMER = re.compile(r"customer\s*(number|no\b|#)", re.IGNORECASE)
_LOGIN = re.compile(
    r"password|user\s*(id|name)|log\s*-?in|credential|authenticat|not authori[sz]ed|ip address",
    re.IGNORECASE,
)


class DuplicatePoError(ValidationError):
    """TD SYNNEX already holds this PO number: reconcile with `po_status(po_number)`."""

    def __init__(self, message: str, *, po_number: str, operation: str = "") -> None:
        super().__init__(PROVIDER, message, operation=operation)
        self.po_number = po_number


class UnshippableOrderError(ProductUnavailableError):
    """TD SYNNEX took the PO, but no line of it will ship: every line was rejected or became
    a non-stock quote line (SKU 99 / QO). The PO number is used up at TD SYNNEX; a person
    must sort the order out there (the XML interface has no cancel call)."""

    def __init__(
        self,
        message: str,
        *,
        response: OrderResponse,
        part_numbers: list[str],
        reason: Literal["unknown", "discontinued"],
        operation: str = "",
    ) -> None:
        super().__init__(
            PROVIDER,
            message,
            part_numbers=part_numbers,
            reason=reason,
            operation=operation,
        )
        self.po_number = response.po_number
        self.response = response


def refusal_error(detail: str, operation: str, *, po_number: str | None = None) -> ProviderError:
    """The typed error for an errorDetail text (see the module docstring for the order)."""
    if po_number is not None and _DUPLICATE.search(detail):
        return DuplicatePoError(detail, po_number=po_number, operation=operation)
    if _CUSTOMER.search(detail):
        return InvalidCustomerNumberError(PROVIDER, detail, operation=operation)
    if _LOGIN.search(detail):
        return AuthenticationError(PROVIDER, detail, operation=operation)
    return ValidationError(PROVIDER, detail, operation=operation)


def unshippable(response: OrderResponse, operation: str) -> UnshippableOrderError:
    problems = "; ".join(f"line {line.line_number}: {line.problem}" for line in response.lines)
    non_stock = [line for line in response.lines if line.non_stock]
    parts = [line.mfg_pn or line.sku for line in (non_stock or response.lines)]
    return UnshippableOrderError(
        f"PO {response.po_number}: no line will ship ({problems})",
        response=response,
        part_numbers=parts,
        reason="unknown" if non_stock else "discontinued",
        operation=operation,
    )
