"""What a buyer does with a line another distributor serves better: switch it, split it, or
substitute its part. Only before the order is placed (queued, awaiting approval, or in
error without a distributor order); every move is an event saying who and why.

- **switch**: the line moves to the quote's queued order at that distributor (or a new
  one); the receiving order's approval is cleared, so the worker checks the threshold
  again before it is sent. An order left without lines is cancelled; one left in error is
  queued again (its availability is checked again before it is sent).
- **split**: part of the quantity moves the same way; the rest stays.
- **substitute**: another manufacturer part, with a required reason. While the line's
  charge has not reached Autotask it follows; once it has, the substitution is refused.
The target distributor is asked about the part first: a part it does not carry, or has
discontinued, is refused before anything changes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.clock import Clock
from procdesk.domain.enums import Distributor, EntityType, IssueKind, OrderStatus
from procdesk.domain.order import Order, OrderLine
from procdesk.integrations.distributor.models import PartAvailability
from procdesk.integrations.distributor.protocol import HardwareCatalog
from procdesk.integrations.errors import ProviderError
from procdesk.services.procurement.comparison import COMPARED
from procdesk.services.procurement.settings import (
    ClientFactory,
    ProcurementService,
    ProcurementSettings,
)
from procdesk.store import events, issues, order_moves, order_work
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger


class LineMoveRefused(Exception):
    """The move cannot be made; the message says why, in words for the buyer."""


class LineMoved(BaseModel):
    order_line_id: int  # the line on the receiving order
    from_order: int
    to_order: int
    to_distributor: Distributor
    quantity: Decimal
    new_order: bool
    source_cancelled: bool

    @property
    def message(self) -> str:
        where = "a new order" if self.new_order else "order"
        return (
            f"{self.quantity.normalize()} moved from order {self.from_order} to {where} "
            f"{self.to_order} at {self.to_distributor.value}"
            + (
                f"; order {self.from_order} had no lines left and is cancelled"
                if self.source_cancelled
                else ""
            )
        )


class Substituted(BaseModel):
    order_line_id: int
    old_part: str
    new_part: str
    charges_followed: list[int]

    @property
    def message(self) -> str:
        charges = (
            f"; charge {', '.join(map(str, self.charges_followed))} follows"
            if self.charges_followed
            else ""
        )
        return f"line {self.order_line_id}: {self.old_part} replaced by {self.new_part}{charges}"


class LineMoves(ProcurementService):
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

    async def switch(
        self,
        order_line_id: int,
        to: Distributor,
        *,
        reason: str = "",
        quantity: Decimal | None = None,
    ) -> LineMoved:
        """Move the line (or `quantity` of it: a split) to `to`. Without a reason, the
        event records what `to` said about the part. Raises LineMoveRefused."""
        line, order = await self._editable(order_line_id)
        if to not in COMPARED:
            names = ", ".join(d.value for d in COMPARED)
            raise LineMoveRefused(f"hardware lines can move to {names}, not {to.value}")
        if to is order.distributor:
            raise LineMoveRefused(f"line {order_line_id} is already at {to.value}")
        if quantity is not None and not (0 < quantity < line.quantity):
            raise LineMoveRefused(
                f"a split moves part of the line: between 1 and {line.quantity.normalize() - 1} "
                f"of its {line.quantity.normalize()}"
            )
        found = await self._ask(to, line.sku)
        if not reason.strip():  # the buyer gave none: what the distributor said is why
            stock = f"{found.quantity} in stock" if found.quantity else found.status.value
            price = f" at {found.price} {found.currency or ''}".rstrip() if found.price else ""
            reason = f"{to.value} has {line.sku}: {stock}{price}"
        return await self._move(
            order_line_id,
            to,
            part_number=found.distributor_part_number or line.sku,
            reason=reason,
            quantity=quantity,
        )

    async def move_preferred(
        self, order_line_id: int, to: Distributor, *, part_number: str | None, reason: str
    ) -> LineMoved:
        """The worker's sourcing pass: move the whole line to `to`, which the comparison
        it just made prefers (`part_number` is `to`'s number from that answer, so nobody is
        asked twice). The events say the preference moved it, and why. Raises
        LineMoveRefused when the line can no longer move."""
        line, _ = await self._editable(order_line_id)
        return await self._move(
            order_line_id,
            to,
            part_number=part_number or line.sku,
            reason=f"moved by sourcing preference: {reason}",
            quantity=None,
        )

    async def _move(
        self,
        order_line_id: int,
        to: Distributor,
        *,
        part_number: str,
        reason: str,
        quantity: Decimal | None,
    ) -> LineMoved:
        now = self._clock()
        async with self._ledger.write() as conn:
            line, order = await self._editable(order_line_id, conn=conn)
            target, new = await order_moves.queued_order_at(
                conn, order, to, actor=self._actor, now=now
            )
            moved_id = await order_moves.move_line(
                conn,
                line,
                target,
                part_number=part_number,
                quantity=quantity,
                now=now,
            )
            moved = quantity or line.quantity
            await order_moves.refresh_value(conn, target, now=now, part=line.sku)
            detail = {
                "line": line.line_number,
                "part": line.sku,
                "quantity": str(moved),
                "from": order.distributor.value,
                "to": to.value,
                "reason": reason.strip(),
            }
            action = "line_split" if quantity is not None else "line_switched"
            await events.append(
                conn,
                actor=self._actor,
                entity_type=EntityType.ORDER,
                entity_id=order.id,
                action=f"{action}_out",
                detail={**detail, "to_order": target},
                at=now,
            )
            await events.append(
                conn,
                actor=self._actor,
                entity_type=EntityType.ORDER,
                entity_id=target,
                action=f"{action}_in",
                detail={**detail, "from_order": order.id},
                at=now,
            )
            cancelled = await self._after_moving_out(conn, order, now=now)
        return LineMoved(
            order_line_id=moved_id,
            from_order=order.id,
            to_order=target,
            to_distributor=to,
            quantity=moved,
            new_order=new,
            source_cancelled=cancelled,
        )

    async def substitute(self, order_line_id: int, part: str, *, reason: str) -> Substituted:
        """Order another manufacturer part on this line. Raises LineMoveRefused."""
        part = part.strip()
        if not reason.strip():
            raise LineMoveRefused("a substitution needs a reason (--reason)")
        if not part:
            raise LineMoveRefused("name the part to order instead")
        line, order = await self._editable(order_line_id)
        if part.upper() == line.sku.upper():
            raise LineMoveRefused(f"line {order_line_id} already orders {part}")
        async with self._ledger.read() as conn:
            billed = await order_moves.charges_in_autotask(conn, line.quote_line_id)
        if billed:
            ids = ", ".join(f"{i} ({status})" for i, status in billed)
            raise LineMoveRefused(
                f"the charge for this line is already in Autotask (charge {ids}): substituting "
                "the part would bill the customer for a part they do not get; cancel or "
                "correct the charge first, then re-order the line"
            )
        found = await self._ask(order.distributor, part)
        now = self._clock()
        async with self._ledger.write() as conn:
            line, order = await self._editable(order_line_id, conn=conn)
            if await order_moves.charges_in_autotask(conn, line.quote_line_id):
                raise LineMoveRefused("the line's charge reached Autotask meanwhile")
            followed = await order_moves.substitute_part(
                conn,
                line,
                sku=part,
                part_number=found.distributor_part_number or part,
                description=found.description or line.description,
                now=now,
            )
            await order_moves.refresh_value(conn, order.id, now=now, part=part)
            await events.append(
                conn,
                actor=self._actor,
                entity_type=EntityType.ORDER,
                entity_id=order.id,
                action="part_substituted",
                detail={
                    "line": line.line_number,
                    "from": line.sku,
                    "to": part,
                    "reason": reason.strip(),
                    "charges": followed,
                },
                at=now,
            )
            for charge_id in followed:
                await events.append(
                    conn,
                    actor=self._actor,
                    entity_type=EntityType.CHARGE,
                    entity_id=charge_id,
                    action="part_substituted",
                    detail={"from": line.sku, "to": part, "reason": reason.strip()},
                    at=now,
                )
            if order.status is OrderStatus.ERROR:
                await self._requeue(conn, order, now=now)
        return Substituted(
            order_line_id=line.id, old_part=line.sku, new_part=part, charges_followed=followed
        )

    async def _editable(
        self, order_line_id: int, *, conn: AsyncConnection | None = None
    ) -> tuple[OrderLine, Order]:
        if conn is None:
            async with self._ledger.read() as read:
                found = await order_moves.line_with_order(read, order_line_id)
        else:
            found = await order_moves.line_with_order(conn, order_line_id)
        if found is None:
            raise LineMoveRefused(f"no order line {order_line_id}")
        line, order = found
        if order.status not in order_moves.UNPLACED_EDITABLE or order.distributor_order_id:
            raise LineMoveRefused(
                f"order {order.id} is {order.status.value} at {order.distributor.value}: "
                "lines change only before an order is placed"
            )
        if order.merged_into is not None:
            raise LineMoveRefused(f"order {order.id} was merged into order {order.merged_into}")
        return line, order

    async def _ask(self, distributor: Distributor, part: str) -> PartAvailability:
        """What `distributor` says about the manufacturer part now; refused unless it can
        be ordered there."""
        try:
            client = self._clients(distributor)
        except ProviderError as exc:
            raise LineMoveRefused(f"{distributor.value}: {exc.message}") from None  # (says what)
        try:
            if not isinstance(client, HardwareCatalog):
                raise LineMoveRefused(f"{distributor.value} does not look parts up by manufacturer")
            [found] = await client.availability_by_manufacturer([part])
        except ProviderError as exc:
            raise LineMoveRefused(f"could not ask {distributor.value}: {exc}") from None
        finally:
            await client.aclose()
        if not found.orderable:
            why = found.raw_status or found.status.value.replace("_", " ")
            raise LineMoveRefused(f"{part} cannot be ordered at {distributor.value}: {why}")
        return found

    async def _after_moving_out(
        self, conn: AsyncConnection, order: Order, *, now: datetime
    ) -> bool:
        """The order the line left: cancelled when empty, queued again when it was in error
        (its problem may have been this line). True when cancelled."""
        if await order_moves.line_count(conn, order.id) == 0:
            await order_store.mark_cancelled(
                conn, order.id, actor=self._actor, now=now, reason="all its lines moved"
            )
            await issues.resolve_for_subject(
                conn, EntityType.ORDER, order.id, actor=self._actor, now=now
            )
            return True
        await order_moves.refresh_value(conn, order.id, now=now, part="")
        if order.status is OrderStatus.ERROR:
            await self._requeue(conn, order, now=now)
        return False

    async def _requeue(self, conn: AsyncConnection, order: Order, *, now: datetime) -> None:
        await order_work.move(
            conn,
            order.id,
            OrderStatus.QUEUED,
            actor=self._actor,
            now=now,
            action="requeued",
            detail={"why": "its lines changed"},
            last_error=None,
            error_kind=None,
        )
        await issues.resolve_for_subject(
            conn,
            EntityType.ORDER,
            order.id,
            actor=self._actor,
            kinds=[IssueKind.PRODUCT_UNAVAILABLE, IssueKind.PRICE_CHANGED],
            now=now,
        )
