"""The request gate's limits, REST-root normalisation and exact JSON for money."""

from __future__ import annotations

import asyncio
import contextlib
import json
from decimal import Decimal

import pytest

from procdesk.integrations.autotask.gate import LocalRequestGate
from procdesk.integrations.autotask.session import api_root, encode_json


async def test_gate_holds_each_entity_to_its_in_flight_limit() -> None:
    gate = LocalRequestGate(max_in_flight=3)
    in_flight = {"TicketCharges": 0, "Products": 0}
    peak = {"TicketCharges": 0, "Products": 0}

    async def call(entity: str) -> None:
        async with gate.slot(entity):
            in_flight[entity] += 1
            peak[entity] = max(peak[entity], in_flight[entity])
            for _ in range(5):
                await asyncio.sleep(0)
            in_flight[entity] -= 1

    await asyncio.gather(*(call("TicketCharges") for _ in range(10)), call("Products"))
    assert peak == {"TicketCharges": 3, "Products": 1}


async def test_gate_entities_are_case_insensitive() -> None:
    gate = LocalRequestGate(max_in_flight=1)
    peak = 0
    in_flight = 0

    async def call(entity: str) -> None:
        nonlocal peak, in_flight
        async with gate.slot(entity):
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0)
            in_flight -= 1

    await asyncio.gather(call("TicketCharges"), call("ticketcharges"))
    assert peak == 1


async def test_gate_stops_at_the_hourly_budget() -> None:
    gate = LocalRequestGate(hourly_budget=2)
    for _ in range(2):
        async with gate.slot("Products"):
            pass
    third = asyncio.ensure_future(gate.slot("Products").__aenter__())
    for _ in range(20):
        await asyncio.sleep(0)
    assert not third.done()
    third.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await third


def test_gate_refuses_limits_above_autotasks() -> None:
    with pytest.raises(ValueError, match="max_in_flight"):
        LocalRequestGate(max_in_flight=4)
    with pytest.raises(ValueError, match="hourly_budget"):
        LocalRequestGate(hourly_budget=10_001)


@pytest.mark.parametrize(
    "given",
    [
        "https://webservices5.autotask.net/atservicesrest",
        "https://webservices5.autotask.net/atservicesrest/",
        "https://webservices5.autotask.net/atservicesrest/v1.0",
        "https://webservices5.autotask.net/atservicesrest/v1.0/",
    ],
)
def test_api_root_accepts_either_form(given: str) -> None:
    assert api_root(given) == "https://webservices5.autotask.net/atservicesrest/v1.0"


def test_api_root_keeps_the_vendors_case() -> None:
    assert api_root("https://h/ATServicesRest/V1.0") == "https://h/ATServicesRest/V1.0"


def test_money_goes_out_as_exact_json_numbers() -> None:
    body = json.loads(
        encode_json({"unitPrice": Decimal("1234.5678"), "unitQuantity": Decimal("2")})
    )
    assert body == {"unitPrice": 1234.5678, "unitQuantity": 2.0}
    assert encode_json({"p": Decimal("0.1000")}) == b'{"p":0.1}'


def test_money_too_precise_for_a_float_goes_out_as_a_string() -> None:
    body = json.loads(encode_json({"unitPrice": Decimal("12345678901234567.25")}))
    assert body == {"unitPrice": "12345678901234567.25"}
