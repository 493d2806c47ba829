"""Price and stock across distributors, and what a buyer does with it: switch a line,
split it, substitute its part — each with its events and the approval checked again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procdesk.domain.enums import (
    ChargeStatus,
    Distributor,
    EntityType,
    OrderLineStatus,
    OrderStatus,
)
from procdesk.sandbox.ingram.catalog import part_by_vendor_number
from procdesk.services.procurement.comparison import ComparisonError, ComparisonService
from procdesk.services.procurement.line_moves import LineMoveRefused, LineMoves
from procdesk.store import events
from procdesk.store.schema import charges
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import LineSpec, Procurement, sandbox_client_factory

IM, TX = Distributor.INGRAM, Distributor.TDSYNNEX_XML


def at_ingram(mpn: str, quantity: str = "2", cost: str = "100.00") -> LineSpec:
    part = part_by_vendor_number(mpn)
    return LineSpec(
        mpn, "ingram", quantity, cost, part_number=part.ingram_part_number if part else None
    )


def comparison(env: Procurement) -> ComparisonService:
    return ComparisonService(
        env.ledger,
        env.settings,
        sandbox_client_factory(env.sandbox, env.secrets),
        actor="dana",
        clock=env.time.now,
    )


def moves(env: Procurement) -> LineMoves:
    return LineMoves(
        env.ledger,
        env.settings,
        sandbox_client_factory(env.sandbox, env.secrets),
        actor="dana",
        clock=env.time.now,
    )


def pa_requests(env: Procurement) -> dict[str, int]:
    served = env.sandbox.runtime.stats.served
    return {
        "ingram": sum(n for k, n in served.items() if "priceandavailability" in k),
        "tdsynnex_xml": sum(n for k, n in served.items() if "synnexxml/priceavailability" in k),
    }


async def trail(env: Procurement, order_id: int) -> list[tuple[str, str, dict]]:
    async with env.ledger.read() as conn:
        return [
            (e.action, e.actor, dict(e.detail))
            for e in await events.history(conn, EntityType.ORDER, order_id)
        ]


async def test_every_distributor_side_by_side_one_request_each(procurement: Procurement) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-8001",
        [
            at_ingram("86Q47UT#ABA", cost="899.00"),
            at_ingram("USW-PRO-24-POE", cost="645.00"),
            at_ingram("1GK-00002"),
            LineSpec("960-001384", "ingram", "1", "59.00"),
        ],
    )
    before = pa_requests(procurement)
    async with comparison(procurement) as service:
        result = await service.compare(order_id)
    after = pa_requests(procurement)
    assert {k: after[k] - before[k] for k in after} == {"ingram": 1, "tdsynnex_xml": 1}
    assert result.errors == {}
    lines = {line.manufacturer_part: line for line in result.lines}

    probook = lines["86Q47UT#ABA"]
    im, tx = probook.offer_of(IM), probook.offer_of(TX)
    assert im is not None
    assert tx is not None
    assert tx.price == Decimal("871.99")
    assert tx.part_number == "5841203"
    assert tx.change_pct is not None
    assert tx.change_pct < 0  # cheaper than quoted
    assert {w.warehouse.split()[0] for w in tx.warehouses if w.quantity} == {"3", "6", "8"}
    assert probook.proposed is TX  # more than 3 % cheaper, both have it

    switch = lines["USW-PRO-24-POE"]
    assert switch.offer_of(IM).label == "out of stock"  # type: ignore[union-attr]
    assert switch.offer_of(TX).in_stock == 3  # type: ignore[union-attr]
    assert switch.proposed is TX
    assert switch.advice == "switch to tdsynnex_xml"

    assert lines["1GK-00002"].offer_of(TX).label == "not found"  # type: ignore[union-attr]
    assert lines["960-001384"].offer_of(IM).label == "not found"  # type: ignore[union-attr]
    [(_, actor, detail)] = [
        t for t in await trail(procurement, order_id) if t[0] == "availability_compared"
    ]
    assert actor == "dana"
    assert detail["advice"]["2"] == "switch to tdsynnex_xml"


async def test_a_distributor_without_credentials_is_reported_not_hidden(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-8002", [at_ingram("LAT5440-I5")])
    procurement.secrets.delete(demo_entry("tdsynnex_xml"), "password")
    async with comparison(procurement) as service:
        result = await service.compare(order_id)
    assert result.errors[TX] == (
        "no TD SYNNEX EC Express password is stored (procdesk auth tdsynnex-xml)"
    )
    assert [o.distributor for o in result.lines[0].offers] == [IM]


async def test_cloud_orders_are_not_compared(procurement: Procurement) -> None:
    [order_id] = await procurement.queue(
        "Q-8003",
        [LineSpec("M365-BP", "tdsynnex", "5", "22.00", part_number="ms365-bp-p1m")],
        company="Northwind Dental Group",
    )
    async with comparison(procurement) as service:
        with pytest.raises(ComparisonError, match="cloud subscription"):
            await service.compare(order_id)


async def test_out_of_stock_line_switched_the_order_goes_through_at_tdsynnex(
    procurement: Procurement,
) -> None:
    """The user story: out of stock at Ingram, so the order stops; the buyer switches the
    line to TD SYNNEX; the empty Ingram order is cancelled and TD SYNNEX's is placed."""
    [order_id] = await procurement.queue("Q-8004", [at_ingram("USW-PRO-24-POE", "2", "645.00")])
    await procurement.cycle()
    stopped = await procurement.order(order_id)
    assert stopped.status == OrderStatus.ERROR
    assert await procurement.open_issues()
    [line] = await procurement.lines(order_id)

    moved = await moves(procurement).switch(line.id, TX, reason="Ingram has none")
    assert moved.source_cancelled
    assert moved.new_order
    assert (await procurement.order(order_id)).status == OrderStatus.CANCELLED
    assert await procurement.open_issues() == []

    await procurement.cycle()
    placed = await procurement.order(moved.to_order)
    assert placed.distributor is TX
    assert placed.status == OrderStatus.ORDERED, placed.last_error
    [at_tx] = await procurement.lines(moved.to_order)
    assert at_tx.part_number == "6188520"  # TD SYNNEX's SKU, from its answer
    assert at_tx.quote_line_id == line.quote_line_id
    out = [t for t in await trail(procurement, order_id) if t[0] == "line_switched_out"]
    into = [t for t in await trail(procurement, moved.to_order) if t[0] == "line_switched_in"]
    assert out[0][1] == "dana"
    assert out[0][2]["reason"] == "Ingram has none"
    assert into[0][2]["from_order"] == order_id


async def test_switch_checks_approval_again_on_the_receiving_order(
    procurement: Procurement,
) -> None:
    procurement.new_worker(approval_threshold=Decimal("1000"))
    [ingram_id, tx_id] = await procurement.queue(
        "Q-8005",
        [
            at_ingram("USW-PRO-24-POE", "1", "645.00"),
            LineSpec("5730092", "tdsynnex_xml", "2", "224.00"),
        ],
    )
    tx_order = await procurement.order(tx_id)
    assert tx_order.total_value == Decimal("448.00")  # under the threshold
    [line] = await procurement.lines(ingram_id)
    moved = await moves(procurement).switch(line.id, TX, reason="stock")
    assert moved.to_order == tx_id
    assert not moved.new_order
    await procurement.cycle()
    tx_order = await procurement.order(tx_id)
    assert tx_order.total_value == Decimal("1093.00")
    assert tx_order.status == OrderStatus.AWAITING_APPROVAL  # now above it


async def test_split_a_line_neither_has_whole(procurement: Procurement) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue("Q-8006", [at_ingram("WD80EFZZ", "8", "180.00")])
    async with comparison(procurement) as service:
        result = await service.compare(order_id)
    [line] = result.lines
    assert line.proposed is None
    assert line.split == [(IM, 6), (TX, 2)]
    [order_line] = await procurement.lines(order_id)
    moved = await moves(procurement).switch(order_line.id, TX, reason="split", quantity=Decimal(2))
    [kept] = await procurement.lines(order_id)
    [split] = await procurement.lines(moved.to_order)
    assert kept.quantity == 6
    assert split.quantity == 2
    assert split.quote_line_id == kept.quote_line_id
    assert (await procurement.order(order_id)).total_value == Decimal("1080.00")
    assert [t[0] for t in await trail(procurement, order_id)][-1] == "line_split_out"
    with pytest.raises(LineMoveRefused, match="between 1 and"):
        await moves(procurement).switch(kept.id, TX, reason="x", quantity=Decimal(6))


async def test_switch_is_refused_where_the_part_is_discontinued_or_already_placed(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-8007", [at_ingram("GS308-300PAS", "1", "24.00")])
    [line] = await procurement.lines(order_id)
    with pytest.raises(LineMoveRefused, match="cannot be ordered at tdsynnex_xml"):
        await moves(procurement).switch(line.id, TX, reason="x")
    await procurement.cycle()
    assert (await procurement.order(order_id)).status == OrderStatus.ORDERED
    with pytest.raises(LineMoveRefused, match="before an order is placed"):
        await moves(procurement).switch(line.id, TX, reason="x")


async def _charge_of(env: Procurement, quote_line_id: int, **values: object) -> int:
    async with env.ledger.write() as conn:
        return int(
            (
                await conn.execute(
                    charges.insert()
                    .values(
                        quote_line_id=quote_line_id,
                        quote_id="Q-8008",
                        marker=f"m-{quote_line_id}",
                        company_name="Contoso Dental",
                        sku="LAT5440-I5",
                        description="laptop",
                        category="Hardware",
                        quantity=Decimal(1),
                        unit_cost=Decimal(1000),
                        unit_price=Decimal(1200),
                        billable_amount=Decimal(1200),
                        attempts=0,
                        created_at=env.time.now(),
                        updated_at=env.time.now(),
                        **{"status": ChargeStatus.PENDING.value, **values},
                    )
                    .returning(charges.c.id)
                )
            ).scalar_one()
        )


async def test_substitute_while_the_charge_is_pending_the_charge_follows(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-8008", [LineSpec("LAT5440-I5", "tdsynnex_xml", "1", "1000.00")]
    )
    [line] = await procurement.lines(order_id)
    charge_id = await _charge_of(procurement, line.quote_line_id)
    with pytest.raises(LineMoveRefused, match="cannot be ordered at tdsynnex_xml"):
        await moves(procurement).substitute(line.id, "NO-SUCH-PART", reason="x")
    done = await moves(procurement).substitute(line.id, "86Q47UT#ABA", reason="customer prefers HP")
    assert done.charges_followed == [charge_id]
    [line] = await procurement.lines(order_id)
    assert line.sku == "86Q47UT#ABA"
    assert line.part_number == "5841203"
    async with procurement.ledger.read() as conn:
        sku = (await conn.execute(charges.select().where(charges.c.id == charge_id))).one().sku
        charge_trail = [e.action for e in await events.history(conn, EntityType.CHARGE, charge_id)]
    assert sku == "86Q47UT#ABA"
    assert charge_trail == ["part_substituted"]
    [(_, actor, detail)] = [
        t for t in await trail(procurement, order_id) if t[0] == "part_substituted"
    ]
    assert actor == "dana"
    assert detail["reason"] == "customer prefers HP"


async def test_substitute_is_refused_once_the_charge_is_in_autotask(
    procurement: Procurement,
) -> None:
    procurement.new_worker(auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-8008", [LineSpec("LAT5440-I5", "tdsynnex_xml", "1", "1000.00")]
    )
    [line] = await procurement.lines(order_id)
    await _charge_of(
        procurement, line.quote_line_id, status=ChargeStatus.SYNCED.value, autotask_id=99
    )
    with pytest.raises(LineMoveRefused, match="already in Autotask"):
        await moves(procurement).substitute(line.id, "86Q47UT#ABA", reason="customer prefers HP")
    [line] = await procurement.lines(order_id)
    assert line.sku == "LAT5440-I5"
    assert line.status == OrderLineStatus.QUEUED
