"""The store entry points the quote importer calls: queueing and cancelling by quote."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from procdesk.domain.enums import EntityType, OrderLineStatus, OrderStatus
from procdesk.services.procurement.poll import status_path
from procdesk.services.procurement.settings import ProcurementSettings
from procdesk.store import events
from procdesk.store import orders as order_store
from procdesk.store.ledger import Ledger
from procdesk.store.schema import order_lines, orders
from tests.support.procurement import T0, LineSpec, insert_quote


async def test_one_order_per_quote_and_distributor_with_other_lines_left_out(
    ledger: Ledger,
) -> None:
    quote, lines = await insert_quote(
        ledger,
        "Q-1001",
        [
            LineSpec("LAPTOP-14", "ingram", "2", "899.50", part_number="6YT123"),
            LineSpec("DOCK-USB", "ingram", "3", "120.25"),
            LineSpec("M365-BP", "tdsynnex", "10", "18.00"),
            LineSpec("CABLE-LOCAL", "other", "5", "4.00"),
        ],
    )
    async with ledger.write() as conn:
        ids = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
    assert len(ids) == 2
    async with ledger.read() as conn:
        rows = {r.distributor: r for r in (await conn.execute(sa.select(orders))).all()}
        ingram = rows["ingram"]
        assert ingram.status == OrderStatus.QUEUED
        assert ingram.reference == "PD-Q1001-IM-1"
        assert len(ingram.reference) <= order_store.REFERENCE_MAX
        assert ingram.total_value == Decimal("2159.7500")
        assert ingram.ship_to["city"] == "Portsmouth"
        assert rows["tdsynnex"].reference == "PD-Q1001-TD-1"
        assert rows["tdsynnex"].total_value == Decimal("180.0000")
        im_lines = await order_store.get_lines(conn, ingram.id)
        assert [(ln.part_number, ln.quantity, ln.unit_price) for ln in im_lines] == [
            ("6YT123", Decimal("2.0000"), Decimal("899.5000")),
            ("DOCK-USB", Decimal("3.0000"), Decimal("120.2500")),
        ]
        assert all(ln.status == OrderLineStatus.QUEUED for ln in im_lines)
        all_lines = (await conn.execute(sa.select(order_lines.c.sku))).scalars().all()
        assert "CABLE-LOCAL" not in all_lines
        trail = await events.history(conn, EntityType.ORDER, ingram.id)
        assert [e.action for e in trail] == ["queued"]


async def test_queueing_again_adds_nothing_twice(ledger: Ledger) -> None:
    quote, lines = await insert_quote(ledger, "Q-1002", [LineSpec("SSD-1TB", "ingram")])
    async with ledger.write() as conn:
        first = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
        again = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
    assert len(first) == 1
    assert again == []
    async with ledger.read() as conn:
        count = (await conn.execute(sa.select(sa.func.count()).select_from(order_lines))).scalar()
    assert count == 1


async def test_long_quote_ids_still_fit_the_reference_limit(ledger: Ledger) -> None:
    quote, lines = await insert_quote(
        ledger, "QUOTE-2026-000000012345-REV-B", [LineSpec("SSD-1TB", "tdsynnex")]
    )
    async with ledger.write() as conn:
        [order_id] = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
        order = await order_store.get_order(conn, order_id)
    assert order is not None
    assert len(order.reference) <= order_store.REFERENCE_MAX
    assert order.reference.startswith("PD-")
    assert order.reference.endswith("-TD-1")


async def test_cancel_for_quote_cancels_unplaced_and_flags_placed(ledger: Ledger) -> None:
    quote, lines = await insert_quote(
        ledger, "Q-1003", [LineSpec("A", "ingram"), LineSpec("B", "tdsynnex")]
    )
    async with ledger.write() as conn:
        im_id, td_id = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
        await conn.execute(
            orders.update()
            .where(orders.c.id == td_id)
            .values(status=OrderStatus.ORDERED, distributor_order_id="TD-9")
        )
        affected = await order_store.cancel_orders_for_quote(
            conn, quote_id="Q-1003", actor="import", now=T0, reason="quote retracted"
        )
    assert sorted(affected) == sorted([im_id, td_id])
    async with ledger.read() as conn:
        im = await order_store.get_order(conn, im_id)
        td = await order_store.get_order(conn, td_id)
        im_lines = await order_store.get_lines(conn, im_id)
    assert im is not None
    assert im.status == OrderStatus.CANCELLED
    assert [ln.status for ln in im_lines] == [OrderLineStatus.CANCELLED]
    assert td is not None
    assert td.status == OrderStatus.ORDERED
    assert td.cancel_reason == "quote retracted"
    assert td.next_attempt_at == T0


async def test_edited_lines_update_an_unsent_order_and_drop_its_approval(ledger: Ledger) -> None:
    quote, lines = await insert_quote(ledger, "Q-1004", [LineSpec("SSD", "ingram", "2", "50")])
    async with ledger.write() as conn:
        [order_id] = await order_store.queue_quote_lines(
            conn, quote=quote, lines=lines, actor="import", now=T0
        )
        await conn.execute(
            orders.update().where(orders.c.id == order_id).values(approved_by="maria")
        )
        edited = [
            lines[0].model_copy(update={"quantity": Decimal("5"), "unit_cost": Decimal("48.00")})
        ]
        assert await order_store.queue_quote_lines(
            conn, quote=quote, lines=edited, actor="import", now=T0
        ) == [order_id]
        order = await order_store.get_order(conn, order_id)
        [line] = await order_store.get_lines(conn, order_id)
        trail = [e.action for e in await events.history(conn, EntityType.ORDER, order_id)]
    assert order is not None
    assert order.total_value == Decimal("240.0000")
    assert order.approved_by is None
    assert line.quantity == Decimal("5.0000")
    assert trail == ["queued", "lines_updated"]


def test_poll_and_retry_delays_grow_and_are_capped() -> None:
    settings = ProcurementSettings()
    assert settings.poll_delay(timedelta()) == settings.poll_min
    assert settings.poll_delay(timedelta(hours=4)) == timedelta(hours=1)
    assert settings.poll_delay(timedelta(days=10)) == settings.poll_max
    assert settings.retry_delay(1) == timedelta(seconds=30)
    assert settings.retry_delay(3) == timedelta(minutes=2)
    assert settings.retry_delay(30) == settings.retry_max
    assert settings.retry_delay(1, retry_after=90) == timedelta(seconds=90)


def test_status_path_steps_through_shipped_when_the_distributor_skipped_it() -> None:
    assert status_path(OrderStatus.ORDERED, OrderStatus.DELIVERED) == [
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
    ]
    assert status_path(OrderStatus.ORDERED, OrderStatus.BACKORDERED) == [OrderStatus.BACKORDERED]
    assert status_path(OrderStatus.ORDERED, OrderStatus.PROCESSING) == []
    assert status_path(OrderStatus.DELIVERED, OrderStatus.SHIPPED) == []
