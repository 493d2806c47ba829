"""Quotes of an import that the ledger does not hold yet, stored a batch at a time: each
validated quote goes straight to the rows the store writes for it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import QuoteStatus
from procdesk.services.quotes.files import ImportProgress, QuoteIn
from procdesk.services.quotes.rows import quote_values
from procdesk.store import quote_import
from procdesk.store.quote_import import NewQuote

# New quotes stored per batch: large enough that a 20 MB file takes a few dozen
# statements, small enough that no statement carries an unbounded parameter list.
BATCH_QUOTES = 1000


async def store_new_quotes(
    conn: AsyncConnection,
    fresh: Sequence[tuple[QuoteIn, str, str]],
    *,
    actor: str,
    now: datetime,
    progress: ImportProgress | None,
    total: int,
) -> int:
    """Store `fresh` (validated quotes not in the ledger, each with its content hash and
    its record's fingerprint); returns how many. `progress` hears of each batch, out of
    `total` quotes in the file."""
    stored = 0
    for start in range(0, len(fresh), BATCH_QUOTES):
        # rows made a batch at a time: a whole file's would double the memory
        batch = [
            NewQuote(
                quote_values(quote, digest, source),
                quote.lines,
                quote.status is QuoteStatus.ACCEPTED,
            )
            for quote, digest, source in fresh[start : start + BATCH_QUOTES]
        ]
        await quote_import.insert_new(conn, batch, actor=actor, now=now)
        stored += len(batch)
        if progress is not None:
            progress.stored(stored, total)
    return stored
