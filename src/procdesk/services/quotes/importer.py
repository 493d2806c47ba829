"""`procdesk quotes import FILE`: the whole file in one ledger transaction, or nothing.

Per quote, by content hash: new -> stored (accepted: one pending charge per line and its
orderable lines queued); same hash -> unchanged; otherwise the header and status are
updated and the consequences queued (retracted/declined: charges cancelled or flagged for
the charge worker, orders cancelled; accepted again: missing charges made). History is
never rewritten: once any charge of the quote may exist in Autotask or any order of it was
sent, its ticket, company and ship-to cannot change (orders still queued follow them). Lines may
change only while nothing of them left procdesk: a line whose charge may exist in Autotask,
or whose order was sent to the distributor, cannot change (an order still queued or
awaiting approval follows the edit), and lines cannot be removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.clock import Clock
from procdesk.domain.enums import (
    CancelReason,
    EntityType,
    QuoteStatus,
)
from procdesk.domain.quote import Quote, QuoteLine
from procdesk.services.charges.cancel import request_cancel_for_quote, request_cancel_many
from procdesk.services.collector import collector_paused
from procdesk.services.quotes import refusals
from procdesk.services.quotes.files import (
    ImportProblem,
    ImportProgress,
    ImportRejected,
    QuoteFile,
    QuoteIn,
    RawQuote,
    load_quote_file,
)
from procdesk.services.quotes.new_quotes import store_new_quotes
from procdesk.services.quotes.report import ImportReport, QuoteOutcome
from procdesk.services.quotes.rows import (
    HISTORY_FIELDS,
    changed_fields,
    changed_header,
    quote_values,
)
from procdesk.store import charges as charge_store
from procdesk.store import events, order_moves, quote_import, quote_orders
from procdesk.store import orders as order_store
from procdesk.store import quotes as quote_store
from procdesk.store.ledger import Ledger
from procdesk.store.quote_import import BATCH_QUOTES, StoredQuote
from procdesk.store.quotes import line_values


class _Entry(NamedTuple):
    """A quote of the file once validated: what the importer still needs of the record as
    written, and the quote with its content hash (None: skipped; the hash of a new quote
    waits until it is needed)."""

    quote_id: str | None
    fingerprint: str
    location: str
    checked: tuple[QuoteIn, str | None] | None


def _same_record(known: Mapping[str, StoredQuote], raw: RawQuote) -> bool:
    """Whether the ledger holds this very record (its fingerprint), so it needs no look."""
    stored = known.get(raw.quote_id) if raw.quote_id is not None else None
    return stored is not None and stored.source_hash == raw.fingerprint


class QuoteImporter:
    """Imports quote files into the ledger (see the module docstring for the rules)."""

    def __init__(self, ledger: Ledger, *, actor: str, clock: Clock) -> None:
        self._ledger = ledger
        self._actor = actor
        self._clock = clock

    async def import_file(self, path: Path, progress: ImportProgress | None = None) -> ImportReport:
        """Import every quote of the file, or none: raises ImportRejected with all problems.

        A quote whose record is written exactly as when it was last imported is unchanged
        without validating it again (its fingerprint is stored with it); the others are
        validated before the ledger is locked for writing. New quotes are stored in batches
        (a few statements per table for each batch); quotes whose content is unchanged cost
        no write; changed quotes go one by one through the rules above. `progress` hears
        how far reading and storing got.
        """
        with collector_paused():
            return await self._import(path, progress)

    async def _import(self, path: Path, progress: ImportProgress | None) -> ImportReport:
        loaded = load_quote_file(path)
        ids = [raw.quote_id for raw in loaded.quotes if raw.quote_id is not None]
        async with self._ledger.read() as conn:
            seen = await quote_import.stored_quotes(conn, ids)
        checked = loaded.validated(progress, skip=partial(_same_record, seen))
        hashed = [  # hashed now if compared with a stored quote; a new one's hash can wait
            None if q is None else (q, q.content_hash() if q.id in seen else None) for q in checked
        ]
        del checked
        now = self._clock()
        total = len(loaded.quotes)
        async with self._ledger.write() as conn:
            # What the ledger holds now: another import may have written since `seen`.
            known = await quote_import.stored_quotes(conn, ids)
            late = [  # skipped by `seen`, but their stored record changed underneath
                index
                for index, (raw, pair) in enumerate(zip(loaded.quotes, hashed, strict=True))
                if pair is None and not _same_record(known, raw)
            ]
            if late:
                again = QuoteFile(loaded.file, [loaded.quotes[i] for i in late], [])
                for index, quote in zip(late, again.validated(), strict=True):
                    assert quote is not None  # nothing skipped
                    hashed[index] = (quote, quote.content_hash())
            entries = [
                _Entry(raw.quote_id, raw.fingerprint, raw.location, pair)
                for raw, pair in zip(loaded.quotes, hashed, strict=True)
            ]
            del loaded, hashed  # the records as written: the validated quotes say the rest
            fresh = [  # (quote, content hash, fingerprint) of the quotes not in the ledger
                (*entry.checked, entry.fingerprint)
                for entry in entries
                if entry.checked is not None and entry.checked[0].id not in known
            ]
            stored = await store_new_quotes(
                conn, fresh, actor=self._actor, now=now, progress=progress, total=total
            )
            del fresh
            outcomes: list[QuoteOutcome] = []
            problems: list[ImportProblem] = []
            fingerprints: dict[str, str] = {}
            for entry in entries:
                if entry.checked is None:  # skipped: the same record as stored
                    assert entry.quote_id is not None  # _same_record found it stored
                    status = known[entry.quote_id].status
                    outcomes.append(QuoteOutcome(entry.quote_id, "unchanged", status))
                    stored += 1
                    continue
                quote, digest = entry.checked
                if quote.id not in known:
                    outcomes.append(QuoteOutcome(quote.id, "created", quote.status))
                    continue
                digest = digest or quote.content_hash()  # stored since `seen` was read
                if known[quote.id].content_hash == digest:
                    outcomes.append(QuoteOutcome(quote.id, "unchanged", quote.status))
                    fingerprints[quote.id] = entry.fingerprint
                else:
                    outcome, refused = await self._apply(
                        conn, quote, (digest, entry.fingerprint), now, str(path)
                    )
                    problems += [ImportProblem(str(path), entry.location, f, r) for f, r in refused]
                    outcomes.append(outcome)
                stored += 1
                if progress is not None and stored % BATCH_QUOTES == 0:
                    progress.stored(stored, total)
            if problems:
                raise ImportRejected(problems)  # rolls the transaction back
            await quote_import.remember_sources(conn, fingerprints)
        if progress is not None:
            progress.stored(total, total)
        return ImportReport(str(path), outcomes)

    async def _apply(
        self,
        conn: AsyncConnection,
        quote: QuoteIn,
        hashes: tuple[str, str],
        now: datetime,
        file: str,
    ) -> tuple[QuoteOutcome, list[tuple[str, str]]]:
        """A quote already in the ledger whose content changed, updated, or why not:
        (field, reason) pairs. `hashes`: its content hash and its record's fingerprint."""
        existing = await quote_store.get(conn, quote.id)
        assert existing is not None  # the caller found its content hash
        header = changed_header(existing, quote)
        kept = await refusals.of_header(conn, quote.id, header, now)
        if kept:
            fields = ", ".join(name for name in header if name in HISTORY_FIELDS)
            return QuoteOutcome(quote.id, "unchanged", quote.status), [(fields, r) for r in kept]
        changes, touched, refused = await self._change_lines(conn, quote, now, file)
        if refused:
            return QuoteOutcome(quote.id, "unchanged", quote.status), [
                ("lines", r) for r in refused
            ]
        old_status = existing.status
        status_changed = old_status is not quote.status
        if not (changes or header or status_changed):  # the same quote, read by newer rules
            await quote_import.refresh_hashes(conn, quote.id, *hashes)
            return QuoteOutcome(quote.id, "unchanged", quote.status), []
        if status_changed:
            changes.append(f"status {old_status.value} -> {quote.status.value}")
        changes += [f"{name} changed" for name in header]
        if not changes:
            changes.append("quote details")
        row = await quote_store.update(
            conn,
            quote.id,
            quote_values(quote, *hashes),
            actor=self._actor,
            now=now,
            action="status_changed" if status_changed else "updated",
            detail={"from": old_status.value, "to": quote.status.value, "changes": changes},
        )
        if {"company_name", "ship_to"} & set(header):
            await quote_orders.follow_header(
                conn,
                quote.id,
                company_name=row.company_name,
                ship_to=row.ship_to,
                actor=self._actor,
                now=now,
            )
        if quote.status is QuoteStatus.ACCEPTED:
            # Accepted again: every line; still accepted: only the edited and added lines
            # (a charge an admin cancelled stays cancelled when the title changes).
            lines = await quote_store.lines_of(conn, quote.id)
            if not status_changed:
                lines = [line for line in lines if line.line_number in touched]
            await self._start(conn, row, lines, now)
        elif status_changed and old_status is QuoteStatus.ACCEPTED:
            await self._withdraw(conn, quote, now)
        return QuoteOutcome(quote.id, "updated", quote.status, changes), []

    async def _start(
        self,
        conn: AsyncConnection,
        quote: Quote,
        lines: list[QuoteLine],
        now: datetime,
    ) -> None:
        """One pending charge per line that has none active; orderable lines queued."""
        by_line = await charge_store.by_line(conn, quote.id)
        for line in lines:
            if not any(c.is_active for c in by_line.get(line.id, [])):
                await charge_store.create_pending(
                    conn, quote=quote, line=line, actor=self._actor, now=now
                )
        await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor=self._actor, now=now
        )

    async def _withdraw(self, conn: AsyncConnection, quote: QuoteIn, now: datetime) -> None:
        await request_cancel_for_quote(
            conn,
            quote_id=quote.id,
            reason=CancelReason.QUOTE_WITHDRAWN,
            actor=self._actor,
            now=now,
        )
        await order_store.cancel_orders_for_quote(
            conn,
            quote_id=quote.id,
            actor=self._actor,
            now=now,
            reason=f"quote {quote.id} {quote.status.value}",
        )

    async def _change_lines(
        self, conn: AsyncConnection, quote: QuoteIn, now: datetime, file: str
    ) -> tuple[list[str], set[int], list[str]]:
        """Apply line edits and additions; returns (changes, line numbers edited or added,
        reasons refused)."""
        stored = {line.line_number: line for line in await quote_store.lines_of(conn, quote.id)}
        incoming = {line.line_number: line for line in quote.lines}
        removed = sorted(set(stored) - set(incoming))
        added = [incoming[n] for n in sorted(set(incoming) - set(stored))]
        edited = {
            n: fields
            for n in sorted(set(stored) & set(incoming))
            if (fields := changed_fields(stored[n], incoming[n]))
        }
        refused = await refusals.of_lines(conn, quote.id, stored, edited, removed, now)
        if refused or not (edited or added):
            return [], set(), refused
        by_line = await charge_store.by_line(conn, quote.id)
        for number in edited:
            line_id = stored[number].id
            await quote_store.update_line(conn, line_id, line_values(incoming[number]))
            if "distributor" in edited[number]:  # (queued again at the new one by `_start`)
                await order_moves.release_line(
                    conn,
                    line_id,
                    stored[number].distributor,
                    actor=self._actor,
                    now=now,
                    reason=f"quote {quote.id} line {number} now names "
                    f"{incoming[number].distributor.value} ({file})",
                )
            await request_cancel_many(
                conn,
                by_line.get(line_id, []),
                reason=CancelReason.ADMIN,
                actor=self._actor,
                now=now,
                note=f"quote {quote.id} line {number} changed by importing {file}",
            )
        await quote_store.add_lines(conn, quote.id, [line_values(line) for line in added])
        changes = [f"line {n}: {', '.join(fields)}" for n, fields in edited.items()]
        changes += [f"line {line.line_number} added" for line in added]
        await events.append(
            conn,
            actor=self._actor,
            entity_type=EntityType.QUOTE,
            entity_id=quote.id,
            action="lines_changed",
            detail={"edited": dict(edited), "added": [line.line_number for line in added]},
            at=now,
        )
        return changes, {*edited, *(line.line_number for line in added)}, []
