"""The database gate: endpoint slots and the hourly budget hold across separate sessions."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from procdesk.store.ledger import Ledger
from procdesk.store.pg import budget, slots
from procdesk.store.pg.connect import connect
from procdesk.store.pg.gate import DatabaseRequestGate
from tests.support.settle import until


@pytest.fixture
async def pg_ledger(pg_ledger_url: str) -> Ledger:
    ledger = await Ledger.open(pg_ledger_url)
    yield ledger
    await ledger.close()


async def test_three_gates_never_exceed_three_in_flight_per_endpoint(pg_ledger: Ledger) -> None:
    gates = [
        DatabaseRequestGate(
            pg_ledger.engine.url, provider="autotask", max_in_flight=3, hourly_budget=10_000
        )
        for _ in range(3)
    ]
    in_flight = {"TicketCharges": 0, "Tickets": 0}
    peak = dict.fromkeys(in_flight, 0)

    async def request(gate: DatabaseRequestGate, entity: str) -> None:
        async with gate.slot(entity):
            in_flight[entity] += 1
            peak[entity] = max(peak[entity], in_flight[entity])
            await asyncio.sleep(0.01)
            in_flight[entity] -= 1

    try:
        await asyncio.gather(*(request(g, e) for g in gates for e in in_flight for _ in range(8)))
    finally:
        for gate in gates:
            await gate.close()
    assert peak == {"TicketCharges": 3, "Tickets": 3}
    assert sum(g.waits for g in gates) > 0  # the processes really did contend
    conn = await connect(pg_ledger.engine.url, role="test")
    try:
        assert await budget.used(conn, "autotask") == 48
        assert await slots.held(conn, slots.endpoint_key("autotask", "TicketCharges")) == 0
    finally:
        await conn.close()


async def test_a_dropped_session_frees_its_slots(pg_ledger: Ledger) -> None:
    key = slots.endpoint_key("autotask", "TicketCharges")
    holders = [await connect(pg_ledger.engine.url, role="test") for _ in range(3)]
    other = await connect(pg_ledger.engine.url, role="test")
    try:
        assert [await slots.try_take(h, key, 3) for h in holders] == [0, 1, 2]
        assert await slots.try_take(other, key, 3) is None
        assert await slots.held(other, key) == 3
        holders[1].terminate()  # what the server sees when a worker is SIGKILLed
        for _ in range(200):
            if await slots.held(other, key) == 2:
                break
            await asyncio.sleep(0.01)
        assert await slots.try_take(other, key, 3) == 1
    finally:
        for conn in (holders[0], holders[2], other):
            await conn.close()


async def test_a_waiter_is_woken_when_a_slot_is_given_back(pg_ledger: Ledger) -> None:
    """A request waiting for a slot takes it when another worker gives one back, without
    waiting for its next poll (here an hour away)."""
    key = slots.endpoint_key("autotask", "TicketCharges")
    holders = [await connect(pg_ledger.engine.url, role="test") for _ in range(3)]
    gate = DatabaseRequestGate(
        pg_ledger.engine.url,
        provider="autotask",
        max_in_flight=3,
        hourly_budget=10_000,
        poll_s=3600,
    )
    got: asyncio.Event = asyncio.Event()

    async def request() -> None:
        async with gate.slot("TicketCharges"):
            got.set()

    try:
        assert [await slots.try_take(h, key, 3) for h in holders] == [0, 1, 2]
        waiting = asyncio.create_task(request())
        for _ in range(6000):  # until it has found every slot busy and is waiting
            if gate.waits:
                break
            await asyncio.sleep(0.01)
        assert not got.is_set()
        await slots.give_back(holders[1], key, 1)
        await asyncio.wait_for(waiting, timeout=60)  # a guard, not a timing assertion
        assert got.is_set()
        assert gate.waits == 1  # woken by the notification, not by a second poll
    finally:
        await gate.close()
        for conn in holders:
            await conn.close()


async def test_endpoint_names_are_case_insensitive() -> None:
    assert slots.endpoint_key("autotask", "TicketCharges") == slots.endpoint_key(
        "autotask", "ticketcharges"
    )
    assert slots.endpoint_key("autotask", "Tickets") != slots.endpoint_key(
        "autotask", "TicketCharges"
    )


async def test_budget_is_shared_and_says_how_long_to_wait(pg_ledger: Ledger) -> None:
    first: asyncpg.Connection = await connect(pg_ledger.engine.url, role="test")
    second: asyncpg.Connection = await connect(pg_ledger.engine.url, role="test")
    try:
        taken = [await budget.take(c, "autotask", 4) for c in (first, second, first, second)]
        assert taken == [0.0, 0.0, 0.0, 0.0]
        wait = await budget.take(second, "autotask", 4)
        # 4 per hour: one token comes back every 900 s
        assert 800 < wait <= 900
        assert await budget.used(first, "autotask") == 4
    finally:
        await first.close()
        await second.close()


async def test_slots_held_on_another_database_of_the_server_are_not_counted(
    pg_ledger: Ledger, pg_url: str
) -> None:
    """Advisory locks are per database: another ledger on the same server (or another
    test's database) has slots of its own, and `held` must not count them."""
    key = slots.endpoint_key("autotask", "TicketCharges")
    here = await connect(pg_ledger.engine.url, role="test")
    elsewhere = await connect(make_url(pg_url), role="test")
    try:
        assert await slots.try_take(elsewhere, key, 3) == 0
        assert await slots.held(elsewhere, key) == 1
        assert await slots.held(here, key) == 0
        assert await slots.try_take(here, key, 3) == 0  # its own slot 0 is free here
    finally:
        await elsewhere.close()
        await here.close()


def _gate(ledger: Ledger, **options: float) -> DatabaseRequestGate:
    return DatabaseRequestGate(
        ledger.engine.url, provider="autotask", max_in_flight=3, hourly_budget=10_000, **options
    )


async def _held_now(ledger: Ledger) -> int:
    conn = await connect(ledger.engine.url, role="test")
    try:
        return await slots.held(conn, slots.endpoint_key("autotask", "TicketCharges"))
    finally:
        await conn.close()


@pytest.mark.parametrize(("hold_s", "taken"), [(3600.0, 3), (0.0, 12)])
async def test_a_slot_passes_from_request_to_request_until_it_is_held_too_long(
    pg_ledger: Ledger, hold_s: float, taken: int
) -> None:
    """Within one process a slot goes straight to the next request waiting for one (no
    round trips to the server); once held `hold_s` it goes back to the server instead.
    (The first three hold their slots until the other nine wait in line, so every slot
    given up has a request waiting for it.)"""
    gate = _gate(pg_ledger, hold_s=hold_s)
    in_flight = peak = 0
    go = asyncio.Event()

    async def request() -> None:
        nonlocal in_flight, peak
        async with gate.slot("TicketCharges"):
            in_flight += 1
            peak = max(peak, in_flight)
            await go.wait()
            in_flight -= 1

    try:
        requests = asyncio.gather(*(request() for _ in range(12)))
        await until(lambda: gate.waiting("TicketCharges") == 9, "nine requests in line")
        go.set()
        await asyncio.wait_for(requests, timeout=60)
        assert gate.taken == taken
        assert peak == 3
        assert await _held_now(pg_ledger) == 0  # every slot given back at the end
    finally:
        await gate.close()
    conn = await connect(pg_ledger.engine.url, role="test")
    try:
        assert await budget.used(conn, "autotask") == 12  # every request drew its budget
    finally:
        await conn.close()


@pytest.mark.parametrize("when", ["waiting", "as a slot is given up", "just handed a slot"])
async def test_a_request_cancelled_in_its_wait_for_a_turn_strands_no_slot(
    pg_ledger: Ledger, when: str
) -> None:
    """Three requests hold the slots, two more wait; one waiter is cancelled: while it
    waits, in the step in which a slot is handed on, or just after a slot was handed to it.
    The other waiter still gets a slot, three requests can run at once afterwards, and
    nothing stays held."""
    gate = _gate(pg_ledger)
    release = asyncio.Event()
    holding = 0
    done: list[str] = []

    async def holder() -> None:
        nonlocal holding
        async with gate.slot("TicketCharges"):
            holding += 1
            await release.wait()
            if when == "as a slot is given up" and not first_waiter.done():
                first_waiter.cancel()  # still in line when this request hands its slot on
        if when == "just handed a slot" and not first_waiter.done():
            first_waiter.cancel()  # its turn was handed to it in this very step

    async def waiter(name: str) -> None:
        async with gate.slot("TicketCharges"):
            done.append(name)

    try:
        holders = [asyncio.create_task(holder()) for _ in range(3)]
        await until(lambda: holding == 3, "three requests holding a slot")
        first_waiter = asyncio.create_task(waiter("first"))
        await until(lambda: gate.waiting("TicketCharges") == 1, "the first waiter in line")
        second_waiter = asyncio.create_task(waiter("second"))
        await until(lambda: gate.waiting("TicketCharges") == 2, "the second waiter in line")
        assert done == []
        if when == "waiting":
            first_waiter.cancel()
        release.set()
        await asyncio.wait_for(asyncio.gather(*holders, second_waiter), timeout=60)
        with pytest.raises(asyncio.CancelledError):
            await first_waiter
        assert done == ["second"]
        holding, release = 0, asyncio.Event()
        again = [asyncio.create_task(holder()) for _ in range(3)]
        await until(lambda: holding == 3, "three at once again (no turn lost)")
        release.set()
        await asyncio.gather(*again)
        assert await _held_now(pg_ledger) == 0
    finally:  # (bounded: a slot stranded in a request would hold the pool open)
        await asyncio.wait_for(gate.close(), timeout=60)


async def test_a_slot_whose_connection_breaks_in_a_request_is_not_lost(pg_ledger: Ledger) -> None:
    """The server ends the session holding a slot while its request runs (an outage, a
    restart): asyncpg takes the broken connection back into its pool at once. Ending that
    request must neither fail nor lose its turn: three requests still run at once after."""
    gate = _gate(pg_ledger)
    admin = await connect(pg_ledger.engine.url, role="test")
    key = slots.endpoint_key("autotask", "TicketCharges")
    holding = 0
    release = asyncio.Event()

    async def holder() -> None:
        nonlocal holding
        async with gate.slot("TicketCharges"):
            holding += 1
            await release.wait()

    try:
        with contextlib.suppress(asyncpg.PostgresConnectionError):
            async with gate.slot("TicketCharges"):
                ended = await admin.fetchval(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND classid = $1::bigint::oid "
                    "AND objsubid = 2 AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())",
                    key & 0xFFFFFFFF,
                )
                assert ended == 1
                # (asyncpg sees the session end in a loop turn or two; the exit may fail
                # for a connection it has not seen broken yet: the driver's error, allowed)
                await asyncio.sleep(0.2)
        holders = [asyncio.create_task(holder()) for _ in range(3)]
        await until(lambda: holding == 3, "three at once after it (no turn lost)")
        release.set()
        await asyncio.wait_for(asyncio.gather(*holders), timeout=60)
        assert await _held_now(pg_ledger) == 0
    finally:
        await admin.close()
        await asyncio.wait_for(gate.close(), timeout=60)
