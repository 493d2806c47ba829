"""After its answer, a call waits for the request that took its slot to be written."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from procdesk.integrations.autotask import AutotaskClient
from procdesk.integrations.autotask.session import Writing
from procdesk.sandbox.server import SandboxServer
from tests.support.autotask import (
    demo_autotask_credentials,
    sandbox_autotask_root,
    set_faults,
)
from tests.support.sandbox import autotask_headers


async def test_writing_ends_when_the_body_is_sent_not_when_the_answer_comes(
    sandbox: SandboxServer,
) -> None:
    await set_faults(sandbox, "autotask:GET:*/Tickets/*=latency:5000")
    writing = Writing()
    async with httpx.AsyncClient(timeout=30) as http:
        request = http.build_request(
            "GET", f"{sandbox_autotask_root(sandbox)}/v1.0/Tickets/7001", headers=autotask_headers()
        )
        finished = writing.start(request)
        written = asyncio.ensure_future(writing.done())
        for _ in range(10):
            await asyncio.sleep(0)
        assert not written.done()  # counted from its slot, before it is sent
        sending = asyncio.ensure_future(http.send(request))
        await written
        assert not sending.done()  # the sandbox holds the answer for 5 s
        sending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sending
    finished()  # the session's own call after send: a second end changes nothing
    finished()
    idle = asyncio.ensure_future(writing.done())
    await asyncio.sleep(0)
    assert idle.done()


async def test_a_call_cancelled_before_its_request_is_written_holds_up_no_other(
    sandbox: SandboxServer,
) -> None:
    async with AutotaskClient(
        demo_autotask_credentials(),
        base_url=sandbox_autotask_root(sandbox),
        max_in_flight=1,
        timeout=10,
    ) as client:
        first = asyncio.ensure_future(client.ticket_id_for_number("T20240101.0001"))
        await asyncio.sleep(0)  # it holds the slot and is on its way to the wire
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        # the next call's answer comes back and it waits for no request but its own
        second = client.ticket_id_for_number("T20240101.0001")
        assert await asyncio.wait_for(second, 10) is None  # bounded: a leak would hang
