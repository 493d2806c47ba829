"""The rows an order and its lines are written as: references, search text, values.

Shared by queueing one quote (`orders.queue_quote_lines`), moving lines between orders
(`order_moves`) and the bulk import of new quotes (`quote_import`), so all three write the
same shape.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from procdesk.domain.enums import Distributor, OrderLineStatus, OrderStatus
from procdesk.domain.labels import PROVIDER_NAME
from procdesk.domain.money import extended_cost, round4
from procdesk.domain.quote import LineFacts, Quote

# Ingram Micro's customerOrderNumber takes at most 18 characters; TD SYNNEX's referenceId
# is longer. One reference format for both keeps search and support simple.
REFERENCE_MAX = 18
DISTRIBUTOR_TAG = {
    Distributor.INGRAM: "IM",
    Distributor.TDSYNNEX: "TD",
    Distributor.TDSYNNEX_XML: "TX",
}

# A new order line's tracking numbers: one shared empty value (the batch insert converts a
# value that every row shares once, not per row).
NO_TRACKING: tuple[str, ...] = ()
# (an enum's `.value` is a Python-level property; an import makes tens of thousands of rows)
_QUEUED, _LINE_QUEUED = OrderStatus.QUEUED.value, OrderLineStatus.QUEUED.value


def _quote_tag(quote_id: str, room: int) -> str:
    """The quote id as reference text: alphanumerics, or a short hash when it does not fit."""
    text = re.sub(r"[^A-Za-z0-9]", "", quote_id).upper()
    if text and len(text) <= room:
        return text
    return hashlib.sha256(quote_id.encode()).hexdigest()[:room].upper()


def reference_prefix(quote_id: str, distributor: Distributor) -> str:
    """`PD-<quote>-<IM|TD|TX>-`: an order's reference is this and its number for the pair."""
    tag = DISTRIBUTOR_TAG[distributor]
    room = REFERENCE_MAX - len(f"PD--{tag}-") - 3  # up to 999 orders per quote and distributor
    return f"PD-{_quote_tag(quote_id, room)}-{tag}-"


def search_text(
    reference: str, quote_id: str, company: str, distributor: str, parts: Sequence[str]
) -> str:
    name = PROVIDER_NAME.get(distributor, "")  # as the Distributor column shows it
    return " ".join([reference, quote_id, company, distributor, name, *parts]).lower()


def part_number_of(line: LineFacts) -> str:
    """The distributor's part number for a quote line (the SKU when none was quoted)."""
    return line.distributor_part_number or line.sku


def lines_cost(lines: Sequence[LineFacts]) -> Decimal:
    """What the lines cost us (quantity x unit cost), unrounded."""
    return sum((extended_cost(line.quantity, line.unit_cost) for line in lines), Decimal(0))


def ship_to_values(quote: Quote) -> tuple[dict[str, Any], str]:
    """An order's `ship_to` and `ship_to_key` for the quote's address (the same for every
    order of the quote: an import makes them once per quote, not per order)."""
    return quote.ship_to.model_dump(mode="json"), quote.ship_to.merge_key()


def new_order_values(
    quote: Quote,
    distributor: Distributor,
    reference: str,
    lines: Sequence[LineFacts],
    now: datetime,
    ship_to: tuple[dict[str, Any], str] | None = None,
) -> dict[str, Any]:
    """A queued order of `lines` of `quote` at `distributor`; `ship_to`: the quote's
    `ship_to_values`, when the caller has them."""
    name = distributor.value
    address, key = ship_to or ship_to_values(quote)
    return {
        "quote_id": quote.id,
        "distributor": name,
        "status": _QUEUED,
        "reference": reference,
        "company_name": quote.company_name,
        "ship_to": address,
        "ship_to_key": key,
        "total_value": round4(lines_cost(lines)),
        "currency": quote.currency,
        "attempts": 0,
        "search_text": search_text(
            reference,
            quote.id,
            quote.company_name,
            name,
            [part_number_of(line) for line in lines],
        ),
        "created_at": now,
        "updated_at": now,
    }


def order_line_values(
    order_id: int, line_id: int, line: LineFacts, now: datetime
) -> dict[str, Any]:
    """A queued order line for a quote line (stored as `line_id`), priced at our cost."""
    return {
        "order_id": order_id,
        "quote_line_id": line_id,
        "line_number": line.line_number,
        "sku": line.sku,
        "part_number": part_number_of(line),
        "description": line.description,
        "quantity": round4(line.quantity),
        "unit_price": round4(line.unit_cost),
        "status": _LINE_QUEUED,
        "tracking_numbers": NO_TRACKING,
        "updated_at": now,
    }
