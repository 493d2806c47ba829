"""Price and stock of an order's parts at every distributor, side by side.

Parts are matched by manufacturer part number (the quote line's SKU). Each distributor that
quotes hardware is asked once for the whole order, all of them at the same time; a
distributor that is not configured or fails is reported beside the others (its error stays
on screen), never hidden. The standing preference (`domain.sourcing`) marks the offer it
would take for each line, and a split when no single distributor has the quantity.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Self

from pydantic import BaseModel

from procdesk.domain.clock import Clock
from procdesk.domain.enums import Distributor, EntityType
from procdesk.domain.money import round4
from procdesk.domain.order import Order, OrderLine
from procdesk.domain.sourcing import (
    Offer,
    SourcingPreference,
    best_offer,
    split_plan,
)
from procdesk.integrations.distributor.models import (
    AvailabilityStatus,
    PartAvailability,
    WarehouseStock,
)
from procdesk.integrations.distributor.protocol import DistributorClient, HardwareCatalog
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.settings import (
    ClientFactory,
    ProcurementService,
    ProcurementSettings,
)
from procdesk.store import events, order_sourcing
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger

COMPARED = (Distributor.INGRAM, Distributor.TDSYNNEX_XML)

log = logging.getLogger(__name__)


class ComparisonError(Exception):
    """The comparison could not be made at all (no such order, a cloud order)."""


class PartOffer(BaseModel):
    """One distributor's answer for one line."""

    distributor: Distributor
    part_number: str | None  # the distributor's own number for the part
    status: AvailabilityStatus
    raw_status: str
    price: Decimal | None
    change_pct: Decimal | None  # against the quoted cost; + is dearer
    in_stock: int
    warehouses: list[WarehouseStock]
    eta: date | None

    @property
    def orderable(self) -> bool:
        return self.status in (AvailabilityStatus.AVAILABLE, AvailabilityStatus.BACKORDERABLE)

    @property
    def label(self) -> str:
        """Active, discontinued or not found, as a person says it."""
        if self.status is AvailabilityStatus.UNKNOWN:
            return "not found"
        if self.status is AvailabilityStatus.DISCONTINUED:
            return "discontinued"
        if self.status is AvailabilityStatus.OUT_OF_STOCK:
            return "out of stock"
        return "active"


class LineComparison(BaseModel):
    order_line_id: int
    line_number: int
    manufacturer_part: str
    description: str
    quantity: int
    quoted_cost: Decimal
    current: Distributor  # the distributor the line is on now
    offers: list[PartOffer]
    proposed: Distributor | None  # what the standing preference would take
    split: list[tuple[Distributor, int]]  # when no one distributor has the quantity

    def offer_of(self, distributor: Distributor) -> PartOffer | None:
        return next((o for o in self.offers if o.distributor is distributor), None)

    def sourcing_offers(self) -> list[Offer]:
        """The offers as the sourcing rule (`domain.sourcing`) weighs them."""
        return [
            Offer(
                distributor=o.distributor,
                orderable=o.orderable,
                in_stock=o.in_stock,
                price=o.price,
                eta=o.eta,
                state=o.label,
            )
            for o in self.offers
        ]

    @property
    def current_covers(self) -> bool:
        offer = self.offer_of(self.current)
        return offer is not None and offer.orderable and offer.in_stock >= self.quantity

    @property
    def advice(self) -> str:
        if self.proposed is not None and self.proposed is not self.current:
            return f"switch to {self.proposed.value}"
        if self.split and not self.current_covers:
            return "split: " + ", ".join(f"{n} at {d.value}" for d, n in self.split)
        if self.proposed is None and not self.current_covers:
            return "no distributor has it in time"
        return ""


class OrderComparison(BaseModel):
    order_id: int
    reference: str
    distributor: Distributor
    compared: list[Distributor]
    errors: dict[Distributor, str]  # distributors that could not answer, and why
    lines: list[LineComparison]


def _offer(line: OrderLine, distributor: Distributor, found: PartAvailability) -> PartOffer:
    change = None
    if found.price is not None and line.unit_price > 0:
        change = round4((found.price - line.unit_price) / line.unit_price * 100)
    return PartOffer(
        distributor=distributor,
        part_number=found.distributor_part_number,
        status=found.status,
        raw_status=found.raw_status,
        price=found.price,
        change_pct=change,
        in_stock=found.quantity or 0,
        warehouses=found.warehouses,
        eta=found.eta,
    )


def _line(
    line: OrderLine,
    current: Distributor,
    answers: dict[Distributor, dict[str, PartAvailability]],
    pref: SourcingPreference,
    today: date,
) -> LineComparison:
    wanted = line.sku.upper()
    offers = [
        _offer(line, distributor, by_part[wanted])
        for distributor, by_part in answers.items()
        if wanted in by_part
    ]
    compared = LineComparison(
        order_line_id=line.id,
        line_number=line.line_number,
        manufacturer_part=line.sku,
        description=line.description,
        quantity=int(line.quantity),
        quoted_cost=line.unit_price,
        current=current,
        offers=offers,
        proposed=None,
        split=[],
    )
    sourcing = compared.sourcing_offers()
    best = best_offer(sourcing, compared.quantity, pref, today)
    return compared.model_copy(
        update={
            "proposed": best.distributor if best else None,
            "split": split_plan(sourcing, compared.quantity, pref) if best is None else [],
        }
    )


def _by_part(found: list[PartAvailability]) -> dict[str, PartAvailability]:
    """A distributor's answers by manufacturer part number (case does not matter); the
    first answer for a part wins, as the order of the request had it."""
    index: dict[str, PartAvailability] = {}
    for part in found:
        index.setdefault(part.part_number.upper(), part)
    return index


class ComparisonService(ProcurementService):
    """`compare(order_id)`: every hardware distributor's price and stock for the order.
    Use it as `async with` (or call `aclose()`): it keeps its clients open."""

    def __init__(
        self,
        ledger: Ledger,
        settings: ProcurementSettings,
        clients: ClientFactory,
        *,
        actor: str,
        clock: Clock,
    ) -> None:
        super().__init__(ledger, settings, actor=actor, clock=clock)
        self._clients = clients
        self._open: dict[Distributor, DistributorClient] = {}
        self._recording: set[asyncio.Task[None]] = set()

    def _client(self, distributor: Distributor) -> DistributorClient:
        """Clients stay open between comparisons (tokens and connections are reused);
        `aclose()` closes them."""
        if distributor not in self._open:
            self._open[distributor] = self._clients(distributor)
        return self._open[distributor]

    async def _drop(self, distributor: Distributor) -> None:
        client = self._open.pop(distributor, None)
        if client is not None:
            await client.aclose()

    async def flush(self) -> None:
        """Wait until every comparison made so far is on the order's audit trail."""
        while self._recording:
            done = await asyncio.gather(*self._recording, return_exceptions=True)
            for failure in (d for d in done if isinstance(d, BaseException)):
                log.warning("a comparison's event was not recorded: %s", failure)

    async def aclose(self) -> None:
        await self.flush()
        for distributor in list(self._open):
            await self._drop(distributor)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def compare(self, order_id: int) -> OrderComparison:
        """Every compared distributor's answer for the order's lines. The distributors
        are asked as soon as the parts are known; the order and its lines are read from
        the ledger while they answer. Raises ComparisonError."""
        async with self._ledger.read() as conn:
            found = await order_sourcing.parts_of(conn, order_id)
        if found is None:
            raise ComparisonError(f"no order {order_id}")
        distributor, parts = found
        if not distributor.sells_hardware:
            raise ComparisonError(
                f"order {order_id} is a cloud subscription order ({distributor.value}): "
                "only hardware is compared across distributors"
            )
        asking = asyncio.create_task(self._ask_all(parts))
        try:
            async with self._ledger.read() as conn:
                order = await order_store.get_order(conn, order_id)
                lines = await order_store.get_lines(conn, order_id)
        except BaseException:
            asking.cancel()
            raise
        if order is None:  # deleted in between: not expected, but never half an answer
            asking.cancel()
            raise ComparisonError(f"no order {order_id}")
        [result] = self._compared([(order, lines)], *await asking)
        # The event is written while the answer is being shown, not before: the buyer waits
        # for the distributors only. `flush()` / `aclose()` wait for it.
        task = asyncio.create_task(self._record(order, result))
        self._recording.add(task)
        task.add_done_callback(self._recording.discard)
        return result

    async def compare_lines(
        self, batch: Sequence[tuple[Order, Sequence[OrderLine]]]
    ) -> list[OrderComparison]:
        """Several orders' lines compared with one request per distributor for all of
        them (the worker's sourcing pass); nothing is recorded."""
        parts = list(dict.fromkeys(line.sku for _, lines in batch for line in lines))
        return self._compared(batch, *await self._ask_all(parts))

    def _compared(
        self,
        batch: Sequence[tuple[Order, Sequence[OrderLine]]],
        asked: dict[Distributor, list[PartAvailability]],
        errors: dict[Distributor, str],
    ) -> list[OrderComparison]:
        answers = {distributor: _by_part(found) for distributor, found in asked.items()}
        today = self._clock().date()
        pref = self._settings.sourcing
        return [
            OrderComparison(
                order_id=order.id,
                reference=order.reference,
                distributor=order.distributor,
                compared=list(COMPARED),
                errors=errors,
                lines=[_line(line, order.distributor, answers, pref, today) for line in lines],
            )
            for order, lines in batch
        ]

    async def _ask_all(
        self, parts: Sequence[str]
    ) -> tuple[dict[Distributor, list[PartAvailability]], dict[Distributor, str]]:
        """Every compared distributor at once, one call each for the whole order (the
        clients split beyond 50 parts)."""
        answers: dict[Distributor, list[PartAvailability]] = {}
        errors: dict[Distributor, str] = {}

        async def ask(distributor: Distributor) -> None:
            try:
                client = self._client(distributor)
            except ProviderError as exc:
                errors[distributor] = exc.message  # (it says what is not configured)
                return
            if not isinstance(client, HardwareCatalog):
                errors[distributor] = "cannot look parts up by manufacturer part number"
                return
            try:
                answers[distributor] = await client.availability_by_manufacturer(list(parts))
            except ProviderError as exc:
                errors[distributor] = str(exc)
                await self._drop(distributor)  # the next comparison starts afresh

        await asyncio.gather(*(ask(d) for d in COMPARED))
        return {d: answers[d] for d in COMPARED if d in answers}, errors

    async def _record(self, order: Order, result: OrderComparison) -> None:
        async with self._ledger.write() as conn:
            await events.append(
                conn,
                actor=self._actor,
                entity_type=EntityType.ORDER,
                entity_id=order.id,
                action="availability_compared",
                detail={
                    "distributors": [d.value for d in result.compared if d not in result.errors],
                    "errors": {d.value: e for d, e in result.errors.items()},
                    "advice": {
                        str(line.line_number): line.advice for line in result.lines if line.advice
                    },
                },
                at=self._clock(),
            )
