"""Quotes of an import that the ledger does not hold yet: each validated quote goes
straight to what the store writes for it (its row, made when its batch is; its lines as
validated)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import QuoteStatus
from procdesk.services.quotes.files import ImportProgress, QuoteIn
from procdesk.services.quotes.rows import quote_values
from procdesk.store import quote_import
from procdesk.store.new_quote_rows import NewQuote


async def store_new_quotes(
    conn: AsyncConnection,
    fresh: Sequence[tuple[QuoteIn, str | None, str]],
    *,
    actor: str,
    now: datetime,
    progress: ImportProgress | None,
    total: int,
) -> int:
    """Store `fresh` (validated quotes not in the ledger, each with its content hash if
    known and its record's fingerprint); returns how many. `progress` hears of each batch
    written, out of `total` quotes in the file. A content hash not known yet is computed
    when the quote's batch is made (on SQLite while the batch before is written)."""
    new = [
        NewQuote(
            quote.id,
            partial(_row, quote, digest, source),
            quote.lines,
            quote.status is QuoteStatus.ACCEPTED,
        )
        for quote, digest, source in fresh
    ]

    def stored(done: int) -> None:
        if progress is not None:
            progress.stored(done, total)

    await quote_import.insert_new(conn, new, actor=actor, now=now, stored=stored)
    return len(new)


def _row(quote: QuoteIn, digest: str | None, source: str) -> dict[str, Any]:
    return quote_values(quote, digest or quote.content_hash(), source)
