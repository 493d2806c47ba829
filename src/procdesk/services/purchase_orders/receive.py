"""Receipts in Autotask from the shipments in the ledger, each created once.

Autotask receipts cannot be changed, and a retried create receives twice, so before any
create the item's receipts in Autotask are read: a serialised unit is received when no
receipt of its serial exists on the item; by-quantity shipments are received up to the
running total of the line's shipments (shipment after shipment), so a receipt made before a
crash is counted instead of repeated. The ledger then remembers each receipt.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from procdesk.domain.enums import IssueKind
from procdesk.domain.order import Order
from procdesk.domain.purchase_order import (
    PurchaseOrderItemLink,
    PurchaseOrderLink,
    Receipt,
    Shipment,
    serial_problem,
)
from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.integrations.autotask.procurement_models import NewReceipt
from procdesk.integrations.errors import ValidationError
from procdesk.services.purchase_orders.problems import NeedsPerson
from procdesk.services.purchase_orders.settings import PoService
from procdesk.store import purchase_orders as po_store
from procdesk.store import shipments as shipment_store


def _receive_date(shipment: Shipment, today: date) -> datetime:
    day = shipment.delivered_on or shipment.shipped_on or today
    return datetime.combine(day, time(12), tzinfo=UTC)


class Receiver(PoService):
    async def receive(
        self, order: Order, link: PurchaseOrderLink, client: AutotaskProcurementClient
    ) -> int:
        """Receive what has arrived and is not yet received; the number of receipts made."""
        async with self._ledger.read() as conn:
            items = await po_store.items_of(conn, order.id)
            shipments = await shipment_store.of_order(conn, order.id)
            recorded = await shipment_store.receipts_of(conn, order.id)
        made = 0
        problems: list[NeedsPerson] = []
        for number, item in items.items():
            if item.skipped or item.autotask_item_id is None:
                continue
            arrived = [
                s
                for s in shipments
                if s.line_number == number and s.receivable(self._settings.receive_when)
            ]
            done = {(r.shipment_id, r.serial_number) for r in recorded if r.line_number == number}
            if all(_units_done(s, done) for s in arrived):
                continue
            try:
                made += await self._line(order, item, arrived, done, client)
            except NeedsPerson as problem:
                problems.append(problem)
        if problems:
            raise problems[0]
        return made

    async def _line(
        self,
        order: Order,
        item: PurchaseOrderItemLink,
        arrived: list[Shipment],
        done: set[tuple[str, str]],
        client: AutotaskProcurementClient,
    ) -> int:
        item_id = item.autotask_item_id
        assert item_id is not None
        existing = await client.receipts(item_id)
        by_serial = {r.serialNumber: r.id for r in existing if r.serialNumber}
        counted = sum(r.quantityNowReceiving or 0 for r in existing if not r.serialNumber)
        today = self._clock().date()
        running = 0
        seen: set[str] = set()
        bad: list[str] = []
        made = 0
        for shipment in arrived:
            when = _receive_date(shipment, today)
            if shipment.serial_numbers:
                for serial in shipment.serial_numbers:
                    if (shipment.shipment_id, serial) in done:
                        seen.add(serial)
                        continue
                    problem = serial_problem(serial, seen)
                    seen.add(serial)
                    if problem is not None:
                        bad.append(problem)
                        continue
                    receipt_id = by_serial.get(serial)
                    if receipt_id is None:
                        receipt = NewReceipt(
                            quantityNowReceiving=1, serialNumber=serial, receiveDate=when
                        )
                        receipt_id = await self._create(item, receipt, client)
                        made += 1
                    await self._remember(shipment, serial, 1, receipt_id, when)
                continue
            running += shipment.quantity
            if (shipment.shipment_id, "") in done or shipment.quantity == 0:
                continue
            missing = running - counted
            receipt_id = None
            if missing > 0:
                receipt = NewReceipt(quantityNowReceiving=missing, receiveDate=when)
                receipt_id = await self._create(item, receipt, client)
                counted += missing
                made += 1
            await self._remember(shipment, "", shipment.quantity, receipt_id, when)
        if bad:
            raise NeedsPerson(
                IssueKind.BAD_SERIAL_NUMBER,
                f"line {item.line_number}: " + "; ".join(bad),
                line=item.line_number,
            )
        return made

    async def _create(
        self, item: PurchaseOrderItemLink, receipt: NewReceipt, client: AutotaskProcurementClient
    ) -> int:
        assert item.autotask_item_id is not None
        try:
            return await client.receive(item.autotask_item_id, receipt)
        except ValidationError as error:
            raise NeedsPerson(
                IssueKind.RECEIVING_REFUSED,
                f"line {item.line_number}: {error.message}",
                line=item.line_number,
            ) from error

    async def _remember(
        self,
        shipment: Shipment,
        serial: str,
        quantity: int,
        receipt_id: int | None,
        when: datetime,
    ) -> None:
        async with self._ledger.write() as conn:
            now = self._clock()
            await shipment_store.add_receipt(
                conn,
                shipment,
                serial_number=serial,
                quantity=quantity,
                autotask_receipt_id=receipt_id,
                received_on=when.date(),
                now=now,
            )
            await po_store.note(
                conn,
                shipment.order_id,
                "received",
                actor=self._actor,
                now=now,
                detail={
                    "line": shipment.line_number,
                    "shipment": shipment.shipment_id,
                    "quantity": quantity,
                    "serial_number": serial or None,
                },
            )


def _units_done(shipment: Shipment, done: set[tuple[str, str]]) -> bool:
    if shipment.serial_numbers:
        return all((shipment.shipment_id, s) in done for s in shipment.serial_numbers)
    return shipment.quantity == 0 or (shipment.shipment_id, "") in done


def received_quantity(receipts: list[Receipt], line_number: int) -> int:
    return sum(r.quantity for r in receipts if r.line_number == line_number)
