"""What an imported quote stores (its row; its lines' rows are `store.quotes.line_values`)
and what a re-import of it changes: the field lists and comparisons the importer decides
with."""

from __future__ import annotations

from typing import Any

from procdesk.domain.quote import Quote, QuoteLine
from procdesk.services.quotes.files import QuoteIn, QuoteLineIn
from procdesk.services.quotes.files.models import blank_is_absent
from procdesk.store.quotes import line_values

# A stored line's fields that a re-import may change: the file's line fields, except the
# line number (the line's key) and `channel` (folded into the distributor while validating).
LINE_FIELDS = tuple(n for n in QuoteLineIn.model_fields if n not in ("line_number", "channel"))
# Quote fields the outside world already has once a charge or an order left procdesk:
# Autotask holds the charges on the ticket (for the company); the distributor ships to the
# address. Changing them in the ledger would rewrite what was billed or shipped.
HISTORY_FIELDS = ("ticket_id", "ticket_number", "company_name", "ship_to")
HEADER_FIELDS = ("title", *HISTORY_FIELDS, "currency")


def quote_values(quote: QuoteIn, digest: str, source: str | None = None) -> dict[str, Any]:
    """The quote's row; `digest` is its `content_hash()` (computed once per import),
    `source` the fingerprint of the file's record it was read from."""
    return {
        "id": quote.id,
        "title": quote.title,
        "company_name": quote.company_name,
        "ship_to": quote.ship_to.model_dump(mode="json"),
        "ticket_id": quote.ticket_id,
        "ticket_number": quote.ticket_number,
        "status": quote.status.value,
        "currency": quote.currency,
        "content_hash": digest,
        "source_hash": source,
    }


def as_read_now(value: Any) -> Any:
    """A stored value as a file's record is read now: a blank optional text is absent
    (`blank_is_absent`; procdesk kept a JSON file's "" as "" before)."""
    if isinstance(value, dict):
        return {key: as_read_now(item) for key, item in value.items()}
    return blank_is_absent(value)


def changed_fields(stored: QuoteLine, line: QuoteLineIn) -> list[str]:
    new = line_values(line)
    return [name for name in LINE_FIELDS if as_read_now(getattr(stored, name)) != new[name]]


def changed_header(stored: Quote, quote: QuoteIn) -> list[str]:
    """The quote's own fields (not its lines or status) that the file changes."""
    new = quote_values(quote, stored.content_hash)  # the hash is no header field
    old = stored.model_dump(mode="json", include=set(HEADER_FIELDS))
    return [name for name in HEADER_FIELDS if as_read_now(old[name]) != new[name]]
