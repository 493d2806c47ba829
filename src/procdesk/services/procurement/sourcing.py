"""The sourcing preference applied when an order is built (`procurement.source_by_preference`).

Each cycle, before queued orders are routed, the worker leases the queued hardware orders
holding lines nobody has placed yet, compares those lines across the distributors (one
request per distributor for the whole batch, the comparison the buyer sees on `v`) and
moves each line whose preferred offer is at another distributor through the buyer's own
switch path: the receiving order's approval is cleared, so the threshold is checked again
when it is routed, and the events say "moved by sourcing preference: <why>".

A line stays where the quote put it when its own distributor could not be asked (no
credentials, an outage: the rule cannot weigh an offer it has not seen), when no
distributor can supply it in time (splitting is the buyer's call), or when its own
distributor is the preferred one; the order's `sourcing_checked` event says which and why.
Either way the line is marked as looked at, so it is compared once and a buyer's later
switch is never undone; the order is never held back by a distributor that did not answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.clock import Clock
from procdesk.domain.enums import EntityType
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.sourcing import why_preferred
from procdesk.services.procurement.comparison import (
    COMPARED,
    ComparisonService,
    LineComparison,
    OrderComparison,
)
from procdesk.services.procurement.line_moves import LineMoveRefused, LineMoves
from procdesk.services.procurement.settings import ClientFactory, ProcurementSettings
from procdesk.store import events, order_sourcing, order_work
from procdesk.store.ledger import Ledger
from procdesk.store.outage import is_ledger_outage

log = logging.getLogger(__name__)

# The distributors whose orders the preference may re-source (hardware ones).
SOURCED = COMPARED


class SourcingPass:
    """`run()` once per worker cycle; `aclose()` closes the comparison's clients."""

    def __init__(
        self,
        ledger: Ledger,
        settings: ProcurementSettings,
        clients: ClientFactory,
        *,
        owner: str,
        actor: str,
        clock: Clock,
    ) -> None:
        self._ledger = ledger
        self._settings = settings
        self._owner = owner
        self._actor = actor
        self._clock = clock
        self._comparison = ComparisonService(ledger, settings, clients, actor=actor, clock=clock)
        self._moves = LineMoves(ledger, settings, clients, actor=actor, clock=clock)

    async def aclose(self) -> None:
        await self._comparison.aclose()

    async def run(self) -> int:
        """Look at every queued order's new hardware lines; returns how many moved."""
        moved = 0
        while batch := await self._claim():
            try:
                moved += await self._source(batch)
            except Exception as exc:
                if is_ledger_outage(exc):
                    raise
                # A bug must not hold orders back: they go as quoted, and the trail says so.
                log.exception("sourcing preference failed for orders %s", [o.id for o, _ in batch])
                await self._settle(batch, kept_because=f"{type(exc).__name__}: {exc}")
            finally:
                await self._release([order for order, _ in batch])
        return moved

    async def _claim(self) -> list[tuple[Order, list[OrderLine]]]:
        async with self._ledger.write() as conn:
            claimed = await order_work.claim_unsourced(
                conn,
                distributors=SOURCED,
                owner=self._owner,
                now=self._clock(),
                lease_for=self._settings.lease_for,
                limit=self._settings.batch_size,
            )
            lines = await order_sourcing.unsourced_lines(conn, [o.id for o in claimed])
        return [(order, [line for line in lines if line.order_id == order.id]) for order in claimed]

    async def _source(self, batch: Sequence[tuple[Order, list[OrderLine]]]) -> int:
        compared = await self._comparison.compare_lines(batch)
        moved = 0
        for comparison in compared:
            kept: dict[str, str] = {}
            for line in comparison.lines:
                reason = self._why_move(comparison, line)
                if reason is None:
                    kept[str(line.line_number)] = self._why_keep(comparison, line)
                    continue
                assert line.proposed is not None
                offer = line.offer_of(line.proposed)
                try:
                    await self._moves.move_preferred(
                        line.order_line_id,
                        line.proposed,
                        part_number=offer.part_number if offer else None,
                        reason=reason,
                    )
                    moved += 1
                except LineMoveRefused as refused:
                    kept[str(line.line_number)] = f"could not move: {refused}"
            await self._finish(comparison, kept)
        return moved

    def _why_move(self, comparison: OrderComparison, line: LineComparison) -> str | None:
        """Why the line should move, or None when it stays."""
        if line.proposed is None or line.proposed is line.current:
            return None
        if comparison.distributor in comparison.errors:
            return None  # its own distributor's offer is unknown: nothing to weigh it against
        offers = {o.distributor: o for o in line.sourcing_offers()}
        current = offers.get(line.current)
        if current is None:
            return None
        return why_preferred(
            offers[line.proposed],
            current,
            line.quantity,
            self._settings.sourcing,
            self._clock().date(),
        )

    def _why_keep(self, comparison: OrderComparison, line: LineComparison) -> str:
        here = line.current.value
        own_error = comparison.errors.get(line.current)
        if own_error is not None:
            return f"kept at {here}: {here} could not be asked ({own_error})"
        if line.offer_of(line.current) is None:
            return f"kept at {here}: {here} did not answer for {line.manufacturer_part}"
        others = "".join(
            f"; {d.value} could not be asked ({e})"
            for d, e in comparison.errors.items()
            if d is not line.current
        )
        if line.proposed is None:
            return f"kept at {here}: no distributor can supply {line.quantity} in time{others}"
        return f"kept at {here}: it is the preferred distributor{others}"

    async def _finish(self, comparison: OrderComparison, kept: dict[str, str]) -> None:
        """Mark the lines looked at and say what stayed and why (lines that moved carry
        their own events)."""
        now = self._clock()
        async with self._ledger.write() as conn:
            await order_sourcing.mark_sourced(
                conn, [line.order_line_id for line in comparison.lines], now=now
            )
            if kept:
                await self._checked(conn, comparison.order_id, kept, now=now)

    async def _settle(
        self, batch: Sequence[tuple[Order, list[OrderLine]]], kept_because: str
    ) -> None:
        now = self._clock()
        async with self._ledger.write() as conn:
            for order, lines in batch:
                await order_sourcing.mark_sourced(conn, [line.id for line in lines], now=now)
                why = f"kept as quoted: the preference could not be applied ({kept_because})"
                await self._checked(
                    conn, order.id, {str(line.line_number): why for line in lines}, now=now
                )

    async def _checked(
        self, conn: AsyncConnection, order_id: int, kept: dict[str, str], *, now: datetime
    ) -> None:
        await events.append(
            conn,
            actor=self._actor,
            entity_type=EntityType.ORDER,
            entity_id=order_id,
            action="sourcing_checked",
            detail={"kept": kept},
            at=now,
        )

    async def _release(self, orders: Sequence[Order]) -> None:
        async with self._ledger.write() as conn:
            for order in orders:
                await order_work.release(conn, order.id, self._owner)
