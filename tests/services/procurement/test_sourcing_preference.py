"""The sourcing preference applied when an order is built (`source_by_preference`): over
loopback against the sandbox's cross-distributor catalog, a line cheaper or in stock only
at TD SYNNEX goes there, exactly once, with the preference's reason on its events."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from procdesk.domain.enums import Distributor, EntityType, OrderStatus
from procdesk.services.dashboard.history import describe
from procdesk.services.procurement.line_moves import LineMoves
from procdesk.store import events
from procdesk.store import orders as order_store
from procdesk.store import quotes as quote_store
from procdesk.store.schema import orders, quote_lines
from tests.services.procurement.test_comparison import at_ingram, pa_requests, trail
from tests.support.keyring_entries import demo_entry
from tests.support.procurement import Procurement, sandbox_client_factory

IM, TX = Distributor.INGRAM, Distributor.TDSYNNEX_XML


def delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in after}


async def orders_of(env: Procurement, quote_id: str) -> dict[Distributor, int]:
    """The quote's live (not cancelled) order at each distributor."""
    async with env.ledger.read() as conn:
        rows = await conn.execute(
            sa.select(orders.c.distributor, orders.c.id).where(
                orders.c.quote_id == quote_id, orders.c.status != OrderStatus.CANCELLED.value
            )
        )
    return {Distributor(d): int(i) for d, i in rows}


async def test_a_part_in_stock_only_at_tdsynnex_goes_there_once(procurement: Procurement) -> None:
    procurement.new_worker(source_by_preference=True, auto_submit=False)
    [order_id] = await procurement.queue(
        "Q-9101",
        [
            at_ingram("USW-PRO-24-POE", "2", "645.00"),  # none at Ingram, 3 at TD SYNNEX
            at_ingram("DELL-P2423D", "2", "219.00"),  # dearer at TD SYNNEX: stays
        ],
    )
    before = pa_requests(procurement)
    report = await procurement.cycle()
    assert report.sourced == 1
    assert delta(before, pa_requests(procurement)) == {"ingram": 1, "tdsynnex_xml": 1}

    placed = await orders_of(procurement, "Q-9101")
    assert placed[IM] == order_id
    [kept] = await procurement.lines(order_id)
    assert kept.sku == "DELL-P2423D"
    [moved] = await procurement.lines(placed[TX])
    assert moved.sku == "USW-PRO-24-POE"
    assert moved.part_number == "6188520"  # TD SYNNEX's own number, from the comparison

    [(_, actor, out)] = [
        t for t in await trail(procurement, order_id) if t[0] == "line_switched_out"
    ]
    assert actor == "worker"
    assert out["reason"] == (
        "moved by sourcing preference: ingram cannot sell it (out of stock); "
        "tdsynnex_xml has 3 in stock"
    )
    [(_, _, checked)] = [
        t for t in await trail(procurement, order_id) if t[0] == "sourcing_checked"
    ]
    assert checked["kept"] == {"2": "kept at ingram: it is the preferred distributor"}
    async with procurement.ledger.read() as conn:
        said = [describe(e) for e in await events.history(conn, EntityType.ORDER, order_id)]
    assert (
        "moved a line to another distributor: reason moved by sourcing preference: ingram "
        "cannot sell it (out of stock); tdsynnex xml has 3 in stock"
    ) in said
    assert (
        "checked the sourcing preference: kept line 2: kept at ingram: it is the preferred "
        "distributor"
    ) in said

    # The next cycles ask nobody again and move nothing back; the orders go through.
    before = pa_requests(procurement)
    again = await procurement.cycle()
    assert again.sourced == 0
    assert delta(before, pa_requests(procurement)) == {"ingram": 0, "tdsynnex_xml": 0}
    procurement.new_worker(source_by_preference=True, auto_submit=True)
    await procurement.cycle(2)
    at_tx = await procurement.order(placed[TX])
    assert at_tx.status == OrderStatus.ORDERED, at_tx.last_error
    [sent] = [o for o in procurement.distributor_orders("tdsynnex_xml") if o]
    assert "6188520" in str(sent)
    assert len(procurement.distributor_orders("tdsynnex_xml")) == 1


async def test_the_cheaper_offer_wins_and_the_receiving_order_is_approved_again(
    procurement: Procurement,
) -> None:
    """The ProBook is more than 3 % cheaper at TD SYNNEX; moving it puts TD SYNNEX's order
    above the threshold, so it waits for a person although auto-submit is on."""
    procurement.new_worker(source_by_preference=True, approval_threshold=Decimal("1000"))
    [order_id] = await procurement.queue("Q-9102", [at_ingram("86Q47UT#ABA", "2", "899.00")])
    await procurement.cycle()
    placed = await orders_of(procurement, "Q-9102")
    assert IM not in placed  # its only line left: the Ingram order is cancelled
    assert (await procurement.order(order_id)).status == OrderStatus.CANCELLED
    target = await procurement.order(placed[TX])
    assert target.status == OrderStatus.AWAITING_APPROVAL
    [(_, _, into)] = [t for t in await trail(procurement, target.id) if t[0] == "line_switched_in"]
    assert into["reason"].startswith(
        "moved by sourcing preference: tdsynnex_xml is 3.0044 % cheaper"
    )
    assert procurement.distributor_orders("tdsynnex_xml") == []


async def test_off_by_default_the_line_stays_where_the_quote_put_it(
    procurement: Procurement,
) -> None:
    [order_id] = await procurement.queue("Q-9103", [at_ingram("USW-PRO-24-POE", "2", "645.00")])
    before = pa_requests(procurement)
    report = await procurement.cycle()
    assert report.sourced == 0
    assert delta(before, pa_requests(procurement))["tdsynnex_xml"] == 0
    assert await orders_of(procurement, "Q-9103") == {IM: order_id}


async def test_a_distributor_that_cannot_be_asked_never_holds_the_order(
    procurement: Procurement,
) -> None:
    procurement.new_worker(source_by_preference=True, auto_submit=False)
    procurement.secrets.delete(demo_entry("tdsynnex_xml"), "password")
    [order_id] = await procurement.queue("Q-9104", [at_ingram("86Q47UT#ABA", "1", "899.00")])
    report = await procurement.cycle()
    assert report.sourced == 0
    assert await orders_of(procurement, "Q-9104") == {IM: order_id}
    [(_, _, checked)] = [
        t for t in await trail(procurement, order_id) if t[0] == "sourcing_checked"
    ]
    why = checked["kept"]["1"]
    assert why.startswith("kept at ingram: it is the preferred distributor; tdsynnex_xml could not")
    assert why.endswith("(no TD SYNNEX EC Express password is stored (procdesk auth tdsynnex-xml))")
    assert why.endswith("(procdesk auth tdsynnex-xml))")  # it names the fix


async def test_when_the_quoted_distributor_is_down_the_line_keeps_it(
    procurement: Procurement,
) -> None:
    """Ingram's P&A fails: its offer is unknown, so nothing is weighed and nothing moves,
    although TD SYNNEX has the part cheaper; the order still goes on to approval."""
    procurement.new_worker(source_by_preference=True, approval_threshold=Decimal("100"))
    procurement.set_faults("ingram:POST:*priceandavailability*=500")
    [order_id] = await procurement.queue("Q-9105", [at_ingram("86Q47UT#ABA", "1", "899.00")])
    try:
        await procurement.cycle()
    finally:
        procurement.set_faults("")
    assert await orders_of(procurement, "Q-9105") == {IM: order_id}
    assert (await procurement.order(order_id)).status == OrderStatus.AWAITING_APPROVAL
    [(_, _, checked)] = [
        t for t in await trail(procurement, order_id) if t[0] == "sourcing_checked"
    ]
    assert checked["kept"]["1"].startswith("kept at ingram: ingram could not be asked")


async def test_a_buyers_own_switch_is_never_undone(procurement: Procurement) -> None:
    procurement.new_worker(source_by_preference=True, auto_submit=False)
    [order_id] = await procurement.queue("Q-9106", [at_ingram("DELL-P2423D", "1", "219.00")])
    [line] = await procurement.lines(order_id)
    moves = LineMoves(
        procurement.ledger,
        procurement.settings,
        sandbox_client_factory(procurement.sandbox, procurement.secrets),
        actor="dana",
        clock=procurement.time.now,
    )
    moved = await moves.switch(line.id, TX, reason="customer asked for TD SYNNEX")
    before = pa_requests(procurement)
    report = await procurement.cycle(2)
    assert report.sourced == 0
    assert delta(before, pa_requests(procurement)) == {"ingram": 0, "tdsynnex_xml": 0}
    assert await orders_of(procurement, "Q-9106") == {TX: moved.to_order}


async def test_many_orders_one_request_per_distributor(procurement: Procurement) -> None:
    procurement.new_worker(source_by_preference=True, auto_submit=False)
    for n in range(3):
        await procurement.queue(
            f"Q-911{n}",
            [at_ingram("USW-PRO-24-POE", "1", "645.00"), at_ingram("LAT5440-I5", "1", "1029.00")],
            company=f"Customer {n}",
        )
    before = pa_requests(procurement)
    report = await procurement.cycle()
    assert delta(before, pa_requests(procurement)) == {"ingram": 1, "tdsynnex_xml": 1}
    # The switch is short at Ingram; the Latitude arrives there within the horizon and is
    # dearer at TD SYNNEX, so it stays.
    assert report.sourced == 3


async def test_an_edited_quote_line_keeps_the_distributor_it_moved_to(
    procurement: Procurement,
) -> None:
    """After the move the quote line still names Ingram's part number; editing its quantity
    must change the TD SYNNEX line's quantity, not send Ingram's number to TD SYNNEX."""
    procurement.new_worker(source_by_preference=True, auto_submit=False)
    await procurement.queue("Q-9120", [at_ingram("USW-PRO-24-POE", "2", "645.00")])
    await procurement.cycle()
    at_tx = (await orders_of(procurement, "Q-9120"))[TX]
    async with procurement.ledger.write() as conn:
        await conn.execute(
            quote_lines.update()
            .where(quote_lines.c.quote_id == "Q-9120")
            .values(quantity=Decimal(3))
        )
        quote = await quote_store.get(conn, "Q-9120")
        assert quote is not None
        edited = await quote_store.lines_of(conn, "Q-9120")
        await order_store.queue_quote_lines(
            conn, quote=quote, lines=edited, actor="import", now=procurement.time.now()
        )
    [line] = await procurement.lines(at_tx)
    assert line.quantity == Decimal(3)
    assert line.part_number == "6188520"  # TD SYNNEX's, not Ingram's 2HB765
    assert await orders_of(procurement, "Q-9120") == {TX: at_tx}
